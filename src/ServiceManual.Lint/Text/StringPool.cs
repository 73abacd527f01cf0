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
