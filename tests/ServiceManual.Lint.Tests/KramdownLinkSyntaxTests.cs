using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// Link destinations as kramdown 2.4 reads them, under kramdown and GFM input: each case states the
/// hrefs (and srcs) we expect, in order, and, where Ruby has kramdown and kramdown-parser-gfm (Debian's
/// jekyll brings both), the same table is compared with what kramdown itself writes.
/// </summary>
// Internal: its cases take internal parser types (the library exposes them to the tests only).
internal sealed class KramdownLinkSyntaxTests
{
    /// <summary>A document and the URLs of its links, in document order.</summary>
    public sealed record Case(string Name, string Markdown, string[] Urls)
    {
        public override string ToString() => Name;
    }

    public static readonly Case[] Cases =
    [
        new("parenthesised text after a space (ruby-lang.org)", "[x](/en/news/2009/06/09/dos-vulnerability-in-bigdecimal/ (CVE-2009-1904))\n",
            ["/en/news/2009/06/09/dos-vulnerability-in-bigdecimal/ (CVE-2009-1904)"]),
        new("a space in the destination", "[x](/a b)\n", ["/a b"]),
        new("a space, then a title", "[x](/a b \"t\")\n", ["/a b"]),
        new("double-quoted title", "[x](/a \"t\")\n", ["/a"]),
        new("single-quoted title", "[x](/a 't')\n", ["/a"]),
        new("parentheses are no title", "[x](/a (t))\n", ["/a (t)"]),
        new("angle brackets with a space", "[x](<a b>)\n", ["a b"]),
        new("angle brackets and a title", "[x](<a> \"t\")\n", ["a"]),
        new("an unclosed angle bracket", "[x](</a b)\n", ["</a b"]),
        new("no backslash escapes", "[x](/a\\_b)\n", ["/a\\_b"]),
        new("an escaped parenthesis ends it", "[x](/a\\))\n", ["/a\\"]),
        new("entities decoded", "[x](/a&amp;b)\n", ["/a&b"]),
        new("balanced parentheses", "[x](/a(b)c)\n", ["/a(b)c"]),
        new("blanks around", "[x]( /a )\n", ["/a"]),
        new("text after a title is no link", "[x](/a \"t\" more)\n\n[y](/b)\n", ["/b"]),
        new("an unclosed title is no link", "[x](/a \"t)\n\n[y](/b)\n", ["/b"]),
        new("a tab in the destination", "[x](/a\tb)\n", ["/a\tb"]),
        new("percent escapes kept", "[x](/a%20b)\n", ["/a%20b"]),
        new("an image with a space", "![i](/a b.png)\n", ["/a b.png"]),
        new("two links on a line", "[x](/a b) and [y](/c (d)) end\n", ["/a b", "/c (d)"]),
        new("definition with a space", "[x][r]\n\n[r]: /x y\n", ["/x y"]),
        new("definition with parentheses", "[x][r]\n\n[r]: /x (t)\n", ["/x (t)"]),
        new("definition with a title", "[x][r]\n\n[r]: /x \"t\"\n", ["/x"]),
        new("definition in angle brackets", "[x][r]\n\n[r]: <a b> \"t\"\n", ["a b"]),
        new("definition without escapes", "[x][r]\n\n[r]: /x\\_y\n", ["/x\\_y"]),
        new("definition with a space and a title", "[x][r]\n\n[r]: /x y \"t\"\n", ["/x y"]),
        new("Liquid in the destination", "[x]({{ '/a/' | relative_url }})\n", ["{{ '/a/' | relative_url }}"]),
    ];

    private static IEnumerable<TestCaseData> Table() =>
        from c in Cases
        from input in new[] { MarkdownInput.Kramdown, MarkdownInput.Gfm }
        select new TestCaseData(c, input).SetName($"Destinations_read_as_kramdown_reads_them({input}, {c.Name})");

    [TestCaseSource(nameof(Table))]
    public void Destinations_read_as_kramdown_reads_them(Case @case, MarkdownInput input)
    {
        var page = PageParser.Parse("a.md", FileKind.Page, @case.Markdown, new MarkdownOptions { Input = input });
        Assert.That(page.Links.OrderBy(l => l.Offset).Select(l => l.Url), Is.EqualTo(@case.Urls), $"{input}: {@case.Markdown}");
    }

    private static IEnumerable<TestCaseData> RubyTable() =>
        from c in Cases
        where !c.Markdown.Contains("{{", StringComparison.Ordinal) // Jekyll renders Liquid before kramdown sees it
        from input in new[] { MarkdownInput.Kramdown, MarkdownInput.Gfm }
        select new TestCaseData(c, input).SetName($"Expected_destinations_are_what_kramdown_writes({input}, {c.Name})");

    [TestCaseSource(nameof(RubyTable))]
    public void Expected_destinations_are_what_kramdown_writes(Case @case, MarkdownInput input)
    {
        var hrefs = KramdownRuby.AnswersOrIgnore(Kramdown);
        Assert.That(hrefs[KramdownRuby.Key(@case.Name, input)], Is.EqualTo(@case.Urls), @case.Markdown);
    }

    [Test]
    public void The_destination_is_reported_where_it_is_written()
    {
        const string text = "Intro\n\n[x](/en/news/a/ (CVE-2009-1904)) end\n";
        var page = PageParser.Parse("a.md", FileKind.Page, text, MarkdownOptions.Default);
        var link = page.Links.Single();
        Assert.That((link.Offset, link.Length, link.Span.Line, link.Span.Column), Is.EqualTo((text.IndexOf("/en", StringComparison.Ordinal), "/en/news/a/ (CVE-2009-1904)".Length, 3, 5)));
    }

    private static readonly Lazy<(Dictionary<string, string[]>? Hrefs, string? Why)> Kramdown = new(RunRuby);

    // Every href and src kramdown writes, in order, entities decoded as a browser decodes them.
    private static (Dictionary<string, string[]>?, string?) RunRuby() => KramdownRuby.RenderEachCase(
        Cases.Select(c => new Dictionary<string, string> { ["name"] = c.Name, ["markdown"] = c.Markdown }),
        """
        html = Kramdown::Document.new(c["markdown"], input: input).to_html
        html.scan(/\s(?:href|src)="([^"]*)"/m).map { |(url)| CGI.unescapeHTML(url) }
        """);
}
