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

    public static string Share(string value)
    {
        if (value.Length > MaxPooledLength) return value;
        if (Pool.TryGetValue(value, out var shared)) return shared;
        // A bound, so a hostile site with millions of distinct values cannot grow the pool for ever.
        return Pool.Count < MaxEntries ? Pool.GetOrAdd(value, value) : value;
    }
}
