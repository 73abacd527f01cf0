using ServiceManual.Lint.Fixing;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// Link resolution as the server answers, on small sites whose answers were checked with Debian's
/// Jekyll 4.3.1 (the differential test asks the real servers about 837 links; these pin messages,
/// positions and fixes).
/// </summary>
public sealed class ExactResolutionTests
{
    private static string[] Findings(TestSite site, params string[] rules) =>
        Linter.Lint(new LintOptions { Root = site.Root }).Diagnostics
            .Where(d => rules.Length == 0 || rules.Contains(d.Rule.Id))
            .Select(d => $"{d.Path}:{d.Span.Line}:{d.Span.Column} {d.Rule.Id} {d.Message}{(d.Suggestion is null ? "" : " | " + d.Suggestion)}{(d.Fix is null ? "" : " (fix)")}")
            .ToArray();

    [Test]
    public void Seven_links_no_reader_can_follow_are_seven_errors_with_the_default_configuration()
    {
        // A plain Jekyll site: none of these takes a reader to a page on GitHub Pages.
        using var site = new TestSite()
            .With("index.md", "---\ntitle: Home\n---\n[a](/missing-page.html)\n[b](/docs/missing.html)\n[c](/Docs/Guide.html)\n[d](/docs/guide/)\n[e](/docs.html)\n[f](file:///etc/passwd)\n[g](javascript:alert(1))\n[ok](/docs/guide.html) [ok](/docs/) [ok](/docs) [ok](docs/guide) [ok](docs/index.html)\n")
            .With("docs/index.md", "---\ntitle: Docs\n---\n[up](../index.html) [ok](guide.html)\n")
            .With("docs/guide.md", "---\ntitle: Guide\n---\n# Guide\n");
        Assert.That(Findings(site), Is.EqualTo(new[]
        {
            "index.md:4:5 SM301 link target '/missing-page.html' does not exist: no page or file is served at '/missing-page.html'",
            "index.md:5:5 SM301 link target '/docs/missing.html' does not exist: no page or file is served at '/docs/missing.html'",
            "index.md:6:5 SM301 link target '/Docs/Guide.html' does not exist: no page or file is served at '/Docs/Guide.html'; '/docs/guide.html' differs only in case (it works on a case-insensitive disk, not on the server) | write '/docs/guide.html' (fix)",
            "index.md:7:5 SM301 link target '/docs/guide/' does not exist: no page or file is served at '/docs/guide/' | did you mean '/docs/guide.html'? (fix)",
            "index.md:8:5 SM301 link target '/docs.html' does not exist: no page or file is served at '/docs.html' | did you mean '/docs/'? (fix)",
            "index.md:9:5 SM301 link target 'file:///etc/passwd' is a file on the author's computer: readers never get it | link to a page or file of the site (a site-absolute path), or to an https: URL",
            "index.md:10:5 SM307 link 'javascript:alert(1)' uses the 'javascript:' scheme: it runs or embeds content instead of linking to a page | link to a page or file of the site, or to an https: URL",
        }));
    }

    [Test]
    public void A_fix_under_pretty_permalinks_writes_a_url_the_server_serves()
    {
        // permalink: pretty puts guide/next.md at /guide/next/: "../next/" from /guide/start/ works.
        using var site = new TestSite()
            .With("_config.yml", "permalink: pretty\n")
            .With("guide/start.md", "---\ntitle: Start\n---\n[next step](../next/)\n[typo](../nxt/)\n[old style](/guide/next.html)\n")
            .With("guide/next.md", "---\ntitle: Next\n---\n");
        Assert.That(Findings(site), Is.EqualTo(new[]
        {
            "guide/start.md:5:8 SM301 link target '../nxt/' does not exist: no page or file is served at '/guide/nxt/' | did you mean '/guide/next/'? (fix)",
            "guide/start.md:6:13 SM301 link target '/guide/next.html' does not exist: no page or file is served at '/guide/next.html' | did you mean '/guide/next/'? (fix)",
        }));
        FixApplier.Apply(Linter.Lint(new LintOptions { Root = site.Root }));
        Assert.That(Findings(site), Is.Empty, "after --fix every link is served");
        Assert.That(File.ReadAllText(Path.Combine(site.Root, "guide/start.md")), Does.Contain("[typo](/guide/next/)").And.Contain("[old style](/guide/next/)"));
    }

