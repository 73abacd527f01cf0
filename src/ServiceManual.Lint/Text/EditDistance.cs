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
        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > limit) return int.MaxValue;
            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }
        return previous[b.Length];
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
