using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Tests;

/// <summary>smlint.yml's exclude, ignore, negated globs, extends and overrides (issue 19).</summary>
public sealed class ConfigurationMeaningTests
{
    private static TestSite SiteWithDrafts(string smlint) => new TestSite()
        .With("smlint.yml", smlint)
        .WithPage("index.md", "\n[draft](/drafts/a.html)\n")
        .WithPage("drafts/a.md", "\n[gone](/nowhere.html)\n")
        .WithPage("drafts/keep.md", "\n[gone](/missing.html)\n");

    // The findings of the site with drafts under this smlint.yml.
    private static string[] FindingsWith(string smlint)
    {
        using var site = SiteWithDrafts(smlint);
        return Findings(site.Lint());
    }

    private static string[] Findings(LintResult result) =>
        result.Diagnostics.Select(d => $"{d.Path}:{d.Span.Line}:{d.Span.Column} {d.Severity.ToString().ToLowerInvariant()} {d.Rule.Id} {d.Message}").ToArray();

    [Test]
    public void Exclude_takes_files_out_of_the_site_so_links_to_them_break()
    {
        Assert.That(FindingsWith("exclude: [drafts/a.md]\n"), Is.EqualTo(new[]
        {
            "drafts/keep.md:6:8 error SM301 link target '/missing.html' does not exist: no page or file is served at '/missing.html'",
            "index.md:6:9 error SM301 link target '/drafts/a.html' does not exist: no page or file is served at '/drafts/a.html'",
        }));
    }

    [Test]
    public void Ignore_hides_findings_of_files_that_stay_in_the_site()
    {
        using var site = SiteWithDrafts("ignore: [drafts]\n");
        var result = site.Lint();
        Assert.That(Findings(result), Is.Empty, "the link to drafts/a.html still works; the drafts' own findings are hidden");
        Assert.That(result.FilesChecked, Is.EqualTo(2), "index.md and the layout; the two drafts are not reported on");
    }

    [Test]
    public void A_negated_ignore_glob_takes_back_an_earlier_one()
    {
        Assert.That(FindingsWith("ignore: [\"drafts/**\", \"!drafts/keep.md\"]\n"), Is.EqualTo(new[]
        {
            "drafts/keep.md:6:8 error SM301 link target '/missing.html' does not exist: no page or file is served at '/missing.html'",
        }));
    }

    [Test]
    public void A_negated_exclude_glob_keeps_a_file_of_an_excluded_folder_in_the_site()
    {
        using var site = SiteWithDrafts("exclude: [\"drafts/**\", \"!drafts/a.md\"]\n");
        Assert.That(Findings(site.Lint()), Is.EqualTo(new[]
        {
            "drafts/a.md:6:8 error SM301 link target '/nowhere.html' does not exist: no page or file is served at '/nowhere.html'",
        }), "drafts/a.md is in the site (the link to it works, its own link is checked); drafts/keep.md is not");
    }

    [Test]
    public void A_negated_glob_with_nothing_before_it_is_a_configuration_error_at_its_line()
    {
        using var site = SiteWithDrafts("ignore:\n  - \"!drafts/keep.md\"\n");
        var error = Assert.Throws<ConfigurationException>(() => site.Lint())!;
        Assert.That(error.Message, Is.EqualTo($"{Path.Combine(site.Root, "smlint.yml")}:2:5: negated glob '!drafts/keep.md' comes before any glob it could take back; '!' re-includes what an earlier glob in the list matched"));
        Assert.That((error.File, error.Line, error.Column), Is.EqualTo((Path.Combine(site.Root, "smlint.yml"), 2, 5)));
    }

    [Test]
    public void Overrides_set_severities_for_the_files_their_globs_match()
    {
        Assert.That(FindingsWith("overrides:\n  - files: [\"drafts/**\"]\n    rules: { SM301: warning }\n  - files: [drafts/keep.md]\n    rules: { link-target-missing: off }\n"), Is.EqualTo(new[]
        {
            "drafts/a.md:6:8 warning SM301 link target '/nowhere.html' does not exist: no page or file is served at '/nowhere.html'",
        }));
    }

