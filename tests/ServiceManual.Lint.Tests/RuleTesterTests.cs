using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Rules;

namespace ServiceManual.Lint.Tests;

/// <summary>Link rules tested through <see cref="RuleTester"/>, and the tester's own markup.</summary>
public sealed class RuleTesterTests
{
    private static RuleTester Tester(string id, Action<TestSite>? site = null) => new(RuleRegistry.Find(id)!) { Site = site };

    [Test]
    public void Markers_give_one_based_spans_with_an_exclusive_end()
    {
        var (text, expected) = RuleTester.Parse("a\nb {|SM1:cd|} e{|SM2:|}");
        Assert.That(text, Is.EqualTo("a\nb cd e"));
        Assert.That(expected, Is.EqualTo(new[] { ("SM1", new SourceSpan(2, 3, 2, 5)), ("SM2", new SourceSpan(2, 7, 2, 7)) }));
    }

    [Test]
    public void SM302_reports_a_fragment_missing_on_another_page_with_the_nearest_id()
    {
        var tester = Tester(RuleIds.LinkFragmentMissing, site => site.WithPage("b.md", "## Getting started\n"));
        tester.Valid(RuleTester.FrontMatter + "See [x](/b#getting-started).\n");
        tester.Invalid(RuleTester.FrontMatter + "See [x]({|SM302:/b#getting-startd|}).\n",
            ["fragment '#getting-startd' does not exist on 'b.md'"]);
    }

    [Test]
    public void SM302_markers_may_name_the_message_id()
    {
        var tester = Tester(RuleIds.LinkFragmentMissing, site => site.WithPage("b.md", "## Getting started\n").With("c.css", "p {}\n"));
        tester.Invalid(RuleTester.FrontMatter + "See [x]({|SM302/missing-anchor:/b#nope|}) and [y]({|SM302/not-html:/c.css#intro|}).\n",
            ["fragment '#nope' does not exist on 'b.md'", "fragment '#intro' points into 'c.css', which is not an HTML page: it targets nothing"]);
    }

    [Test]
    public void SM302_reports_a_fragment_missing_on_this_page()
    {
        Tester(RuleIds.LinkFragmentMissing).Invalid(RuleTester.FrontMatter + "## Top\n\nBack to [top]({|SM302:#nope|}).\n",
            ["fragment '#nope' does not exist on this page"]);
    }

    [Test]
    public void SM304_points_an_empty_link_at_the_page_with_its_text_as_title()
    {
        var tester = Tester(RuleIds.LinkEmpty, site => site.WithPage("standards.md", "Text\n", title: "Open standards"));
        tester.Invalid(RuleTester.FrontMatter + "Read [Open standards]({|SM304:|}) first.\n",
            ["link 'Open standards' has an empty target; readers following it reload the page"],
            output: RuleTester.FrontMatter + "Read [Open standards](/standards.html) first.\n");
        tester.Invalid(RuleTester.FrontMatter + "Read [nothing in particular]({|SM304:|}).\n",
            ["link 'nothing in particular' has an empty target; readers following it reload the page"]);
    }

    [Test]
    public void SM305_adds_the_leading_slash()
    {
        // From other/page.md, guide/b.html is other/guide/b.html; only /guide/b.html is served.
        var tester = new RuleTester(RuleRegistry.Find(RuleIds.LinkMissingLeadingSlash)!) { Path = "other/page.md", Site = site => site.WithPage("guide/b.md", "Text\n") };
        tester.Valid(RuleTester.FrontMatter + "See [b](/guide/b.html).\n");
        tester.Invalid(RuleTester.FrontMatter + "See [b]({|SM305:guide/b.html|}).\n",
            ["link 'guide/b.html' is relative to this page and does not exist here; it only works from the site root"],
            output: RuleTester.FrontMatter + "See [b](/guide/b.html).\n");
    }

    [Test]
    public void SM307_reports_a_javascript_url_without_a_fix()
    {
        Tester(RuleIds.LinkUnsafeScheme).Invalid(RuleTester.FrontMatter + "Click [here]({|SM307:javascript:alert(1)|}).\n",
            ["link 'javascript:alert(1)' uses the 'javascript:' scheme: it runs or embeds content instead of linking to a page"]);
    }

    [Test]
    public void SM315_reports_a_link_with_nothing_between_its_brackets()
    {
        var tester = new RuleTester(RuleRegistry.Find(RuleIds.LinkTextEmpty)!)
        {
            Site = site => site.WithPage("guide.md", "Text\n"),
        };
        tester.Valid(RuleTester.FrontMatter + "Read the [guide](/guide) or [`smlint`](/guide).\n");
        tester.Invalid(RuleTester.FrontMatter + "Read the []({|SM315:/guide|}) first.\n",
            ["link to '/guide' has no text: readers see nothing to click, and screen readers announce only the URL"]);
    }

    // kramdown 2.4 (GFM input) writes <a href="/z"><img ... /></a> and <a href="/y"> </a>: the first has text, the second none.
    [Test]
    public void SM315_counts_an_image_or_code_as_text_and_blanks_as_none()
    {
        var tester = new RuleTester(RuleRegistry.Find(RuleIds.LinkTextEmpty)!) { Site = site => site.WithPage("guide.md", "Text\n") };
        tester.Valid(RuleTester.FrontMatter + "[![Logo](/logo.png)](/guide) and [*a*](/guide) and ![](/logo.png)\n");
        tester.Invalid(RuleTester.FrontMatter + "[ ]({|SM315:/guide|}) and\n[]( {|SM315:/guide|} )\n",
            ["link to '/guide' has no text: readers see nothing to click, and screen readers announce only the URL",
             "link to '/guide' has no text: readers see nothing to click, and screen readers announce only the URL"]);
    }

    [Test]
    public void A_fix_from_a_rule_not_declared_fixable_is_refused()
    {
        using var site = new TestSite().WithPage("page.md", "Text\n");
        var rule = new FixesAnyway();
        var error = Assert.Throws<InvalidOperationException>(() => Linter.Lint(new LintOptions { Root = site.Root, AdditionalRules = [rule] }));
        Assert.That(error!.Message, Is.EqualTo("rule ACME002 (fixes-anyway) offered a fix but its descriptor does not declare it fixable (IsFixable: false)"));
    }

    private sealed class FixesAnyway : IPageRule
    {
        public RuleDescriptor Descriptor { get; } = new("ACME002", "fixes-anyway", "Offers a fix it does not declare", RuleCategory.Other, Severity.Warning, IsFixable: false);

        public void Check(PageContext context) =>
            context.Report(SourceSpan.FileStart, "a finding", fix: new Fix("a fix", [new TextEdit(0, 0, "x")]));
    }
}
