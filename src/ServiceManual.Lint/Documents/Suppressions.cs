using ServiceManual.Lint.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace ServiceManual.Lint.Documents;

/// <summary>
/// Inline suppressions, markdownlint style: <c>&lt;!-- smlint-disable SM301 --&gt;</c> up to
/// <c>&lt;!-- smlint-enable SM301 --&gt;</c> (or the end of the file),
/// <c>&lt;!-- smlint-disable-next-line SM302 --&gt;</c> and <c>&lt;!-- smlint-disable-line SM302 --&gt;</c>.
/// Without ids they apply to every rule; ids or rule names may be separated by spaces or commas,
/// and <c>--</c> starts a free-text reason. Only real HTML comments count (read from Markdig's
/// syntax tree: not text in a code span or a fenced block). In front matter, a
/// <c>smlint-disable: [SM203]</c> key switches rules off for the whole page, and a YAML comment
/// (<c># smlint-disable-next-line SM203</c>) works as the HTML comment does.
/// </summary>
internal sealed class Suppressions
{
    private const string AllRules = "*";

    /// <summary>The front matter key that switches rules off for the whole page.</summary>
    public const string FrontMatterKey = "smlint-disable";

    private readonly List<(string Rule, int FromLine, int ToLine)> ranges = [];
    private readonly List<Mention> mentions = [];

    /// <summary>No suppressions.</summary>
    public static Suppressions None { get; } = new();

    /// <summary>The suppressed ranges, as the cache stores them.</summary>
    internal IReadOnlyList<(string Rule, int FromLine, int ToLine)> Ranges => ranges;

    /// <summary>Every rule id, directive or value written in a suppression, with its place, for SM003.</summary>
    internal IReadOnlyList<Mention> Mentions => mentions;

    /// <summary>What a suppression names, at a 1-based place in the file.</summary>
    internal readonly record struct Mention(string Word, int Line, int Column, MentionKind Kind);

    /// <summary>What a <see cref="Mention"/> is.</summary>
    internal enum MentionKind : byte
    {
        /// <summary>A rule id or name (SM003 reports it when no rule has it).</summary>
        Rule,
        /// <summary>A comment starting <c>smlint-</c> that is no directive smlint knows.</summary>
        UnknownDirective,
        /// <summary>A <c>smlint-disable:</c> front matter value that is not a rule id or a list of them.</summary>
        BadValue,
    }

    /// <summary>Suppressions with these ranges and mentions (read back from the cache).</summary>
    internal static Suppressions FromRanges(IEnumerable<(string Rule, int FromLine, int ToLine)> ranges, IEnumerable<Mention>? mentions = null)
    {
        var result = new Suppressions();
        result.ranges.AddRange(ranges);
        result.mentions.AddRange(mentions ?? []);
        return result.ranges.Count == 0 && result.mentions.Count == 0 ? None : result;
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

    /// <summary>The suppressions of a Markdown page's text, read as the page parser reads them (for tests).</summary>
    internal static Suppressions Parse(string text) =>
        PageParser.Parse("page.md", FileKind.Page, text, MarkdownOptions.Default).Suppressions;

    /// <summary>
    /// The suppressions of a page: its front matter's <c>smlint-disable</c> key and YAML comments,
    /// then the HTML comments of its body (<paramref name="comments"/>: offset and length of each
    /// comment's text between <c>&lt;!--</c> and <c>--&gt;</c>, as the parser found them).
    /// </summary>
    internal static Suppressions Read(SourceText source, FrontMatter? frontMatter, List<(int Offset, int Length)>? comments)
    {
        var text = source.Text;
        if (!text.Contains("smlint-", StringComparison.Ordinal)) return None;
        var result = new Suppressions();
        var found = new List<(int Offset, int Length, bool YamlComment)>();
        if (frontMatter is not null) ReadFrontMatter(source, frontMatter, result, found);
        if (comments is not null)
        {
            foreach (var (offset, length) in comments) found.Add((offset, length, false));
        }
        found.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        var open = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (offset, length, _) in found) ApplyComment(source, result, open, offset, length);
        foreach (var (rule, from) in open) result.ranges.Add((rule, from, int.MaxValue));
        return result.ranges.Count == 0 && result.mentions.Count == 0 ? None : result;
    }

