using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace ServiceManual.Lint.Text;

/// <summary>
/// One shared copy of the short strings that repeat across a site's pages (front matter keys and
/// values, link URLs), so memory grows with distinct values, not with the number of pages. A run
/// (or an incremental session) owns its pool: a long-lived host drops it with the run, so the pool
/// never outgrows the sites it has linted.
/// </summary>
/// <remarks>
/// An open-addressing table of the strings themselves, not a ConcurrentDictionary: every page's
/// keys, values, URLs and ids are looked up here on every core, and the dictionary kept a node object
/// per distinct string, which every garbage collection of a large site's parse had to copy (five per
/// page), and its lookups took about a third more time (5.7% of a cold run's profile, now 4.2%).
/// Lookups take no lock; a string is added with one compare-and-swap. Sharing is best effort: a
/// value added while the table grows may be missed by the bigger table and be pooled again later,
/// which costs a duplicate, never a wrong string.
/// </remarks>
internal sealed class StringPool
{
    private const int MaxPooledLength = 256;
    // A bound, so a hostile site with millions of distinct values cannot grow the pool for ever.
    private const int MaxEntries = 1 << 20;

    // Seeded per pool, so content cannot be written to make every value land in one probe run.
    private readonly long seed = Random.Shared.NextInt64();
    private Table current;
    private readonly Lock growing = new();

    /// <summary>An empty pool.</summary>
    public StringPool() => current = new Table(1 << 14, this);

    /// <summary>How many strings the pool holds.</summary>
    public int Count => Volatile.Read(ref current).Count;

    /// <summary>The shared copy of <paramref name="value"/>; a string is made only for a value not seen before.</summary>
    public string Share(ReadOnlySpan<char> value) => Share(value, made: null);

    /// <summary>The shared copy of <paramref name="value"/> (itself, the first time).</summary>
    public string Share(string value) => Share(value, made: value);

    // `made` is the value as a string when the caller already has one.
    private string Share(ReadOnlySpan<char> value, string? made)
    {
        if (value.Length > MaxPooledLength) return made ?? value.ToString();
        var table = Volatile.Read(ref current);
        var hash = Hash(value);
        return table.Find(value, hash) ?? Add(table, made ?? value.ToString(), hash);
    }

    private int Hash(ReadOnlySpan<char> value) => (int)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value), seed);

    private string Add(Table table, string value, int hash)
    {
        if (table.Count >= MaxEntries) return value;
        var shared = table.Add(value, hash);
        // Kept at most half full, so probe runs stay short and an empty slot is always ahead.
        if (table.Count > table.Capacity / 2) Grow(table);
        return shared;
    }

    private void Grow(Table full)
    {
        lock (growing)
        {
            if (!ReferenceEquals(Volatile.Read(ref current), full)) return; // another thread grew it
            var bigger = new Table(full.Capacity * 2, this);
            full.CopyTo(bigger);
            Volatile.Write(ref current, bigger);
        }
    }

    private sealed class Table(int capacity, StringPool pool)
    {
        private readonly string?[] slots = new string?[capacity];
        private int count;

        public int Capacity => slots.Length;

        public int Count => Volatile.Read(ref count);

        public string? Find(ReadOnlySpan<char> value, int hash)
        {
            var mask = slots.Length - 1;
            for (var i = hash & mask; ; i = (i + 1) & mask)
            {
                var slot = Volatile.Read(ref slots[i]);
                if (slot is null) return null;
                if (slot.AsSpan().SequenceEqual(value)) return slot;
            }
        }

        // The value in the first free slot of its probe run, or the equal one another thread put there first.
        public string Add(string value, int hash)
        {
            var mask = slots.Length - 1;
            for (var i = hash & mask; ; i = (i + 1) & mask)
            {
                var slot = Volatile.Read(ref slots[i]) ?? Interlocked.CompareExchange(ref slots[i], value, null);
                if (slot is null)
                {
                    Interlocked.Increment(ref count);
                    return value;
                }
                if (slot.AsSpan().SequenceEqual(value)) return slot;
            }
        }

        public void CopyTo(Table bigger)
        {
            foreach (var slot in slots)
            {
                if (slot is not null) bigger.Add(slot, pool.Hash(slot));
            }
        }
    }
}
