using System.Text;
using System.Text.RegularExpressions;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// One example of a rule doc in <c>rules/</c>: a "### Incorrect:", "### Correct:" or "### Fixed:"
/// section whose fenced blocks (<c>```markdown file=path</c>) form a tiny site. In incorrect
/// examples the lines that must be reported end with <c>&lt;!-- SMnnn --&gt;</c>; the marker is removed
/// before linting. A "Fixed" section gives the expected files after <c>--fix</c> of the incorrect one before it.
/// A doc whose header says <c>- **Rule set:** service-manual</c> is about a rule that needs that
/// vocabulary: its examples are linted with it unless they bring their own <c>smlint.yml</c>.
/// </summary>
internal sealed partial record RuleDocExample(string RuleId, string Kind, string Title, IReadOnlyList<ExampleFile> Files, RuleDocExample? FixedFrom, string? SiteVocabulary = null)
{
    public override string ToString() => $"{RuleId} {Kind}: {Title}";

    public static IEnumerable<RuleDocExample> Load(string rulesFolder)
    {
        foreach (var path in Directory.GetFiles(rulesFolder, "SM*.md").Order(StringComparer.Ordinal))
        {
            var ruleId = Path.GetFileNameWithoutExtension(path);
            var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
            var examples = text.IndexOf("\n## Examples", StringComparison.Ordinal);
            if (examples < 0) continue;
            var end = text.IndexOf("\n## ", examples + 5, StringComparison.Ordinal);
            var section = end < 0 ? text[examples..] : text[examples..end];
            var ruleSet = RuleSetLine().Match(text[..examples]) is { Success: true } line ? line.Groups["name"].Value : null;
            RuleDocExample? previous = null;
            foreach (Match heading in Heading().Matches(section))
            {
                var bodyStart = heading.Index + heading.Length;
                var next = Heading().Match(section, bodyStart);
                var body = next.Success ? section[bodyStart..next.Index] : section[bodyStart..];
                var files = Fence().Matches(body).Select(f => new ExampleFile(f.Groups["path"].Value, f.Groups["content"].Value, f.Groups["encoding"].Value, f.Groups["symlink"].Value)).ToArray();
                var kind = heading.Groups["kind"].Value;
                var example = new RuleDocExample(ruleId, kind, heading.Groups["title"].Value.Trim(), files, kind == "Fixed" ? previous : null, ruleSet);
                yield return example;
                previous = example;
            }
        }
    }

    [GeneratedRegex(@"^- \*\*Rule set:\*\* `?(?<name>[\w-]+)", RegexOptions.Multiline)]
    private static partial Regex RuleSetLine();

    [GeneratedRegex(@"^### (?<kind>Incorrect|Correct|Fixed): (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^```\w+ file=(?<path>\S+)(?: encoding=(?<encoding>\S+))?(?: symlink=(?<symlink>\S+))?\n(?<content>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}

/// <summary>A file of an example, with the lines its markers expect findings on.</summary>
internal sealed partial record ExampleFile(string Path, string MarkedContent, string Encoding, string SymlinkTarget)
{
    public string Content => Marker().Replace(MarkedContent, string.Empty);

    public IEnumerable<(string RuleId, int Line)> ExpectedFindings =>
        MarkedContent.Split('\n').SelectMany((line, index) => Marker().Matches(line).Select(m => (m.Groups["id"].Value, index + 1)));

    public Encoding TextEncoding => Encoding == "latin1" ? System.Text.Encoding.Latin1 : new UTF8Encoding(false);

    [GeneratedRegex(@" ?<!-- (?<id>SM\d{3}) -->")]
    private static partial Regex Marker();
}