    [Test]
    public void Posts_and_collections_are_published_at_their_permalinks_and_checked()
    {
        using var site = new TestSite()
            .With("_config.yml", "collections:\n  docs:\n    output: true\n    permalink: /:collection/:path/\ndefaults:\n  - scope: { path: '', type: posts }\n    values: { layout: default }\n")
            .With("_posts/2010-07-21-hello-world.md", "---\ntitle: Hello\n---\n# Hello\n[doc](/docs/setup/#install) [bad](/docs/setup.html)\n")
            .With("blog/_posts/2011-01-02-news.md", "---\ntitle: News\n---\n[first]({% post_url 2010-07-21-hello-world %}) [gone]({% post_url 2010-07-22-nope %})\n")
            .With("_docs/setup.md", "---\ntitle: Setup\n---\n## Install\n[post](/2010/07/21/hello-world.html#hello) [news](/blog/2011/01/02/news.html) [liquid]({{ '/docs/setup/#nope' | relative_url }})\n")
            .With("_drafts/idea.md", "---\ntitle: Idea\n---\n[x](/nowhere.html)\n")
            .With("index.md", "---\ntitle: Home\npublished: true\n---\n[draft](/idea.html)\n");
        Assert.That(Findings(site), Is.EqualTo(new[]
        {
            "_docs/setup.md:5:88 SM302 fragment '#nope' does not exist on this page",
            "_posts/2010-07-21-hello-world.md:5:35 SM301 link target '/docs/setup.html' does not exist: no page or file is served at '/docs/setup.html' | did you mean '/docs/setup/'? (fix)",
            "blog/_posts/2011-01-02-news.md:4:55 SM301 '{% post_url 2010-07-22-nope %}' names '2010-07-22-nope', which is not a file of the site: Jekyll's build stops here",
            "index.md:5:9 SM301 link target '/idea.html' does not exist: no page or file is served at '/idea.html'",
        }));
    }

    [TestCase("_config.yml", "plugins:\n  - jekyll-relative-links\n")]
    [TestCase("Gemfile.lock", "GEM\n  specs:\n    github-pages (232)\n      jekyll (= 3.10.0)\n    jekyll (3.10.0)\n")]
    public void Links_to_source_files_work_where_jekyll_relative_links_rewrites_them(string file, string content)
    {
        // What Debian's jekyll-relative-links 0.7 wrote for these links (checked by building the site):
        // docs/guide.md -> /docs/guide.html, img.png beside it too; docs/missing.md left as written.
        using var site = new TestSite()
            .With(file, content)
            .With("index.md", "---\ntitle: Home\n---\n[a](docs/guide.md) [b](/docs/guide.md#sec) [c](docs/guide.md#nope) [d](docs/missing.md) ![e](docs/img.png)\n")
            .With("docs/index.md", "---\ntitle: Docs\n---\n[g](guide.md) [h](../index.md)\n")
            .With("docs/guide.md", "---\ntitle: Guide\n---\n## Sec\n")
            .With("docs/img.png", "png");
        Assert.That(Findings(site), Is.EqualTo(new[]
        {
            "index.md:4:48 SM302 fragment '#nope' does not exist on 'docs/guide.md'",
            "index.md:4:72 SM301 link target 'docs/missing.md' does not exist: no page or file is served at '/docs/missing.md'",
        }));
    }

    [Test]
    public void A_scheme_left_out_is_named_and_certain()
    {
        using var site = new TestSite()
            .With("index.md", "---\ntitle: Home\n---\n[a](www.example.com/x)\n[b](example.org/path)\n[c](someone@example.com)\n");
        Assert.That(Findings(site).Select(f => f[(f.IndexOf('|') + 2)..]), Is.EqualTo(new[]
        {
            "did you mean 'https://www.example.com/x'? (fix)",
            "did you mean 'https://example.org/path'? (fix)",
            "did you mean 'mailto:someone@example.com'? (fix)",
        }));
    }

    [Test]
    public void Links_not_checked_are_counted_by_reason()
    {
        using var site = new TestSite()
            .With("smlint.yml", "site:\n  hosts: [example.org]\n  external-paths: [/shop]\n")
            .With("_layouts/unused.html", "<a href=\"/nowhere.html\">x</a>\n")
            .With("index.md", "---\ntitle: Home\nlayout: default\n---\n[a](https://other.example/) [b](mailto:x@y.z) [c]({{ page.next.url }}) [d](/shop/basket) [e](https://example.org/shop/x)\n")
            .With("draft.md", "---\ntitle: Draft\npublished: false\n---\n[x](/nowhere.html)\n");
        var result = Linter.Lint(new LintOptions { Root = site.Root });
        Assert.That(result.Diagnostics.Select(d => d.Rule.Id), Is.Empty);
        Assert.That(result.Unchecked, Is.EqualTo(new UncheckedLinks(External: 3, Liquid: 1, ExternalPaths: 1, Unpublished: 2)));
    }
}
