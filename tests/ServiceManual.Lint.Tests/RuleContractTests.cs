using System.Text.Json;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Reporting;
using ServiceManual.Lint.Rules;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// What a rule's descriptor declares is held to: its messages (every finding carries a declared
/// message id, its text the template filled in) and its cross-file reads (what it reads of other
/// files is declared, and watched by the incremental cache). Over the corpus and in small sites.
/// </summary>
public sealed class RuleContractTests
{
    private static IEnumerable<RuleDescriptor> BuiltIn => RuleRegistry.BuiltIn.Select(r => r.Descriptor);

    [Test]
    public void Every_built_in_rule_declares_messages_with_unique_kebab_case_ids_and_templates_that_parse()
    {
        foreach (var rule in BuiltIn)
        {
            Assert.That(rule.Messages, Is.Not.Empty, rule.Id);
            Assert.That(rule.Messages.Select(m => m.Id), Is.Unique, rule.Id);
            Assert.That(rule.Messages.Select(m => m.Id), Has.All.Match("^[a-z0-9]+(-[a-z0-9]+)*$"), rule.Id);
            foreach (var message in rule.Messages) Assert.DoesNotThrow(() => _ = message.PlaceholderNames, $"{rule.Id} {message.Id}");
        }
    }

    [Test]
    public void Every_built_in_rule_declares_only_reads_the_cache_watches()
    {
        foreach (var rule in BuiltIn) Assert.That(rule.Reads & ~ReadTracking.Watched, Is.EqualTo(SiteReads.None), rule.Id);
    }

    // Part of each snapshot is linted, so what rules read of the rest is cross-file: every built-in
    // rule runs on real pages under the tracking context, and every finding's message is checked.
    [TestCase("service-manual-2016", "service-manual/phases/alpha.md", "service-manual/measurement")]
    [TestCase("service-manual-2013", "service-manual/phases/alpha.md", "service-manual/the-team")]
    public void Over_the_corpus_every_rule_reads_only_what_it_declares_and_reports_declared_messages(string name, string page, string folder)
    {
        var corpus = RepositoryPaths.Corpus;
        if (corpus is null) Assert.Ignore("../shared/corpus is not beside this clone; the corpus tests need the Service Manual snapshots");
        var root = Path.Combine(corpus!, name);
        var options = new LintOptions
        {
            Root = root,
            ConfigPath = Path.Combine(RepositoryPaths.Root, "tests", "ServiceManual.Lint.Tests", "Configurations", name + ".yml"),
            Paths = [Path.Combine(root, page), Path.Combine(root, folder)],
        };
        var reads = new ReadLog();
        LintResult result;
        using (reads.Start()) result = Linter.Lint(options);
        reads.AssertDeclared();
        Assert.That(reads.ByRule.Keys, Is.Not.Empty, "the run read across files at all");
        Assert.That(reads.ByRule.GetValueOrDefault(RuleIds.PhaseNav) & SiteReads.FrontMatter, Is.EqualTo(SiteReads.FrontMatter), "phase navigation reads the other phase pages' phases");
        Assert.That(reads.ByRule.GetValueOrDefault(RuleIds.PhaseNavReciprocal) & SiteReads.Lists, Is.EqualTo(SiteReads.Lists), "reciprocal navigation reads the other phase pages' lists");
        Assert.That(reads.ByRule.GetValueOrDefault(RuleIds.LinkFragmentMissing) & SiteReads.Anchors, Is.EqualTo(SiteReads.Anchors), "fragments are looked up in the pages linked to");
        Assert.That(result.Diagnostics, Is.Not.Empty);
        foreach (var group in result.Diagnostics.GroupBy(d => d.Rule)) RuleTester.AssertMessageIds(group.Key, group);

        // The whole snapshot too: every finding carries its rule's message id.
        var full = Linter.Lint(options with { Paths = [] });
        Assert.That(full.Diagnostics.Where(d => d.MessageId is null).Select(d => $"{d.Rule.Id} {d.Path}"), Is.Empty);
    }

