using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Tests;

public sealed class PageParsingTests
{
    private static Page Parse(string text, string path = "service-manual/a.md") =>
        PageParser.Parse(path, FileKind.Page, text, new MarkdownOptions { Input = MarkdownInput.Kramdown });

    [Test]
    public void Headings_without_a_space_get_kramdown_ids_and_headings_under_a_paragraph_do_not()
    {
        var page = Parse("---\ntitle: A\n---\n\n##1. First\n\nText\n## Not a heading\n\n# Second {#two}\n\n## Third\n{: id=\"third-id\"}\n\nPara\n{: #para-id}\n");
        Assert.That(page.Anchors.Select(a => (a.Id, a.Line)), Is.EqualTo(new[] { ("first", 5), ("two", 10), ("third-id", 12), ("para-id", 16) }));
    }

    [TestCase("---\ntitle: A\n---\n##First\n{: #own}\nText [x](/y)\n", "own", 4, 6)]
    [TestCase("---\ntitle: A\n---\n{: #para}\nText [x](/y)\n", "para", 4, 5)]
    [TestCase("---\r\ntitle: A\r\n---\r\n## First\r\n\r\nText [x](/y)\r\n", "first", 4, 6)]
    [TestCase("---\ntitle: A\n...\n\n    code\n\n# First\n\nText [x](/y)\n", "first", 7, 9)]
    [TestCase("---\nunclosed: yes\n\n## First\nText [x](/y)\n", "first", 4, 5)]
    public void The_body_starts_right_after_the_front_matter(string text, string id, int anchorLine, int linkLine)
    {
        // The first body line is a block boundary (a header there is a header, an attribute list
        // applies to what follows), whatever the front matter's lines or line endings were.
        var page = Parse(text);
        Assert.That(page.Anchors.Select(a => (a.Id, a.Line)), Is.EqualTo(new[] { (id, anchorLine) }));
        Assert.That(page.Links.Select(l => (l.Url, l.Span.Line, l.Span.Column)), Is.EqualTo(new[] { ("/y", linkLine, 10) }));
    }

    [Test]
    public void Links_and_ids_come_in_document_order_however_deep_they_are_nested()
    {
        // Inside emphasis, a header, a quote, a list item and raw HTML, and several per line: the
        // page's links are listed as they are written (rules and the cache walk them in that order).
        var page = Parse("---\ntitle: A\n---\n## [h](/h) <a id=\"x\"></a>\n\n*[a](/a) **[b](/b) [c](/c)** <https://d.example/>* [r][ref] <a href=\"/e\">e</a>\n\n" +
                         "> [q](/q)\n>\n> - [l](/l) *[m](/m)*\n\n{: #tail}\n[z](/z)\n\n[ref]: /r\n");
        Assert.That(page.Links.Select(l => l.Url), Is.EqualTo(new[] { "/h", "/a", "/b", "/c", "https://d.example/", "/e", "/q", "/l", "/m", "/z", "/r" }));
        Assert.That(page.Anchors.Select(a => a.Id), Is.EqualTo(new[] { "hh-a-idxa", "x", "tail" }));
    }

    [Test]
    public void A_page_that_is_only_front_matter_has_no_body()
    {
        var page = Parse("---\ntitle: A\n---");
        Assert.That((page.Anchors.Count, page.Links.Count, page.FrontMatter!.GetString("title")), Is.EqualTo((0, 0, "A")));
    }

    [Test]
    public void Link_positions_are_the_url_in_the_file_one_based()
    {
        var page = Parse("---\ntitle: A\nbreadcrumbs:\n  - title: Home\n    url: \"/service-manual\"\n---\nSee [x](/a/b.html#c) and ![i](<img.png>).\n\n<p><a href=\"/h\" id=\"anchor\">h</a></p>\n\n[ref]: /r\n\nUse [ref] and <https://example.com/>.\n");
        var links = page.Links.Select(l => (l.Kind, l.Url, l.Span.Line, l.Span.Column, l.Span.EndColumn)).ToArray();
        Assert.That(links, Is.EquivalentTo(new[]
        {
            (LinkKind.FrontMatter, "/service-manual", 5, 11, 26),
            (LinkKind.Inline, "/a/b.html#c", 7, 9, 20),
            (LinkKind.Image, "img.png", 7, 32, 39),
            (LinkKind.HtmlAttribute, "/h", 9, 13, 15),
            (LinkKind.ReferenceDefinition, "/r", 11, 8, 10),
            (LinkKind.Autolink, "https://example.com/", 13, 16, 36),
        }));
        Assert.That(page.Anchors.Select(a => a.Id), Does.Contain("anchor"));
    }

