namespace ServiceManual.Lint.Text;

/// <summary>
/// Optimal string alignment distance (Levenshtein plus the swap of two neighbours), for "did you
/// mean": authors' typos are mostly a letter lost, added, changed or two letters swapped.
/// </summary>
internal static class EditDistance
{
    public static int Between(string a, string b, int limit = int.MaxValue)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return int.MaxValue;
        // Only cells within the limit of the diagonal can stay within it: a small limit (the usual
        // "did you mean" search over a whole site's names) touches a band, not the whole table.
        var band = Math.Min(limit, Math.Max(a.Length, b.Length));
        const int Far = int.MaxValue / 2;
        // Three rows; on the stack for names (a search over a site's names calls this thousands of times per link).
        Span<int> rows = b.Length < 256 ? stackalloc int[3 * (b.Length + 1)] : new int[3 * (b.Length + 1)];
        var beforePrevious = rows[..(b.Length + 1)];
        var previous = rows.Slice(b.Length + 1, b.Length + 1);
        var current = rows.Slice(2 * (b.Length + 1), b.Length + 1);
        for (var j = 0; j <= b.Length; j++) previous[j] = j <= band ? j : Far;
        for (var i = 1; i <= a.Length; i++)
        {
            var from = Math.Max(1, i - band);
            var to = Math.Min(b.Length, i + band);
            current[0] = i <= band ? i : Far;
            if (from > 1) current[from - 1] = Far;
            var rowMin = from == 1 ? current[0] : Far;
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, beforePrevious[j - 2] + 1);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (to < b.Length) current[to + 1] = Far;
            if (rowMin > limit) return int.MaxValue;
            var oldest = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = oldest;
        }
        return previous[b.Length] > limit ? int.MaxValue : previous[b.Length];
    }

    /// <summary>The single closest candidate within <paramref name="limit"/>, or null when none is or two tie.</summary>
    public static (string Value, int Distance)? Closest(string target, IEnumerable<string> candidates, int limit)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var tie = false;
        foreach (var candidate in candidates)
        {
            var distance = Between(target, candidate, limit);
            if (distance > limit) continue;
            if (distance < bestDistance) { best = candidate; bestDistance = distance; tie = false; }
            else if (distance == bestDistance && candidate != best) tie = true;
        }
        return best is null || tie ? null : (best, bestDistance);
    }
}
