using System.Collections.Concurrent;

namespace ServiceManual.Lint.Text;

/// <summary>
/// One shared copy of the short strings that repeat across a site's pages (front matter keys and
/// values, link URLs), so memory grows with distinct values, not with the number of pages.
/// </summary>
internal static class StringPool
{
    private const int MaxPooledLength = 256;
    private const int MaxEntries = 1 << 20;
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static int entries; // ConcurrentDictionary.Count takes every lock: parsers on all cores would queue on it

    // Looks a span up without making a string of it: most values a parser meets are already pooled.
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> PoolBySpan =
        Pool.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The shared copy of <paramref name="value"/>; a string is made only for a value not seen before.</summary>
    public static string Share(ReadOnlySpan<char> value)
    {
        if (value.Length <= MaxPooledLength && PoolBySpan.TryGetValue(value, out var shared)) return shared;
        return Share(value.ToString());
    }

    /// <summary>The shared copy of <paramref name="value"/> (itself, the first time).</summary>
    public static string Share(string value)
    {
        if (value.Length > MaxPooledLength) return value;
        if (Pool.TryGetValue(value, out var shared)) return shared;
        // A bound, so a hostile site with millions of distinct values cannot grow the pool for ever.
        if (Volatile.Read(ref entries) >= MaxEntries) return value;
        if (Pool.TryAdd(value, value))
        {
            Interlocked.Increment(ref entries);
            return value;
        }
        return Pool.TryGetValue(value, out shared) ? shared : value;
    }
}
