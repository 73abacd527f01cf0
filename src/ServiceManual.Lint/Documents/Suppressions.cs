namespace ServiceManual.Lint.Documents;

/// <summary>
/// Inline suppressions, markdownlint style: <c>&lt;!-- smlint-disable SM301 --&gt;</c> up to
/// <c>&lt;!-- smlint-enable SM301 --&gt;</c> (or the end of the file), and
/// <c>&lt;!-- smlint-disable-next-line SM302 --&gt;</c>. Without ids they apply to every rule.
/// Ids or rule names may be separated by spaces or commas.
/// </summary>
public sealed class Suppressions
{
    private const string AllRules = "*";
    private readonly List<(string Rule, int FromLine, int ToLine)> ranges = [];

    /// <summary>No suppressions.</summary>
    public static Suppressions None { get; } = new();

    /// <summary>The suppressed ranges, as the cache stores them.</summary>
    internal IReadOnlyList<(string Rule, int FromLine, int ToLine)> Ranges => ranges;

    /// <summary>Suppressions with these ranges (read back from the cache).</summary>
    internal static Suppressions FromRanges(IEnumerable<(string Rule, int FromLine, int ToLine)> ranges)
    {
        var result = new Suppressions();
        result.ranges.AddRange(ranges);
        return result.ranges.Count == 0 ? None : result;
    }

    /// <summary>Whether a finding of <paramref name="ruleId"/> (or its <paramref name="ruleName"/>) on <paramref name="line"/> is suppressed.</summary>
    public bool IsSuppressed(string ruleId, string ruleName, int line)
    {
        foreach (var (rule, from, to) in ranges)
        {
            if (line >= from && line <= to && (rule == AllRules || rule.Equals(ruleId, StringComparison.OrdinalIgnoreCase) || rule.Equals(ruleName, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }
        return false;
    }

    internal static Suppressions Parse(string text)
    {
        if (!text.Contains("smlint-", StringComparison.Ordinal)) return None;
        var result = new Suppressions();
        var open = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var line = 1;
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            var end = lineEnd < 0 ? text.Length : lineEnd;
            var content = text.AsSpan(lineStart, end - lineStart);
            var search = 0;
            while (true)
            {
                var at = content[search..].IndexOf("<!--", StringComparison.Ordinal);
                if (at < 0) break;
                at += search;
                // Look for the end after the opening, so "<!-->" is not read as a comment that ends inside itself.
                var close = content[(at + 4)..].IndexOf("-->", StringComparison.Ordinal);
                if (close < 0) break;
                var comment = content.Slice(at + 4, close).Trim().ToString();
                search = at + 4 + close + 3;
                ApplyComment(result, open, comment, line);
            }
            if (lineEnd < 0) break;
            lineStart = lineEnd + 1;
            line++;
        }
        foreach (var (rule, from) in open) result.ranges.Add((rule, from, int.MaxValue));
        return result;
    }

    private static void ApplyComment(Suppressions result, Dictionary<string, int> open, string comment, int line)
    {
        var words = comment.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return;
        var rules = words.Length > 1 ? words[1..] : [AllRules];
        switch (words[0])
        {
            case "smlint-disable-next-line":
                foreach (var rule in rules) result.ranges.Add((rule, line + 1, line + 1));
                break;
            case "smlint-disable-line":
                foreach (var rule in rules) result.ranges.Add((rule, line, line));
                break;
            case "smlint-disable":
                foreach (var rule in rules) open.TryAdd(rule, line);
                break;
            case "smlint-enable":
                if (rules is [AllRules])
                {
                    foreach (var (rule, from) in open) result.ranges.Add((rule, from, line));
                    open.Clear();
                }
                foreach (var rule in rules)
                {
                    if (open.Remove(rule, out var from)) result.ranges.Add((rule, from, line));
                }
                break;
        }
    }
}