    [Test]
    public void Plain_text_paragraphs_and_headers_are_skipped_but_everything_with_a_bracket_or_angle_bracket_is_read()
    {
        // Paragraphs and headers without '[' or '<' are not parsed for inlines (see PlainTextBlocksExtension):
        // every kind of link or id that needs one of the two must still be found, around plain text.
        var page = Parse("---\ntitle: A\n---\nPlain *text* with & and `code`.\n\nAn <span id=\"inline-id\">inline</span> id.\n\n"
            + "Bare <https://example.com/x> link.\n\nSetext [header](/h)\n====\n\nPlain setext\n---\n\n## ATX <a id=\"atx\"></a> header\n\n"
            + "* plain item\n* [item](/i)\n\nLazy paragraph\ncontinued [late](/late)\n");
        Assert.That(page.Links.Select(l => (l.Kind, l.Url, l.Span.Line)), Is.EqualTo(new[]
        {
            (LinkKind.Autolink, "https://example.com/x", 8),
            (LinkKind.Inline, "/h", 10),
            (LinkKind.Inline, "/i", 19),
            (LinkKind.Inline, "/late", 22),
        }));
        // kramdown makes header ids from the header's raw text, markup and all.
        Assert.That(page.Anchors.Select(a => (a.Id, a.Line)), Is.EqualTo(new[]
        {
            ("inline-id", 6), ("setext-headerh", 10), ("plain-setext", 13), ("atx-a-idatxa-header", 16), ("atx", 16),
        }));
    }

    [Test]
    public void A_header_right_under_a_plain_paragraph_of_several_lines_is_still_paragraph_text()
    {
        // The plain paragraph's inlines are skipped: its extent must still reach its last line.
        var page = Parse("---\ntitle: A\n---\nLine one\nline two\nline three\n## Not a heading\n\n## Real\n");
        Assert.That(page.Anchors.Select(a => (a.Id, a.Line)), Is.EqualTo(new[] { ("real", 9) }));
    }

    [Test]
    public void Crlf_files_keep_exact_columns()
    {
        var page = Parse("---\r\ntitle: A\r\n---\r\n\r\nLine [a](/x)\r\n");
        Assert.That(page.Links.Single().Span, Is.EqualTo(new Diagnostics.SourceSpan(5, 10, 5, 12)));
    }

    [Test]
    public void Attribute_lists_and_abbreviations_are_not_content()
    {
        var page = Parse("---\ntitle: A\n---\n\nIntro\n{:.intro}\n\n*[API]: application programming interface\n\nAn API.\n");
        Assert.That(page.Links, Is.Empty);
    }

    [Test]
    public void An_abbreviation_definition_is_not_text_and_its_expansion_holds_no_link()
    {
        // kramdown puts the expansion in an <abbr title>: the Markdown in it is never rendered.
        var page = Parse("---\ntitle: A\n---\n*[HTML]: see [the spec](/nowhere)\n## HTML pages\n\nWrite HTML well.\n");
        Assert.That(page.Links, Is.Empty);
        Assert.That(page.Anchors.Select(a => (a.Id, a.Line)), Is.EqualTo(new[] { ("html-pages", 5) }));
    }

    [Test]
    public void A_cached_page_body_asked_for_by_many_threads_at_once_is_loaded_once()
    {
        // Links are resolved on every core and read their targets' ids: every thread must see the
        // same body (rules match links by identity), and the cache must decode it only once.
        var parsed = Parse("---\ntitle: A\n---\n## Heading\n");
        var loads = 0;
        var page = new Page(parsed.Path, FileKind.Page, null, "A", [], PublishingFacts.None, () =>
        {
            Interlocked.Increment(ref loads);
            Thread.Sleep(20);
            return parsed.Body;
        });
        var seen = new Page.PageBody[8];
        Parallel.For(0, seen.Length, new ParallelOptions { MaxDegreeOfParallelism = seen.Length }, i => seen[i] = page.Body);
        Assert.That(loads, Is.EqualTo(1));
        Assert.That(seen, Has.All.SameAs(parsed.Body));
    }

    [Test]
    public void Invalid_yaml_is_reported_at_the_line_yamldotnet_gives()
    {
        var page = Parse("---\ntitle: A\nphase: [alpha\n---\nBody\n");
        Assert.That(page.FrontMatter!.Error, Is.Not.Null);
        Assert.That(page.FrontMatter.Error!.Span.Line, Is.GreaterThanOrEqualTo(3));
        Assert.That(page.FrontMatter.Error.Message, Does.StartWith("front matter is not valid YAML"));
    }

    [Test]
    public void Yaml_alias_used_as_a_key_is_refused_before_it_can_recurse()
    {
        var page = Parse("---\n? &k [*k]\n: x\n---\nBody\n");
        Assert.That(page.FrontMatter!.Error!.Message, Does.Contain("plain names"));
    }

    [Test]
    public void Deep_yaml_nesting_is_refused_without_overflowing_the_stack()
    {
        var page = Parse("---\nkey: " + new string('[', 100_000) + "\n---\n");
        Assert.That(page.FrontMatter!.Error!.Message, Does.Contain("nested deeper"));
    }

    [Test]
    public void Suppression_comments_cover_the_lines_they_say()
    {
        var suppressions = Suppressions.Parse("a\n<!-- smlint-disable-next-line SM302 -->\nb\n<!-- smlint-disable SM301 -->\nc\n<!-- smlint-enable SM301 -->\nd\n");
        Assert.Multiple(() =>
        {
            Assert.That(suppressions.IsSuppressed("SM302", "link-fragment-missing", 3), Is.True);
            Assert.That(suppressions.IsSuppressed("SM302", "link-fragment-missing", 5), Is.False);
            Assert.That(suppressions.IsSuppressed("SM301", "link-target-missing", 5), Is.True);
            Assert.That(suppressions.IsSuppressed("SM301", "link-target-missing", 7), Is.False);
        });
    }
}
