namespace ServiceManual.Lint.Tests;

/// <summary>
/// Issue 19: a repository with its site in <c>docs/</c> and a README at the top. Each path finds its
/// own site root, and findings print relative to the folder smlint runs in.
/// </summary>
public sealed class CliRootTests
{
    private TestSite repository = null!;

    [SetUp]
    public void CreateRepository() => repository = CliRunner.SampleSiteIn("docs")
        .With("README.md", "# A project\n\nSee [the manual](docs/service-manual/index.md).\n");

    [TearDown]
    public void DeleteRepository() => repository.Dispose();

    private const string RealBrokenLink = "error SM301 link target '/service-manual/agile/user-stories.html' does not exist: no page or file is served at '/service-manual/agile/user-stories.html'";

    [Test]
    public void A_site_in_docs_linted_from_the_top_finds_its_root_and_prints_paths_from_the_top()
    {
        var (exitCode, output, error) = CliRunner.Run(repository.Root, "docs", "--no-color");
        Assert.That(exitCode, Is.EqualTo(1), error);
        Assert.That(output, Does.Contain($"docs/service-manual/agile/index.md:14:27 {RealBrokenLink}"));
        Assert.That(output, Does.Contain("hint: did you mean '/service-manual/agile/writing-user-stories.html'?"));
        Assert.That(output, Does.Not.Contain("SM103"), "the layouts are found: the root is docs/, not the repository");
        Assert.That(output, Does.Not.Contain("/docs/"), "URLs are the site's, not paths from the repository's root");
        Assert.That(output, Does.Contain("✖ 6 problems (4 errors, 2 warnings, 0 info) in 3 files"));
    }

    [Test]
    public void One_file_given_from_the_top_is_linted_against_its_own_site()
    {
        var (exitCode, output, _) = CliRunner.Run(repository.Root, "docs/service-manual/agile/index.md", "--format", "msbuild");
        Assert.That(exitCode, Is.EqualTo(1));
        var file = Path.Combine(repository.Root, "docs/service-manual/agile/index.md");
        Assert.That(output.TrimEnd(), Is.EqualTo($"{file}(14,27): error SM301: link target '/service-manual/agile/user-stories.html' does not exist: no page or file is served at '/service-manual/agile/user-stories.html' (did you mean '/service-manual/agile/writing-user-stories.html'?)"));
    }

    [Test]
    public void Run_inside_the_site_without_paths_finds_the_root_above_and_reports_on_the_current_folder()
    {
        var agile = Path.Combine(repository.Root, "docs", "service-manual", "agile");
        var (exitCode, output, _) = CliRunner.Run(agile, "--format", "msbuild");
        Assert.That(exitCode, Is.EqualTo(1));
        var reported = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line[..line.IndexOf('(', StringComparison.Ordinal)]).Distinct();
        Assert.That(reported, Is.EqualTo(new[] { Path.Combine(agile, "index.md"), Path.Combine(agile, "writing-user-stories.md") }), "as ESLint and ruff lint '.'");
        var (_, pretty, _) = CliRunner.Run(agile, "--no-color");
        Assert.That(pretty, Does.StartWith($"index.md:14:27 {RealBrokenLink}"));
    }

    [Test]
    public void A_file_outside_the_current_folder_prints_relative_to_it_so_it_opens_from_there()
    {
        var (_, output, _) = CliRunner.Run(Path.Combine(repository.Root, "docs", "service-manual", "agile"), "../phases", "--no-color");
        Assert.That(output, Does.StartWith("../phases/alpha.md:7:12 warning SM203"));
    }

    [Test]
    public void No_site_at_or_above_the_current_folder_exits_2_saying_so_and_how_to_pass_root()
    {
        var (exitCode, output, error) = CliRunner.Run(repository.Root);
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith("smlint: no site found: neither the current folder nor any folder above it holds smlint.yml or _config.yml."));
        Assert.That(error, Does.Contain("--root DIR"));
    }

    [Test]
    public void A_path_outside_any_site_exits_2_naming_it()
    {
        var (exitCode, _, error) = CliRunner.Run(repository.Root, "README.md");
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("smlint: no site found: neither 'README.md' nor any folder above it holds smlint.yml or _config.yml."));
    }

    [Test]
    public void Root_option_is_read_from_the_current_folder()
    {
        var (exitCode, output, _) = CliRunner.Run(repository.Root, "--root", "docs", "--no-color");
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Does.Contain($"docs/service-manual/agile/index.md:14:27 {RealBrokenLink}"));
    }

    [Test]
    public void Paths_of_two_sites_are_a_usage_error_naming_both()
    {
        repository.With("other/_config.yml", "").With("other/index.md", "---\ntitle: Other\n---\nHello\n");
        var (exitCode, output, error) = CliRunner.Run(repository.Root, "docs/service-manual", "other/index.md");
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd(), Is.EqualTo("smlint: 'docs/service-manual' and 'other/index.md' belong to different sites (docs and other): lint each site in its own run, or pass --root DIR to treat them as one"));
    }

    [Test]
    public void Github_paths_are_relative_to_the_workspace_not_the_current_folder()
    {
        var environment = new Dictionary<string, string> { ["GITHUB_WORKSPACE"] = repository.Root };
        var (_, output, _) = CliRunner.Run(Path.Combine(repository.Root, "docs"), environment, "--format", "github");
        Assert.That(output, Does.Contain("::error file=docs/service-manual/agile/index.md,line=14,col=27,endLine=14,endColumn=66,title=SM301 link-target-missing::"));
        var (_, local, _) = CliRunner.Run(Path.Combine(repository.Root, "docs"), "--format", "github");
        Assert.That(local, Does.Contain("::error file=service-manual/agile/index.md,line=14,col=27,"), "without GITHUB_WORKSPACE, from the current folder");
    }
}