    [Test]
    public void An_override_turns_on_a_rule_that_is_off_elsewhere_and_the_command_line_wins_over_it()
    {
        using var site = SiteWithDrafts("rules: { SM301: off }\noverrides:\n  - files: [index.md]\n    rules: { SM301: error }\n");
        Assert.That(Findings(site.Lint()), Is.Empty, "index.md's link works");
        site.WithPage("index.md", "\n[x](/x.html)\n");
        Assert.That(Findings(site.Lint()), Is.EqualTo(new[] { "index.md:6:5 error SM301 link target '/x.html' does not exist: no page or file is served at '/x.html'" }));
        var fromCommandLine = Linter.Lint(new LintOptions { Root = site.Root, RuleSeverities = new Dictionary<string, Severity> { ["SM301"] = Severity.Off } });
        Assert.That(Findings(fromCommandLine), Is.Empty);
    }

    [Test]
    public void Extends_reads_a_shared_file_first_and_this_file_applies_over_it()
    {
        using var site = SiteWithDrafts("extends: ../shared/smlint-base.yml\nignore: [\"!drafts/keep.md\"]\nrules: { link-target-missing: warning }\n");
        site.With("../shared/smlint-base.yml", "ignore: [drafts]\nrules: { SM301: off, SM304: warning }\n");
        Directory.CreateDirectory(Path.Combine(site.Root, "..", ".git"));
        try
        {
            var configuration = ConfigurationLoader.Load(site.Root);
            Assert.That(configuration.Ignore, Is.EqualTo(new[] { "drafts", "!drafts/keep.md" }));
            Assert.That(configuration.Severities, Is.EquivalentTo(new Dictionary<string, Severity> { ["SM301"] = Severity.Warning, ["SM304"] = Severity.Warning }));
            Assert.That(configuration.ConfigurationFiles, Does.Contain(Path.GetFullPath(Path.Combine(site.Root, "../shared/smlint-base.yml"))));
            Assert.That(Findings(site.Lint()), Is.EqualTo(new[]
            {
                "drafts/keep.md:6:8 warning SM301 link target '/missing.html' does not exist: no page or file is served at '/missing.html'",
            }));
        }
        finally
        {
            Directory.Delete(Path.Combine(site.Root, "..", ".git"));
        }
    }

    [Test]
    public void Extends_outside_the_repository_a_missing_file_and_a_cycle_are_errors_at_their_line()
    {
        using var site = new TestSite().WithPage("index.md", "\nText.\n");
        var smlint = Path.Combine(site.Root, "smlint.yml");

        site.With("smlint.yml", "# shared settings\nextends: ../elsewhere.yml\n");
        var outside = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(site.Root))!;
        Assert.That(outside.Message, Does.StartWith($"{smlint}:2:10: 'extends: ../elsewhere.yml' is outside {site.Root}"));

        site.With("smlint.yml", "extends: [base.yml, nope.yml]\n").With("base.yml", "ignore: [x]\n");
        var missing = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(site.Root))!;
        Assert.That(missing.Message, Is.EqualTo($"{smlint}:1:21: 'extends: nope.yml': no such file ({Path.Combine(site.Root, "nope.yml")})"));

        site.With("smlint.yml", "extends: a.yml\n").With("a.yml", "extends: b.yml\n").With("b.yml", "rules: {}\nextends: a.yml\n");
        var cycle = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(site.Root))!;
        Assert.That(cycle.Message, Is.EqualTo($"{Path.Combine(site.Root, "b.yml")}:2:10: 'extends' makes a cycle: a.yml -> b.yml -> a.yml"));
        Assert.That((cycle.File, cycle.Line), Is.EqualTo((Path.Combine(site.Root, "b.yml"), 2)));
    }

    [Test]
    public void An_override_without_files_or_with_an_unknown_key_is_an_error_at_its_line()
    {
        using var site = new TestSite().WithPage("index.md", "\nText.\n");
        var smlint = Path.Combine(site.Root, "smlint.yml");
        site.With("smlint.yml", "overrides:\n  - rules: { SM301: off }\n");
        Assert.That(Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(site.Root))!.Message,
            Is.EqualTo($"{smlint}:2:5: an override needs 'files': the globs it applies to"));
        site.With("smlint.yml", "overrides:\n  - files: [a]\n    rule: { SM301: off }\n");
        Assert.That(Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load(site.Root))!.Message,
            Is.EqualTo($"{smlint}:3:5: unknown key 'rule' in an override; expected files or rules"));
    }
}
