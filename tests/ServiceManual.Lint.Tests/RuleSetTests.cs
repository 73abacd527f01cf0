using ServiceManual.Lint.Configuration;

namespace ServiceManual.Lint.Tests;

/// <summary>Which rule set a site gets: the generic Jekyll one unless <c>ruleset:</c> chooses another.</summary>
public sealed class RuleSetTests
{
    // A site nobody here wrote: pages without titles, keys the Service Manual gives meanings to
    // (breadcrumbs as plain strings, a phase with no navigation), none of its status values.
    private static TestSite PlainJekyllSite() => new TestSite()
        .With("_config.yml", "title: Docs\n")
        .With("index.html", "---\nlayout: default\n---\n<h1>Docs</h1>\n")
        .With("about.md", "---\nlayout: default\ntitle: About\nstatus: whatever\nbreadcrumbs: [Home, About]\n---\nAbout.\n")
        .With("phases/alpha.md", "---\nlayout: default\ntitle: Alpha\nphase: alpha\n---\nNo navigation here.\n")
        .With("news/post.md", "---\nlayout: post\ntitle: News\n---\nText.\n");

    private static readonly string[] VocabularyRules = ["SM102", "SM201", "SM202", "SM203", "SM211", "SM212"];

    [Test]
    public void A_site_that_chooses_nothing_gets_the_generic_rule_set()
    {
        using var site = PlainJekyllSite();
        var configuration = ConfigurationLoader.Load(site.Root);
        Assert.That(configuration.SiteVocabulary, Is.SameAs(SiteVocabulary.Jekyll));
        Assert.That(SiteVocabulary.Jekyll.KindOf("default").Required, Is.Empty);
        Assert.That(SiteVocabulary.Jekyll.Values, Is.Empty);
        Assert.That(SiteVocabulary.Jekyll.PhaseOrder, Is.Empty);
        Assert.That(SiteVocabulary.Jekyll.Breadcrumbs, Is.False);
    }

    [Test]
    public void The_generic_rule_set_reports_no_vocabulary_findings_on_a_plain_jekyll_site()
    {
        using var site = PlainJekyllSite();
        var findings = site.Lint().Diagnostics.Select(d => $"{d.Rule.Id} {d.Path}:{d.Span.Line} {d.Message}").ToArray();
        Assert.That(findings.Where(f => VocabularyRules.Contains(f[..5])), Is.Empty);
        // Jekyll's own check stays: news/post.md names a layout that does not exist.
        Assert.That(findings, Is.EqualTo(new[] { "SM103 news/post.md:2 layout 'post' does not exist: no _layouts/post.html" }));
    }

    [Test]
    public void Choosing_the_service_manual_rule_set_brings_its_vocabulary_back()
    {
        using var site = PlainJekyllSite().WithServiceManualRules();
        var rules = site.Lint().Diagnostics.Select(d => d.Rule.Id).ToArray();
        Assert.That(rules, Does.Contain("SM102"), "index.html has no title");
        Assert.That(rules, Does.Contain("SM201"), "breadcrumbs must be mappings");
    }

    [Test]
    public void A_rule_set_file_starts_from_the_generic_set_unless_it_extends_the_service_manual()
    {
        using var site = new TestSite()
            .With("smlint.yml", "ruleset: my-rules.yml\n")
            .With("my-rules.yml", "known-keys: [layout, title, owner]\n");
        var own = ConfigurationLoader.Load(site.Root).SiteVocabulary;
        Assert.That(own.KnownKeys, Is.EqualTo(new[] { "layout", "title", "owner" }));
        Assert.That(own.PageKinds, Is.EqualTo(SiteVocabulary.Jekyll.PageKinds));
        Assert.That(own.Breadcrumbs, Is.False);

        // "extends:" applies first wherever it is written.
        site.With("my-rules.yml", "known-keys: [layout, title, owner]\nextends: service-manual\n");
        var extended = ConfigurationLoader.Load(site.Root).SiteVocabulary;
        Assert.That(extended.KnownKeys, Is.EqualTo(new[] { "layout", "title", "owner" }));
        Assert.That(extended.PageKinds, Is.EqualTo(SiteVocabulary.ServiceManual.PageKinds));
        Assert.That(extended.PhaseOrder, Is.EqualTo(SiteVocabulary.ServiceManual.PhaseOrder));
        Assert.That(extended.Breadcrumbs, Is.True);
    }

    [Test]
    public void An_inline_rule_set_can_extend_a_built_in_one_and_turn_breadcrumbs_on()
    {
        using var site = new TestSite().With("smlint.yml", "ruleset:\n  extends: jekyll\n  breadcrumbs: true\n  home: /docs\n");
        var ruleSet = ConfigurationLoader.Load(site.Root).SiteVocabulary;
        Assert.That(ruleSet.Breadcrumbs, Is.True);
        Assert.That(ruleSet.Home, Is.EqualTo("/docs"));
        Assert.That(ruleSet.Types, Is.EqualTo(SiteVocabulary.Jekyll.Types));
    }

    [TestCase("ruleset: service-manual\n", "service-manual")]
    [TestCase("ruleset: jekyll\n", "jekyll")]
    public void A_built_in_rule_set_is_chosen_by_name(string smlint, string name)
    {
        using var site = new TestSite().With("smlint.yml", smlint);
        Assert.That(ConfigurationLoader.Load(site.Root).SiteVocabulary, Is.SameAs(SiteVocabulary.Named(name)));
    }

    [TestCase("ruleset:\n  extends: govuk\n", "smlint.yml:2:12: unknown rule set 'govuk' in extends; expected jekyll or service-manual")]
    [TestCase("ruleset:\n  breadcrumbs: sometimes\n", "smlint.yml:2:16: expected true or false, not 'sometimes'")]
    [TestCase("ruleset: servicemanual\n", "smlint.yml:1:10: rule set file 'servicemanual' not found (the built-in rule sets are jekyll and service-manual)")]
    public void A_wrong_rule_set_is_a_configuration_error(string smlint, string message)
    {
        using var site = new TestSite().With("smlint.yml", smlint);
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(site.Root))!;
        Assert.That(error.Message, Does.EndWith(message));
    }

    [Test]
    public void The_service_manual_rule_set_is_the_one_it_always_was()
    {
        var set = SiteVocabulary.ServiceManual;
        Assert.That(set.Home, Is.EqualTo("/service-manual"));
        Assert.That(set.KindOf("phases").Required, Is.EqualTo(new[] { "layout", "title", "status", "phase" }));
        Assert.That(set.KindOf("anything").Required, Is.EqualTo(new[] { "layout", "title" }));
        Assert.That(set.Values["status"], Is.EqualTo(new[] { "draft", "alpha", "beta", "live", "published" }));
        Assert.That(set.Types["title"], Is.EqualTo("string"));
        Assert.That(set.PhaseOrder, Is.EqualTo(new[] { "discovery", "alpha", "beta", "live", "retirement" }));
        Assert.That(set.Breadcrumbs, Is.True);
    }
}
