using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Documents.Kramdown;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// Header ids under both dialects with fixed expectations, taken from kramdown 2.4 and
/// kramdown-parser-gfm 1.1 (see <see cref="KramdownDifferentialTests"/> for the live comparison).
/// </summary>
// Internal: its cases take internal parser types (the library exposes them to the tests only).
internal sealed class HeaderIdDialectTests
{
    private static string[] Ids(string markdown, MarkdownOptions options) =>
        PageParser.Parse("a.md", FileKind.Page, markdown, options).Anchors.Select(a => a.Id).ToArray();

    private static readonly MarkdownOptions Gfm = MarkdownOptions.Default;
    private static readonly MarkdownOptions Kramdown = new() { Input = MarkdownInput.Kramdown };

    [TestCase("## 1. Don't slow down delivery", new[] { "1-dont-slow-down-delivery" }, new[] { "dont-slow-down-delivery" })]
    [TestCase("##NoSpace\n\n## With space", new[] { "with-space" }, new[] { "nospace", "with-space" })]
    [TestCase("## Café naïve", new[] { "café-naïve" }, new[] { "caf-nave" })]
    [TestCase("## snake_case", new[] { "snake_case" }, new[] { "snakecase" })]
    [TestCase("## Notes\n\n## Notes\n\n## Notes", new[] { "notes", "notes-1", "notes-2" }, new[] { "notes", "notes-1", "notes-2" })]
    [TestCase("## **bold** and `code`", new[] { "bold-and-code" }, new[] { "bold-and-code" })]
    [TestCase("## [link](/x)", new[] { "link" }, new[] { "linkx" })]
    [TestCase("## 🎉 Party", new[] { "-party" }, new[] { "party" })]
    [TestCase("## 100%", new[] { "100" }, new[] { "section" })]
    [TestCase("## !!!\n\n## ???\n\n## Next", new[] { "-1", "next" }, new[] { "section", "section-1", "next" })]
    [TestCase("Setext title\n============", new[] { "setext-title" }, new[] { "setext-title" })]
    [TestCase("## A -- B --- C", new[] { "a--b--c" }, new[] { "a----b-----c" })]
    [TestCase("## &amp; &eacute; AT&T", new[] { "-é-att" }, new[] { "amp-eacute-att" })]
    [TestCase("## C#", new[] { "c" }, new[] { "c" })]
    [TestCase("Some text\n## Interrupting", new[] { "interrupting" }, new string[0])]
    [TestCase("## İstanbul ß ẞ", new[] { "i\u0307stanbul-ß-ß" }, new[] { "stanbul--" })]
    [TestCase("## Привет мир", new[] { "привет-мир" }, new[] { "section" })]
    [TestCase("## x\n\n## x\n\n## x-1", new[] { "x", "x-1", "x-1" }, new[] { "x", "x-1", "x-1" })]
    [TestCase("## Title {#custom}\n\n## Title", new[] { "custom", "title" }, new[] { "custom", "title" })]
    public void Ids_follow_the_dialect(string markdown, string[] gfm, string[] kramdown)
    {
        Assert.That(Ids(markdown + "\n", Gfm), Is.EqualTo(gfm), "GFM");
        Assert.That(Ids(markdown + "\n", Kramdown), Is.EqualTo(kramdown), "kramdown");
    }

    [Test]
    public void Prefix_goes_before_every_generated_id_but_not_explicit_ones()
    {
        const string markdown = "## Notes\n\n## Notes\n\n## Own {#own}\n";
        Assert.That(Ids(markdown, Gfm with { AutoIdPrefix = "p-" }), Is.EqualTo(new[] { "p-notes", "p-notes-1", "own" }));
        Assert.That(Ids(markdown, Kramdown with { AutoIdPrefix = "p-" }), Is.EqualTo(new[] { "p-notes", "p-notes-1", "own" }));
    }

    [Test]
    public void Stripping_makes_kramdown_ids_from_plain_text_only()
    {
        const string markdown = "## Use `code` &amp; -- dash [link](/x)\n";
        Assert.That(Ids(markdown, Kramdown), Is.EqualTo(new[] { "use-code-amp----dash-linkx" }));
        Assert.That(Ids(markdown, Kramdown with { AutoIdStripping = true }), Is.EqualTo(new[] { "use----dash-link" }));
    }

    [Test]
    public void Without_the_paragraph_end_quirk_gfm_headers_need_a_blank_line_and_closing_hashes_need_no_space()
    {
        const string markdown = "Some text\n## Interrupting\n\n## C#\n";
        Assert.That(Ids(markdown, Gfm), Is.EqualTo(new[] { "interrupting", "c" }));
        Assert.That(Ids(markdown, Gfm with { GfmParagraphEnd = false }), Is.EqualTo(new[] { "c" }));
    }

