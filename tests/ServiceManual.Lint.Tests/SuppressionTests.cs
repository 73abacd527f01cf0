using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Tests;

/// <summary>Suppressions as comments in the syntax tree and in front matter, and SM003 (issue 19).</summary>
public sealed class SuppressionTests
{
    // The findings of a site made for one assertion, disposed of once linted.
    private static string[] FindingsOf(TestSite site)
    {
        using (site) return Findings(site.Lint());
    }

    private static string[] Findings(LintResult result) =>
        result.Diagnostics.Select(d => $"{d.Path}:{d.Span.Line}:{d.Span.Column} {d.Rule.Id} {d.Message}").ToArray();

    [Test]
    public void A_suppression_shown_in_a_code_fence_or_code_span_suppresses_nothing()
    {
        using var site = new TestSite().WithPage("index.md", """

            To switch a rule off, write `<!-- smlint-disable -->`, or:

            ```markdown
            <!-- smlint-disable -->
            ```

                <!-- smlint-disable SM301 -->

            [gone](/gone.html)
            """);
        Assert.That(Findings(site.Lint()), Is.EqualTo(new[]
        {
            "index.md:14:8 SM301 link target '/gone.html' does not exist: no page or file is served at '/gone.html'",
        }));
    }

    [Test]
    public void Real_comments_inline_and_in_html_blocks_suppress()
    {
        using var site = new TestSite().WithPage("index.md", """

            Text <!-- smlint-disable-next-line SM301 -- the page comes later -->
            [gone](/gone.html)

            <div>
            <!-- smlint-disable link-target-missing -->
            </div>

            [also gone](/also-gone.html)
            """);
        Assert.That(Findings(site.Lint()), Is.Empty);
    }

    [Test]
    public void An_html_page_comment_suppresses_but_one_inside_a_script_does_not()
    {
        Assert.That(FindingsOf(new TestSite()
            .With("a.html", "---\nlayout: default\n---\n<!-- smlint-disable-next-line SM301 -->\n<a href=\"/gone.html\">x</a>\n<script>var s = '<!-- smlint-disable -->';</script>\n<a href=\"/gone2.html\">y</a>\n")), Is.EqualTo(new[]
        {
            "a.html:7:10 SM301 link target '/gone2.html' does not exist: no page or file is served at '/gone2.html'",
        }));
    }

    [Test]
    public void Front_matter_switches_rules_off_for_the_page_with_a_key_or_a_yaml_comment()
    {
        Assert.That(FindingsOf(new TestSite()
            .With("index.md", "---\nlayout: default\ntitle: Home\nsmlint-disable: [SM301]\n---\n\n[gone](/gone.html)\n")
            .With("other.md", "---\nlayout: default\ntitle: Other\n# smlint-disable-next-line SM103\nlayout: nope\n---\n\n[gone](/gone.html)\n")), Is.EqualTo(new[]
        {
            "other.md:5:1 SM104 key 'layout' appears again (first on line 2); only this last value is used",
            "other.md:8:8 SM301 link target '/gone.html' does not exist: no page or file is served at '/gone.html'",
        }), "index.md's SM301 and other.md's SM103 (layout 'nope' does not exist) are suppressed");
    }

    [Test]
    public void A_hash_inside_a_quoted_front_matter_value_is_no_comment()
    {
        Assert.That(FindingsOf(new TestSite()
            .With("index.md", "---\nlayout: default\ntitle: \"Say # smlint-disable-next-line SM301\"\n---\n[gone](/gone.html)\n")), Is.EqualTo(new[]
        {
            "index.md:5:8 SM301 link target '/gone.html' does not exist: no page or file is served at '/gone.html'",
        }));
    }

    [Test]
    public void Unknown_rule_ids_and_directives_in_suppressions_are_warnings_at_the_word()
    {
        using var site = new TestSite()
            .With("index.md", "---\nlayout: default\ntitle: Home\nsmlint-disable: [SM999]\n---\n\n<!-- smlint-disable-next-line SM3O1 -->\n[gone](/gone.html)\n<!-- smlint-disabel -->\n");
        var result = site.Lint();
        Assert.That(result.Diagnostics.Select(d => (d.Path, d.Span.Line, d.Span.Column, d.Rule.Id, d.Severity, d.Message, d.Suggestion)), Is.EqualTo(new[]
        {
            ("index.md", 4, 18, "SM003", Severity.Warning, "suppression names rule 'SM999', which does not exist, so it suppresses nothing", (string?)"run 'smlint rules' for the list"),
            ("index.md", 7, 31, "SM003", Severity.Warning, "suppression names rule 'SM3O1', which does not exist, so it suppresses nothing", "did you mean 'SM301'?"),
            ("index.md", 8, 8, "SM301", Severity.Error, "link target '/gone.html' does not exist: no page or file is served at '/gone.html'", null),
            ("index.md", 9, 6, "SM003", Severity.Warning, "'smlint-disabel' is not a suppression; expected smlint-disable, smlint-enable, smlint-disable-line, smlint-disable-next-line", "did you mean 'smlint-disable'?"),
        }));
    }

    [Test]
    public void A_rule_of_the_callers_own_is_known_to_suppressions_and_mentions_survive_the_cache()
    {
        using var site = new TestSite().WithPage("index.md", "\n<!-- smlint-disable ACME001 SM9O1 -->\n");
        var cache = Path.Combine(site.Root, ".smlint-cache");
        var options = new LintOptions { Root = site.Root, AdditionalRules = [new NothingRule()], CacheFolder = cache };
        string[] expected = ["index.md:6:29 SM003 suppression names rule 'SM9O1', which does not exist, so it suppresses nothing"];
        Assert.That(Findings(Linter.Lint(options)), Is.EqualTo(expected));
        // Another page changes, so index.md is read back from the cache; its findings stay.
        site.WithPage("other.md", "\nText.\n");
        Assert.That(Findings(Linter.Lint(options)), Is.EqualTo(expected));
    }

    private sealed class NothingRule : Rules.IPageRule
    {
        public Rules.RuleDescriptor Descriptor { get; } = new("ACME001", "nothing", "Nothing", Rules.RuleCategory.Other, Severity.Warning, IsFixable: false);

        public void Check(Rules.PageContext context)
        {
        }
    }
}