    [Test]
    public void The_tracking_context_fails_a_rule_that_reads_what_it_did_not_declare()
    {
        using var site = new TestSite().WithPage("a.md", "## One\n\nSee [b](/b#two).\n").WithPage("b.md", "## Two\n");
        var reads = new ReadLog();
        using (reads.Start()) site.Lint(Path.Combine(site.Root, "a.md")).Diagnostics.ToArray();
        Assert.That(reads.Violations(), Is.Empty, "the built-in rules, with the page linted alone");

        var undeclared = new ReadsAnchors(SiteReads.None);
        reads = new ReadLog();
        using (reads.Start()) Linter.Lint(new LintOptions { Root = site.Root, Paths = [Path.Combine(site.Root, "a.md")], AdditionalRules = [undeclared] });
        Assert.That(reads.Violations(), Is.EqualTo(new[] { "ACME010 read Anchors of another file, which its descriptor's Reads (None) does not declare" }));

        reads = new ReadLog();
        using (reads.Start()) Linter.Lint(new LintOptions { Root = site.Root, Paths = [Path.Combine(site.Root, "a.md")], AdditionalRules = [new ReadsAnchors(SiteReads.Anchors)] });
        Assert.That(reads.Violations(), Is.Empty, "declared");
    }

    [Test]
    public void The_tracking_context_fails_a_rule_that_reads_what_the_cache_does_not_watch()
    {
        using var site = new TestSite().WithPage("a.md", "See [b](/b).\n").WithPage("b.md", "See [a](/a).\n");
        var reads = new ReadLog();
        using (reads.Start()) Linter.Lint(new LintOptions { Root = site.Root, Paths = [Path.Combine(site.Root, "a.md")], AdditionalRules = [new ReadsOtherLinks()] });
        Assert.That(reads.Violations(), Is.EqualTo(new[] { "ACME011 read what the incremental cache does not watch (another file's links or text)" }));
    }

    [Test]
    public void Tracking_is_off_outside_an_observer()
    {
        using var site = new TestSite().WithPage("a.md", "See [b](/b#two).\n").WithPage("b.md", "## Two\n");
        var reads = new ReadLog();
        using (reads.Start())
        {
        }
        Linter.Lint(new LintOptions { Root = site.Root, Paths = [Path.Combine(site.Root, "a.md")], AdditionalRules = [new ReadsAnchors(SiteReads.None)] });
        Assert.That(reads.Violations(), Is.Empty, "a run after the observer is disposed is not seen");
    }

    [Test]
    public void A_message_the_descriptor_does_not_declare_is_refused()
    {
        using var site = new TestSite().WithPage("page.md", "Text\n");
        var error = Assert.Throws<InvalidOperationException>(() => Linter.Lint(new LintOptions { Root = site.Root, AdditionalRules = [new ReportsUndeclared()] }));
        Assert.That(error!.Message, Is.EqualTo("rule ACME012 (reports-undeclared) reported message 'other', which its descriptor does not declare in Messages"));
    }

    [Test]
    public void A_message_reported_without_its_arguments_is_refused()
    {
        var message = new RuleMessage("m", "'{url}' is missing");
        Assert.That(() => message.With(), Throws.ArgumentException.With.Message.StartsWith("message 'm' has 1 placeholder(s) (url) but was given 0 argument(s)"));
        Assert.That(() => message.TextForReport(), Throws.InvalidOperationException);
    }

    [Test]
    public void A_template_fills_its_placeholders_in_order_of_first_appearance_and_keeps_doubled_braces()
    {
        var message = new RuleMessage("no-list", "'{url}' has no {{:.{class}}} list; '{url}' again");
        Assert.That(message.PlaceholderNames, Is.EqualTo(new[] { "url", "class" }));
        var filled = message.With("/a", "phase-nav");
        Assert.That(filled.Text, Is.EqualTo("'/a' has no {:.phase-nav} list; '/a' again"));
        Assert.That(filled.Arguments, Is.EqualTo(new[] { "/a", "phase-nav" }));
        Assert.That(filled.Id, Is.EqualTo("no-list"));
        Assert.That(message.NumberedTemplate(), Is.EqualTo("'{0}' has no {{:.{1}}} list; '{0}' again"));
        Assert.That(new RuleMessage("plain", "no placeholders").TextForReport(), Is.EqualTo("no placeholders"));
        Assert.That(() => new RuleMessage("bad", "a } b").PlaceholderNames, Throws.TypeOf<FormatException>());
        Assert.That(() => new RuleMessage("bad", "a {b").PlaceholderNames, Throws.TypeOf<FormatException>());
    }

