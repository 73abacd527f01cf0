using ServiceManual.Lint.Fixing;

namespace ServiceManual.Lint.Tests;

/// <summary>SM004: smlint.yml published with the site, and the exclude line added as its fix.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ConfigPublishedTests
{
    private const string Message = "'smlint.yml' is published: Jekyll copies it into _site and serves it at '/smlint.yml', as _config.yml does not exclude it";

    [TestCase("title: T\n", 1, 1, "title: T\nexclude: [smlint.yml]\n")]
    [TestCase("title: T", 1, 1, "title: T\nexclude: [smlint.yml]\n")]
    [TestCase("title: T\nexclude: [Gemfile]\n", 2, 1, "title: T\nexclude: [Gemfile, smlint.yml]\n")]
    [TestCase("exclude: []\n", 1, 1, "exclude: [smlint.yml]\n")]
    [TestCase("exclude:\n    - Gemfile\nurl: https://x.test\n", 1, 1, "exclude:\n    - Gemfile\n    - smlint.yml\nurl: https://x.test\n")]
    [TestCase("exclude:\r\n  - Gemfile\r\n", 1, 1, "exclude:\r\n  - Gemfile\r\n  - smlint.yml\r\n")]
    public void Is_reported_on_the_config_and_fixed_by_excluding_the_file(string config, int line, int column, string fixedConfig)
    {
        using var site = new TestSite().With("_config.yml", config).With("smlint.yml", "ruleset: jekyll\n").WithPage("index.md", "Home\n");
        var finding = site.Lint().Diagnostics.Single();
        Assert.That((finding.Rule.Id, finding.Path, finding.Span.Line, finding.Span.Column, finding.Message), Is.EqualTo(("SM004", "_config.yml", line, column, Message)));

        var report = FixApplier.Apply(site.Lint());

        Assert.That(report.FilesChanged, Is.EqualTo(new[] { "_config.yml" }));
        Assert.That(site.Read("_config.yml"), Is.EqualTo(fixedConfig));
        Assert.That(site.Lint().Diagnostics, Is.Empty);
    }

    [Test]
    public void Is_not_reported_when_excluded_or_when_there_is_no_config()
    {
        using var excluded = new TestSite().With("_config.yml", "exclude:\n  - smlint.yml\n").With("smlint.yml", "ruleset: jekyll\n");
        using var noConfig = new TestSite().With("smlint.yml", "ruleset: jekyll\n");
        Assert.That(excluded.Lint().Diagnostics.Concat(noConfig.Lint().Diagnostics), Is.Empty);
    }

    [Test]
    public void A_site_that_links_to_the_file_gets_the_finding_without_a_fix()
    {
        using var site = new TestSite().With("_config.yml", "title: T\n").With("smlint.yml", "ruleset: jekyll\n").WithPage("index.md", "[config](/smlint.yml)\n");
        var finding = site.Lint().Diagnostics.Single();
        Assert.That((finding.Rule.Id, finding.Path, finding.Span.Line, finding.Span.Column), Is.EqualTo(("SM004", "_config.yml", 1, 1)));
        Assert.That(finding.Suggestion, Is.EqualTo("add 'smlint.yml' to 'exclude:' in _config.yml, once the 1 link to it is gone"));
        Assert.That(finding.Fix, Is.Null);
    }

    [Test]
    public void A_cache_folder_named_in_include_is_reported()
    {
        using var site = new TestSite().With("_config.yml", "include:\n  - .smlint-cache\nexclude: [smlint.yml]\n").With("smlint.yml", "ruleset: jekyll\n");
        var finding = site.Lint().Diagnostics.Single();
        Assert.That((finding.Rule.Id, finding.Path, finding.Span.Line, finding.Span.Column, finding.Message),
            Is.EqualTo(("SM004", "_config.yml", 1, 1, "the cache folder '.smlint-cache' is published: 'include:' in _config.yml names it")));
    }
}
