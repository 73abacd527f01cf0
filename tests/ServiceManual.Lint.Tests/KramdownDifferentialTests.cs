using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// Our header ids against the real kramdown 2 and kramdown-parser-gfm, when Ruby has them: one Ruby
/// run renders every case under both inputs, and each case then compares the ids of its headers,
/// in order, with ours. The same cases with fixed expectations are in <see cref="HeaderIdDialectTests"/>.
/// </summary>
// Internal: its cases take internal parser types (the library exposes them to the tests only).
internal sealed class KramdownDifferentialTests
{
    /// <summary>A document of headers and the kramdown options it is rendered with.</summary>
    public sealed record Case(string Name, string Markdown, Dictionary<string, object>? Options = null)
    {
        public override string ToString() => Name;
    }

    public static readonly Case[] Cases =
    [
        new("leading number", "## 1. Don't slow down delivery\n"),
        new("no space after hashes", "##NoSpace\n\n## With space\n"),
        new("accented letters", "## Café naïve\n"),
        new("underscores", "## snake_case\n"),
        new("repeats", "## Notes\n\n## Notes\n\n## Notes\n"),
        new("bold and code", "## **bold** and `code`\n"),
        new("link", "## [link](/x)\n"),
        new("emoji", "## 🎉 Party\n"),
        new("percent", "## 100%\n"),
        new("only punctuation", "## !!!\n\n## ???\n\n## Next\n"),
        new("explicit id", "## Title {#custom}\n\n## Title\n"),
        new("setext", "Setext title\n============\n\nSecond one\n----------\n"),
        new("typographic dashes", "## A -- B --- C ---- D - E\n"),
        new("entities", "## &amp; &eacute; AT&T\n"),
        new("C sharp", "## C#\n"),
        new("closing hashes", "## Title ##\n\n## Other #####   \n"),
        new("a lone hash", "## #\n\n## Next\n"),
        new("header under a paragraph", "Some text\n## Interrupting\n"),
        new("repeat of a numbered repeat", "## x\n\n## x\n\n## x-1\n"),
        new("image and link", "## ![img](a.png) and [link](/x)\n"),
        new("inline html", "## <span>html</span> tail <!-- note -->\n"),
        new("dotted capital I and sharp s", "## İstanbul ß ẞ\n"),
        new("tabs and double spaces", "## Tabs\tand  double  spaces\n"),
        new("dots and question mark", "### What is GOV.UK Verify?\n"),
        new("year first", "## 2013 in review\n"),
        new("emphasis with underscores", "## _emphasis_ __strong__ snake_case_name\n"),
        new("code with underscores", "## Use `foo_bar()` here\n"),
        new("en dash character", "## Ünïcödé – dash\n"),
        new("attribute list id", "## Title\n{: #ial-id}\n\n## Title\n"),
        new("hyphenated", "## Step-by-step\n"),
        new("guillemets and ellipsis", "## a <<b>> c ... d\n"),
        new("Cyrillic", "## Привет мир\n"),
        new("Japanese", "## 日本語の見出し\n"),
        new("escapes", "## Escaped \\*star\\* and \\_under\\_\n"),
        new("curly quotes", "## The ‘quoted’ “words”\n"),
        new("headers without blank lines", "# One\n## Two\n### Three\n"),
        new("trailing spaces after hashes", "## Trailing hashes ###   \n"),
        new("autolink", "## <http://example.com/a>\n"),
        new("circled letter", "## Ⓐ circled\n"),
        new("id not at the end", "## Title {#custom} more\n"),
        new("tab after hashes", "##\tTab after hashes\n"),
        new("escaped hash at the end", "## Hello\\#\n"),
        new("spaced backticks", "## a ` b ` c\n"),
        new("fenced code", "```\n## in fence\n```\n\n## After fence\n"),
        new("in a block quote", "> ## Quoted heading\n"),
        new("in a list item", "- item\n\n  ## In a list\n"),
        new("indented code", "    ## indented code\n\n## After code\n"),
        new("indented two spaces", "  ## Two-space indent\n"),
        new("html heading is not counted", "<h2 id=\"raw\">Raw</h2>\n\n## Raw\n"),
        new("prefix", "## Notes\n\n## Notes\n", new() { ["auto_id_prefix"] = "p-" }),
        new("stripping", "## Use `code` &amp; -- dash [link](/x)\n", new() { ["auto_id_stripping"] = true }),
        new("without paragraph_end", "Some text\n## Interrupting\n\n## C#\n\n## Title ##\n", new() { ["gfm_quirks"] = "" }),
        new("auto ids off", "## Title\n\n## Other {#x}\n", new() { ["auto_ids"] = false }),
    ];

    private static readonly Lazy<(Dictionary<string, string[]>? Ids, string? Why)> Kramdown = new(RunRuby);

    private static IEnumerable<TestCaseData> Table() =>
        from c in Cases
        from input in new[] { MarkdownInput.Kramdown, MarkdownInput.Gfm }
        select new TestCaseData(c, input).SetName($"Ids_match_kramdown({input}, {c.Name})");

    [TestCaseSource(nameof(Table))]
    public void Ids_match_kramdown(Case @case, MarkdownInput input)
    {
        var expected = KramdownRuby.AnswersOrIgnore(Kramdown)[KramdownRuby.Key(@case.Name, input)];
        var page = PageParser.Parse("a.md", FileKind.Page, @case.Markdown, OptionsFor(@case, input));
        Assert.That(page.Anchors.Select(a => a.Id), Is.EqualTo(expected), $"{input}: {@case.Markdown}");
    }

    internal static MarkdownOptions OptionsFor(Case @case, MarkdownInput input)
    {
        var options = new MarkdownOptions { Input = input };
        foreach (var (key, value) in @case.Options ?? [])
        {
            options = key switch
            {
                "auto_id_prefix" => options with { AutoIdPrefix = (string)value },
                "auto_id_stripping" => options with { AutoIdStripping = (bool)value },
                "auto_ids" => options with { AutoIds = (bool)value },
                "gfm_quirks" => options with { GfmParagraphEnd = ((string)value).Contains("paragraph_end", StringComparison.Ordinal) },
                _ => throw new ArgumentException(key),
            };
        }
        return options;
    }

    // The ids of the rendered headers (<h1>..<h6>) in order, for every case under both inputs.
    private static (Dictionary<string, string[]>?, string?) RunRuby() => KramdownRuby.RenderEachCase(
        Cases.Select(c => new Dictionary<string, object> { ["name"] = c.Name, ["markdown"] = c.Markdown, ["options"] = c.Options ?? [] }),
        """
        options = { input: input }
        (c["options"] || {}).each { |k, v| options[k.to_sym] = v }
        html = Kramdown::Document.new(c["markdown"], options).to_html
        ids = html.scan(/<h[1-6](\s[^>]*)?>/).map { |(attrs)| attrs && attrs[/\sid="([^"]*)"/, 1] }
        ids.compact.reject(&:empty?).map { |id| CGI.unescapeHTML(id) }
        """);
}