    // smlint-disable: [SM203, SM105] (or one id) for the whole page, and "# smlint-..." YAML comments.
    private static void ReadFrontMatter(SourceText source, FrontMatter frontMatter, Suppressions result, List<(int, int, bool)> found)
    {
        switch (frontMatter.Get(FrontMatterKey))
        {
            case YamlScalar { IsNull: false } single:
                AddWholePage(frontMatter, result, single);
                break;
            case YamlSequence list:
                foreach (var item in list.Items)
                {
                    if (item is YamlScalar { IsNull: false } scalar) AddWholePage(frontMatter, result, scalar);
                    else AddBadValue(frontMatter, result, item);
                }
                break;
            case { } other:
                AddBadValue(frontMatter, result, other);
                break;
        }
        var yaml = source.Text.AsSpan(frontMatter.YamlOffset, frontMatter.YamlLength);
        // Front matter that is not valid YAML is SM101's to report (YamlDotNet's scanner alone, with
        // no parser to stop it, can go round for ever on some of it): its comments are not read.
        if (frontMatter.Error is not null || !yaml.Contains("smlint-", StringComparison.Ordinal)) return;
        // YamlDotNet's scanner tells a comment from a '#' inside a quoted value or a URL.
        var firstLine = source.GetPosition(frontMatter.YamlOffset).Line;
        try
        {
            var scanner = new Scanner(new StringReader(yaml.ToString()), skipComments: false);
            // Bounded all the same: a scanner that stops advancing must not stop the lint.
            for (var tokens = 0; tokens < MaxFrontMatterTokens && scanner.MoveNext(); tokens++)
            {
                if (scanner.Current is not Comment comment || !comment.Value.Contains("smlint-", StringComparison.Ordinal)) continue;
                // The comment's text starts after its '#'.
                var hash = source.GetLineStart(firstLine + (int)comment.Start.Line - 1) + (int)comment.Start.Column - 1;
                found.Add((hash + 1, (int)(comment.End.Index - comment.Start.Index) - 1, true));
            }
        }
        catch (YamlException)
        {
            // Front matter that is not valid YAML is SM101's to report; the comments read so far stand.
        }
    }

    private const int MaxFrontMatterTokens = 100_000;

    private static void AddWholePage(FrontMatter frontMatter, Suppressions result, YamlScalar scalar)
    {
        var span = frontMatter.GetSpan(scalar);
        var offset = frontMatter.GetValueOffset(scalar);
        foreach (var (word, at) in Words(scalar.Value, 0, scalar.Value.Length))
        {
            var position = frontMatter.Source.GetPosition(offset + at);
            result.ranges.Add((word, 1, int.MaxValue));
            result.mentions.Add(new Mention(word, span.Line, position.Column, MentionKind.Rule));
        }
    }

    private static void AddBadValue(FrontMatter frontMatter, Suppressions result, YamlValue value)
    {
        var span = frontMatter.GetSpan(value);
        result.mentions.Add(new Mention(FrontMatterKey, span.Line, span.Column, MentionKind.BadValue));
    }

    private static void ApplyComment(SourceText source, Suppressions result, Dictionary<string, int> open, int offset, int length)
    {
        var text = source.Text;
        var words = Words(text, offset, length).ToList();
        if (words.Count == 0 || !words[0].Word.StartsWith("smlint-", StringComparison.Ordinal)) return;
        // "-- reason": the rest is for people.
        var reason = words.FindIndex(w => w.Word == "--");
        if (reason >= 0) words.RemoveRange(reason, words.Count - reason);
        var directive = words[0];
        var startLine = source.GetPosition(offset).Line;
        var endLine = source.GetPosition(offset + length).Line;
        var named = words.Skip(1).ToList();
        foreach (var (word, at) in named)
        {
            var position = source.GetPosition(at);
            result.mentions.Add(new Mention(word, position.Line, position.Column, MentionKind.Rule));
        }
        var rules = named.Count > 0 ? named.Select(w => w.Word).ToArray() : [AllRules];
        switch (directive.Word)
        {
            case "smlint-disable-next-line":
                foreach (var rule in rules) result.ranges.Add((rule, endLine + 1, endLine + 1));
                break;
            case "smlint-disable-line":
                foreach (var rule in rules) result.ranges.Add((rule, startLine, endLine));
                break;
            case "smlint-disable":
                foreach (var rule in rules) open.TryAdd(rule, startLine);
                break;
            case "smlint-enable":
                if (rules is [AllRules])
                {
                    foreach (var (rule, from) in open) result.ranges.Add((rule, from, startLine));
                    open.Clear();
                }
                foreach (var rule in rules)
                {
                    if (open.Remove(rule, out var from)) result.ranges.Add((rule, from, startLine));
                }
                break;
            default:
                var place = source.GetPosition(directive.Offset);
                result.mentions.Add(new Mention(directive.Word, place.Line, place.Column, MentionKind.UnknownDirective));
                break;
        }
    }

    // The words of a comment (split on spaces, tabs, line breaks and commas), each with its offset.
    private static IEnumerable<(string Word, int Offset)> Words(string text, int offset, int length)
    {
        var end = offset + length;
        var i = offset;
        while (i < end)
        {
            while (i < end && IsSeparator(text[i])) i++;
            var start = i;
            while (i < end && !IsSeparator(text[i])) i++;
            if (i > start) yield return (text[start..i], start);
        }
    }

    private static bool IsSeparator(char c) => c is ' ' or ',' or '\t' or '\r' or '\n';
}