    [Test]
    public void Transliteration_spells_latin_letters_in_ascii_for_kramdown_input_only()
    {
        Assert.That(Ids("## Café Straße\n", Kramdown with { TransliteratedHeaderIds = true }), Is.EqualTo(new[] { "cafe-strasse" }));
        Assert.That(Ids("## Café Straße\n", Gfm with { TransliteratedHeaderIds = true }), Is.EqualTo(new[] { "café-straße" }));
    }

    [TestCase("Hello World", "hello-world")]
    [TestCase("1. Don’t", "1-dont")]
    [TestCase("a\tb", "a-b")]
    [TestCase("Ⓐ circled", "ⓐ-circled")]
    [TestCase("!!!", "")]
    public void Gfm_basic_id(string text, string expected) => Assert.That(GfmIds.BasicId(text), Is.EqualTo(expected));

    [Test]
    public void Headers_with_and_without_markup_give_the_same_id()
    {
        // Plain headers are not inline-parsed (PlainTextBlocksExtension); their ids come from the source.
        Assert.That(Ids("## Plain words\n\n## *Plain* words\n", Gfm), Is.EqualTo(new[] { "plain-words", "plain-words-1" }));
    }

    // Precedence: smlint.yml site.markdown, then _config.yml kramdown.input, then the Jekyll version, then GFM.
    [TestCase(null, null, null, MarkdownInput.Gfm)]
    [TestCase("    jekyll (2.1.1)", null, null, MarkdownInput.Kramdown)]
    [TestCase("    jekyll (3.0.0)", null, null, MarkdownInput.Gfm)]
    [TestCase("    jekyll (2.1.1)", "GFM", null, MarkdownInput.Gfm)]
    [TestCase("    jekyll (4.3.1)", "kramdown", null, MarkdownInput.Kramdown)]
    [TestCase("    jekyll (4.3.1)", "Kramdown", null, MarkdownInput.Kramdown)]
    [TestCase(null, "GFM", "kramdown", MarkdownInput.Kramdown)]
    [TestCase("    jekyll (2.1.1)", "kramdown", "gfm", MarkdownInput.Gfm)]
    public void Dialect_precedence(string? lockSpec, string? input, string? smlint, MarkdownInput expected)
    {
        using var site = new TestSite().With("_config.yml", input is null ? "baseurl: /\n" : $"kramdown:\n  input: {input}\n");
        if (lockSpec is not null) site.With("Gemfile.lock", $"GEM\n  specs:\n{lockSpec}\n");
        if (smlint is not null) site.With("smlint.yml", $"site:\n  markdown: {smlint}\n");
        Assert.That(ConfigurationLoader.Load(site.Root).Markdown.Input, Is.EqualTo(expected));
    }

    [TestCase("gfm")]
    [TestCase("html")]
    public void An_input_jekyll_cannot_use_is_a_configuration_error(string input)
    {
        using var site = new TestSite().With("_config.yml", $"kramdown:\n  input: {input}\n");
        Assert.That(() => ConfigurationLoader.Load(site.Root), Throws.TypeOf<ConfigurationException>().With.Message.Contains("kramdown input"));
    }

    [Test]
    public void Kramdown_id_options_are_read_from_config_yml()
    {
        using var site = new TestSite().With("_config.yml",
            "kramdown:\n  auto_ids: no\n  auto_id_prefix: sec-\n  auto_id_stripping: true\n  transliterated_header_ids: 'yes'\n  gfm_quirks: no_auto_typographic\n");
        var markdown = ConfigurationLoader.Load(site.Root).Markdown;
        Assert.That(markdown, Is.EqualTo(new MarkdownOptions
        {
            AutoIds = false, AutoIdPrefix = "sec-", AutoIdStripping = true, TransliteratedHeaderIds = true, GfmParagraphEnd = false,
        }));
    }

    [Test]
    public void Corpus_snapshots_read_kramdown_input()
    {
        var corpus = RepositoryPaths.Corpus;
        if (corpus is null) Assert.Ignore("../shared/corpus is not beside this clone");
        foreach (var snapshot in new[] { "service-manual-2013", "service-manual-2016" })
        {
            Assert.That(ConfigurationLoader.Load(Path.Combine(corpus!, snapshot)).Markdown.Input, Is.EqualTo(MarkdownInput.Kramdown), snapshot);
        }
    }

    [Test]
    public void The_sample_site_reads_kramdown_input() =>
        Assert.That(ConfigurationLoader.Load(Path.Combine(RepositoryPaths.Root, "samples", "service-manual")).Markdown.Input, Is.EqualTo(MarkdownInput.Kramdown));
}
