using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Rules;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// The built-in rules run side by side on every core; a caller's rules run after them, one at a
/// time, on the calling thread. Neither may change what is reported.
/// </summary>
public sealed class LinterTests
{
    private TestSite site = null!;

    [SetUp]
    public void CreateSite()
    {
        // Findings from every family: front matter, breadcrumbs, links and fragments, on several pages.
        site = new TestSite().WithServiceManualRules().With("index.md", "---\nlayout: default\ntitle: Home\n---\n## Top\n");
        for (var i = 0; i < 40; i++)
        {
            site.With($"section/page-{i:00}.md",
                $"---\nlayout: {(i % 3 == 0 ? "missing" : "default")}\ntitle: Page {i}\nbreadcrumbs:\n  - title: {(i % 2 == 0 ? "Home" : "Start")}\n    url: /\n  - title: Nowhere\n    url: /section/none\n---\n" +
                $"[next](/section/page-{i + 1:00}.html#top) [gone](/section/gone-{i}) [self](#nothing-here)\n");
        }
    }

    [TearDown]
    public void DeleteSite() => site.Dispose();

    private static string[] Lines(LintResult result) =>
        result.Diagnostics.Select(d => $"{d.Path}:{d.Span.Line}:{d.Span.Column} {d.Rule.Id} {d.Message}").ToArray();

    [Test]
    public void Rules_side_by_side_report_the_same_findings_in_the_same_order_every_run()
    {
        var first = Lines(Linter.Lint(new LintOptions { Root = site.Root }));
        // Every family is there, so a rule dropped or reporting into another's list would show.
        var byRule = first.GroupBy(line => line.Split(' ')[1]).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(byRule, Is.EqualTo(new Dictionary<string, int> { ["SM103"] = 14, ["SM201"] = 40, ["SM203"] = 20, ["SM301"] = 41, ["SM302"] = 40 }));
        Assert.That(first.Take(5), Is.EqualTo(new[]
        {
            "section/page-00.md:2:9 SM103 layout 'missing' does not exist: no _layouts/missing.html",
            "section/page-00.md:8:10 SM201 breadcrumb 'Nowhere' points at '/section/none', which is not a page of the site",
            "section/page-00.md:10:42 SM301 link target '/section/gone-0' does not exist: no page or file is served at '/section/gone-0'",
            "section/page-00.md:10:66 SM302 fragment '#nothing-here' does not exist on this page",
            "section/page-01.md:5:12 SM203 breadcrumb label 'Start' for / differs from 'Home', the title of index.md ('Home' on 20 pages, 'Start' on 20 pages)",
        }));
        for (var run = 0; run < 10; run++) Assert.That(Lines(Linter.Lint(new LintOptions { Root = site.Root })), Is.EqualTo(first));
    }

    [Test]
    public void Each_built_in_rule_is_timed_in_registry_order_after_the_links()
    {
        var phases = Linter.Lint(new LintOptions { Root = site.Root }).Timings.Select(t => t.Phase).ToList();
        var rules = RuleRegistry.BuiltIn.Select(r => r.Descriptor.Id).ToArray();
        Assert.That(phases.Where(rules.Contains), Is.EqualTo(rules));
        Assert.That(phases.IndexOf("links"), Is.LessThan(phases.IndexOf(rules[0])));
    }

    [Test]
    public void A_callers_rules_run_after_the_built_in_ones_on_the_calling_thread()
    {
        var pageRule = new ThreadsSeen("XX902");
        var siteRule = new ThreadsSeen("XX903");
        var result = Linter.Lint(new LintOptions { Root = site.Root, AdditionalRules = [pageRule, siteRule] });

        var caller = Environment.CurrentManagedThreadId;
        Assert.Multiple(() =>
        {
            Assert.That(pageRule.Threads, Has.Count.EqualTo(41).And.All.EqualTo(caller)); // every page, one at a time
            Assert.That(siteRule.Threads, Has.Count.EqualTo(41).And.All.EqualTo(caller));
            var ids = result.Timings.Select(t => t.Phase).ToList();
            Assert.That(ids.IndexOf("XX902"), Is.GreaterThan(ids.IndexOf("SM306")));
            Assert.That(ids.IndexOf("XX903"), Is.GreaterThan(ids.IndexOf("XX902")));
        });
    }

    // As a page rule, records the thread each page is checked on; as a site rule, the thread it runs on once per page.
    private sealed class ThreadsSeen(string id) : IPageRule, ISiteRule
    {
        public RuleDescriptor Descriptor { get; } = new(id, "threads-seen-" + id, "Records the threads it runs on", RuleCategory.Other, Severity.Info, IsFixable: false);

        public List<int> Threads { get; } = [];

        public void Check(PageContext context)
        {
            if (Descriptor.Id == "XX902") Threads.Add(Environment.CurrentManagedThreadId);
        }

        public void Check(SiteContext context)
        {
            if (Descriptor.Id != "XX903") return;
            foreach (var _ in context.LintedPages) Threads.Add(Environment.CurrentManagedThreadId);
        }
    }
}