    [Test]
    public void Findings_carry_their_message_id_through_the_cache()
    {
        using var site = new TestSite().WithPage("a.md", "See [b](/b#nope).\n").WithPage("b.md", "## Two\n");
        var cache = Path.Combine(site.Root, ".smlint-cache");
        var cold = Linter.Lint(new LintOptions { Root = site.Root, CacheFolder = cache });
        var warm = Linter.Lint(new LintOptions { Root = site.Root, CacheFolder = cache });
        var coldFinding = cold.Diagnostics.Single(d => d.Rule.Id == RuleIds.LinkFragmentMissing);
        var warmFinding = warm.Diagnostics.Single(d => d.Rule.Id == RuleIds.LinkFragmentMissing);
        Assert.That((coldFinding.MessageId, warmFinding.MessageId), Is.EqualTo(("missing-anchor", "missing-anchor")));
        Assert.That(warmFinding.MessageArguments.Values, Is.EqualTo(new[] { "nope", "'b.md'" }));
        Assert.That(warmFinding, Is.EqualTo(coldFinding), "the finding read back equals the one reported");
    }

    [Test]
    public void Json_and_sarif_reports_carry_the_message_id()
    {
        using var site = new TestSite().WithPage("a.md", "See [b](/b#nope).\n").WithPage("b.md", "## Two\n");
        var result = Linter.Lint(new LintOptions { Root = site.Root });
        using var json = JsonDocument.Parse(Write("json", result));
        var finding = json.RootElement.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("ruleId").GetString() == "SM302");
        Assert.That(finding.GetProperty("messageId").GetString(), Is.EqualTo("missing-anchor"));

        using var sarif = JsonDocument.Parse(Write("sarif", result));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "SM302");
        Assert.That(rule.GetProperty("messageStrings").GetProperty("missing-anchor").GetProperty("text").GetString(), Is.EqualTo("fragment '#{0}' does not exist on {1}."));
        var message = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "SM302").GetProperty("message");
        Assert.That(message.GetProperty("id").GetString(), Is.EqualTo("missing-anchor"));
        Assert.That(message.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "nope", "'b.md'" }));
        Assert.That(message.GetProperty("text").GetString(), Is.EqualTo("fragment '#nope' does not exist on 'b.md'"));
    }

    // Formatters read the result's root and source texts only: with the site taken away, every
    // format writes the same bytes (code frames and fix regions included).
    [TestCase("pretty")]
    [TestCase("json")]
    [TestCase("sarif")]
    [TestCase("github")]
    [TestCase("msbuild")]
    public void Formatters_need_the_root_and_source_texts_not_the_site(string format)
    {
        using var site = new TestSite().WithPage("sub/a.md", "## One\n\nSee [b](sub/b.html) and [c](/sub/b#nope).\n").WithPage("sub/b.md", "## Two\n");
        var result = Linter.Lint(new LintOptions { Root = site.Root });
        Assert.That(result.Diagnostics.Any(d => d.Fix is not null), Is.True, "a fix, so fix regions are written");
        var withoutSite = new LintResult(null!, result.Diagnostics, result.FilesChecked) { Root = result.Root, Sources = result.Sources, Unchecked = result.Unchecked };
        var options = new ReportOptions { PathBase = site.Root };
        Assert.That(Write(format, withoutSite, options), Is.EqualTo(Write(format, result, options)));
        if (format == "pretty") Assert.That(Write(format, result, options), Does.Contain("See [b](sub/b.html)"), "a code frame from the source texts");
    }

    private static string Write(string format, LintResult result, ReportOptions? options = null)
    {
        using var writer = new StringWriter();
        Formatters.Create(format, options ?? new ReportOptions())!.Write(writer, result);
        return writer.ToString();
    }

    private sealed class ReadsAnchors(SiteReads reads) : ILinkRule
    {
        public RuleDescriptor Descriptor { get; } = new("ACME010", "reads-anchors", "Reads the ids of the pages links lead to", RuleCategory.Other, Severity.Info, IsFixable: false) { Reads = reads };

        public void Check(LinkContext context)
        {
            if (context.Link.Target?.Page is { } target) _ = context.AnchorsOf(target);
        }
    }

    private sealed class ReadsOtherLinks : ISiteRule
    {
        public RuleDescriptor Descriptor { get; } = new("ACME011", "reads-other-links", "Reads the links of pages not being linted", RuleCategory.Other, Severity.Info, IsFixable: false) { Reads = ReadTracking.Watched };

        public void Check(SiteContext context)
        {
            foreach (var page in context.Site.Pages) _ = context.LinksOf(page).Count();
        }
    }

    private sealed class ReportsUndeclared : IPageRule
    {
        private static readonly RuleMessage Declared = new("declared", "a finding");

        public RuleDescriptor Descriptor { get; } = new("ACME012", "reports-undeclared", "Reports a message it does not declare", RuleCategory.Other, Severity.Info, IsFixable: false) { Messages = [Declared] };

        public void Check(PageContext context) => context.Report(SourceSpan.FileStart, new RuleMessage("other", "another finding"));
    }
}
