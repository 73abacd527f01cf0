using ServiceManual.Lint.Configuration;

namespace ServiceManual.Lint.Tests;

public sealed class JekyllVersionTests
{
    [Test]
    public void Lock_file_spec_gives_the_version_and_requirements_are_not_specs()
    {
        const string lockFile = """
            GIT
              remote: https://github.com/alextea/jekyll-sass.git
              specs:
                jekyll-sass (1.1.0)
                  jekyll (>= 0.10.0)

            GEM
              specs:
                jekyll (0.12.1)
                  kramdown (~> 0.14)
                kramdown (0.14.2)
            """;
        Assert.That(JekyllVersionReader.FromLockFile(lockFile), Is.EqualTo(new Version(0, 12, 1)));
    }

    [TestCase("    jekyll (4.3.1)\r\n", "4.3.1")]
    [TestCase("    jekyll (4.0.0.pre.beta1)\n", "4.0.0")]
    [TestCase("    github-pages (232)\n      jekyll (= 3.10.0)\n    jekyll (3.10.0)\n", "3.10.0")]
    public void Lock_file_versions(string text, string expected) =>
        Assert.That(JekyllVersionReader.FromLockFile(text), Is.EqualTo(Version.Parse(expected)));

    [TestCase("    jekyll-feed (0.17.0)\n      jekyll (>= 3.7, < 5.0)\n")]
    [TestCase("")]
    [TestCase("\0\0 binary")]
    public void Lock_file_without_a_jekyll_spec_gives_null(string text) =>
        Assert.That(JekyllVersionReader.FromLockFile(text), Is.Null);

    [TestCase("gem 'jekyll', '~> 2.1'", "2.1")]
    [TestCase("gem \"jekyll\", \"2.1.1\"", "2.1.1")]
    [TestCase("  gem \"jekyll\", \">= 3.0\", \"< 5\"", "3.0")]
    [TestCase("gem \"jekyll\", \"< 5\", \">= 3.9\", group: :site", "3.9")]
    [TestCase("gem(\"jekyll\", \"= 4.2.0\")", "4.2.0")]
    [TestCase("gem 'github-pages', group: :jekyll_plugins", "3.0")]
    [TestCase("gem 'github-pages', '~> 39'", "2.4.0")]
    [TestCase("gem 'github-pages', '232'", "3.0")]
    [TestCase("gem \"jekyll\"\ngem 'github-pages', '31'", "2.4.0")]
    public void Gemfile_versions(string text, string expected) =>
        Assert.That(JekyllVersionReader.FromGemfile(text), Is.EqualTo(Version.Parse(expected)));

    [TestCase("gem \"jekyll\"")]
    [TestCase("# gem 'jekyll', '~> 2.1'")]
    [TestCase("gem 'jekyll', github: 'jekyll/jekyll'")]
    [TestCase("gem 'jekyll-feed', '0.17.0'")]
    [TestCase("gem 'jekyll', '< 4'")]
    public void Gemfile_without_a_usable_version_gives_null(string text) =>
        Assert.That(JekyllVersionReader.FromGemfile(text), Is.Null);

    [Test]
    public void Configuration_takes_the_lock_file_before_the_gemfile()
    {
        using var site = new TestSite()
            .With("_config.yml", "baseurl: /\n")
            .With("Gemfile", "gem 'jekyll', '~> 3.8'\n")
            .With("Gemfile.lock", "GEM\n  specs:\n    jekyll (2.1.1)\n");
        Assert.That(ConfigurationLoader.Load(site.Root).JekyllVersion, Is.EqualTo(new Version(2, 1, 1)));
    }

    [Test]
    public void Configuration_falls_back_to_the_gemfile_then_to_null()
    {
        using var site = new TestSite().With("_config.yml", "baseurl: /\n").With("Gemfile", "gem 'jekyll', '~> 3.8'\n");
        Assert.That(ConfigurationLoader.Load(site.Root).JekyllVersion, Is.EqualTo(new Version(3, 8)));
        using var bare = new TestSite().With("_config.yml", "baseurl: /\n");
        Assert.That(ConfigurationLoader.Load(bare.Root).JekyllVersion, Is.Null);
    }

    [Test]
    public void Corpus_snapshots_are_jekyll_0_12_and_2_1()
    {
        var corpus = RepositoryPaths.Corpus;
        if (corpus is null) Assert.Ignore("../shared/corpus is not beside this clone");
        Assert.That(JekyllVersionReader.Read(Path.Combine(corpus!, "service-manual-2013")), Is.EqualTo(new Version(0, 12, 1)));
        Assert.That(JekyllVersionReader.Read(Path.Combine(corpus!, "service-manual-2016")), Is.EqualTo(new Version(2, 1, 1)));
    }
}
