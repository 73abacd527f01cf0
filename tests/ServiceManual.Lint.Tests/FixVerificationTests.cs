using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Fixing;
using ServiceManual.Lint.Rules;

namespace ServiceManual.Lint.Tests;

/// <summary>A fix is offered only when the edited link provably works, resolved as the check resolves links.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FixVerificationTests
{
    private static TestSite PrettySite(string startBody) => new TestSite()
        .With("_config.yml", "permalink: pretty\n")
        .With("guide/start.md", "---\ntitle: Start\n---\n# Start\n\n" + startBody)
        .With("guide/next.md", "---\ntitle: Next\n---\n# Next\n\n## Details\n");

    [Test]
    public void A_working_relative_link_under_pretty_permalinks_is_not_reported()
    {
        using var site = PrettySite("[next step](../next/)\n");
        Assert.That(site.Lint().Diagnostics, Is.Empty);
    }

    [Test]
    public void A_broken_link_under_pretty_permalinks_gets_the_served_url_and_the_fixed_site_lints_clean()
    {
        using var site = PrettySite("[broken](../nxt/)\n");
        var finding = site.Lint().Diagnostics.Single();
        Assert.That((finding.Rule.Id, finding.Path, finding.Span.Line, finding.Span.Column), Is.EqualTo(("SM301", "guide/start.md", 6, 10)));
        Assert.That(finding.Message, Is.EqualTo("link target '../nxt/' does not exist: no page or file is served at '/guide/nxt/'"));
        Assert.That(finding.Fix?.Edits.Single().NewText, Is.EqualTo("/guide/next/"));

        var report = FixApplier.Apply(site.Lint());

        Assert.That(report.FilesChanged, Is.EqualTo(new[] { "guide/start.md" }));
        Assert.That(site.Read("guide/start.md"), Does.EndWith("[broken](/guide/next/)\n"));
        Assert.That(site.Lint().Diagnostics, Is.Empty);
    }

    [Test]
    [Category("Differential")]
    public async Task After_the_fix_jekyll_builds_the_page_the_link_names()
    {
        var (version, output) = await Differential.Processes.RunAsync("jekyll", ["--version"], timeout: TimeSpan.FromMinutes(1));
        if (version != 0) Assert.Ignore($"jekyll is not installed (apt-get install jekyll): {output.Trim()}");
        using var site = PrettySite("[broken](../nxt/)\n");
        FixApplier.Apply(site.Lint());
        var written = site.Read("guide/start.md");
        var href = written[(written.LastIndexOf("](", StringComparison.Ordinal) + 2)..written.LastIndexOf(')')];

        var (exitCode, log) = await Differential.Processes.RunAsync("jekyll", ["build", "-s", site.Root, "-d", Path.Combine(site.Root, "_site"), "--disable-disk-cache"], site.Root);

        Assert.That(exitCode, Is.Zero, log);
        // A static server (GitHub Pages) serves a URL ending in '/' from that folder's index.html.
        Assert.That(href, Is.EqualTo("/guide/next/"));
        Assert.That(File.Exists(Path.Combine(site.Root, "_site", "guide", "next", "index.html")), Is.True);
    }

    [Test]
    public void A_fix_whose_fragment_the_suggested_page_lacks_is_a_hint_only()
    {
        using var site = PrettySite("[broken](../nxt/#nowhere)\n");
        var finding = site.Lint().Diagnostics.Single();
        Assert.That((finding.Rule.Id, finding.Span.Line, finding.Span.Column), Is.EqualTo(("SM301", 6, 10)));
        Assert.That(finding.Suggestion, Is.EqualTo("did you mean '/guide/next/'?"));
        Assert.That(finding.Fix, Is.Null);
    }

    [Test]
    public void A_fix_keeps_a_fragment_the_suggested_page_has()
    {
        using var site = PrettySite("[broken](../nxt/#details)\n");
        var finding = site.Lint().Diagnostics.Single();
        Assert.That(finding.Fix?.Edits.Single().NewText, Is.EqualTo("/guide/next/#details"));
    }

    [Test]
    public void Unquoted_text_after_a_destination_is_part_of_it_and_quoted_in_the_message()
    {
        using var site = new TestSite()
            .With("en/news/2009/06/09/dos-vulnerability-in-bigdecimal/index.md", "---\ntitle: DoS\n---\nText\n")
            .With("en/security/index.md", "---\ntitle: Security\n---\n\n* [DoS vulnerability in BigDecimal](/en/news/2009/06/09/dos-vulnerability-in-bigdecimal/ (CVE-2009-1904))\n* [Works](/en/news/2009/06/09/dos-vulnerability-in-bigdecimal/ \"CVE-2009-1904\")\n");
        var finding = site.Lint().Diagnostics.Single(d => d.Rule.Id == "SM301");
        Assert.That((finding.Path, finding.Span.Line, finding.Span.Column), Is.EqualTo(("en/security/index.md", 5, 37)));
        Assert.That(finding.Message, Is.EqualTo("link target '/en/news/2009/06/09/dos-vulnerability-in-bigdecimal/ (CVE-2009-1904)' does not exist: "
            + "no page or file is served at '/en/news/2009/06/09/dos-vulnerability-in-bigdecimal/ (CVE-2009-1904)'"));
    }

    [TestCase("/a", "/b", "/b")]
    [TestCase("/a", "/b(c)", "/b(c)")]
    [TestCase("/a", "/b)c", null)] // kramdown would end the destination early
    [TestCase("/a", "/b c", null)] // a blank: not one URL as written
    [TestCase("/a", "/b&amp;c", "/b&c")]
    public void An_inline_link_reads_back_as_kramdown_reads_it(string old, string replacement, string? expected)
    {
        var text = $"[x]({old})\n";
        var link = new Link(old, 4, old.Length, new SourceSpan(1, 5, 1, 5 + old.Length), LinkKind.Inline, "x");
        Assert.That(VerifiedFix.ReadBack(text, link, new TextEdit(4, old.Length, replacement)), Is.EqualTo(expected));
    }

    [TestCase("/b", "/b")]
    [TestCase("/b\"c", null)] // would end the attribute
    public void An_html_attribute_reads_back_only_if_its_quotes_stay_closed(string replacement, string? expected)
    {
        const string text = "<a href=\"/a\">x</a>\n";
        var link = new Link("/a", 9, 2, new SourceSpan(1, 10, 1, 12), LinkKind.HtmlAttribute);
        Assert.That(VerifiedFix.ReadBack(text, link, new TextEdit(9, 2, replacement)), Is.EqualTo(expected));
    }

    [Test]
    public void A_definition_reads_back_as_kramdown_reads_it()
    {
        const string text = "[x][r]\n\n[r]: /a \"t\"\n";
        var link = new Link("/a", 13, 2, new SourceSpan(3, 6, 3, 8), LinkKind.ReferenceDefinition, "r");
        Assert.That(VerifiedFix.ReadBack(text, link, new TextEdit(13, 2, "/b/")), Is.EqualTo("/b/"));
    }
}
