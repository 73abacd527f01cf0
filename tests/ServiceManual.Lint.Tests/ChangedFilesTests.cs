using ServiceManual.Lint.Cli;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// <c>--changed</c> and <c>--staged</c> in real git repositories: every finding a change adds
/// anywhere in the site (in the pages that link to a deleted, renamed or changed page too), and none
/// of the findings the site already had.
/// </summary>
public sealed class ChangedFilesTests
{
    private GitRepository repo = null!;

    [SetUp]
    public void CreateRepository()
    {
        repo = GitRepository.WithLinkedSite();
        repo.Git("add", ".");
        repo.Git("commit", "-q", "-m", "site");
    }

    [TearDown]
    public void DeleteRepository() => repo.Dispose();

    // Run from the site folder given, so that findings print relative to the site as they are asserted.
    private static (int ExitCode, string Output, string Error) Smlint(params string[] args) =>
        CliRunner.Run(args.First(Directory.Exists), args);

    [Test]
    public void A_whole_run_has_the_old_finding_and_a_staged_run_of_no_change_reports_nothing()
    {
        var whole = Smlint(repo.Site, "--no-color", "-f", "msbuild");
        Assert.That(whole.Output, Does.Contain("guide/old.md(6,12): error SM301: link target '/nowhere.html' does not exist"));
        var staged = Smlint(repo.Site, "--staged", "--no-color", "-f", "msbuild");
        Assert.That((staged.ExitCode, staged.Output, staged.Error), Is.EqualTo((0, string.Empty, string.Empty)));
    }

    [Test]
    public void Staged_deletion_of_a_linked_page_is_reported_in_the_page_that_links_to_it()
    {
        repo.Git("rm", "-q", "docs/guide/setup.md");
        var output = AssertStagedRunFinds(repo,
        [
            "index.md:6:25 error SM301 link target '/guide/setup.html' does not exist: no page or file is served at '/guide/setup.html'",
            "index.md:8:16 error SM301 link target '/guide/setup.html#install-steps' does not exist: no page or file is served at '/guide/setup.html'",
        ]);
        Assert.That(output, Does.Not.Contain("nowhere"), "the site's old finding is not the commit's");
    }

    [Test]
    public void Staged_rename_reports_the_pages_linking_to_the_old_name_not_the_moved_pages_old_findings()
    {
        repo.Git("mv", "docs/guide/setup.md", "docs/guide/install.md");
        repo.Git("mv", "docs/guide/old.md", "docs/guide/older.md");
        AssertStagedRunFinds(repo,
        [
            "index.md:6:25 error SM301 link target '/guide/setup.html' does not exist: no page or file is served at '/guide/setup.html'",
            "index.md:8:16 error SM301 link target '/guide/setup.html#install-steps' does not exist: no page or file is served at '/guide/setup.html'",
        ], "older.md keeps its finding under its new name: not new");
    }

    [Test]
    public void Staged_removal_of_a_linked_heading_is_reported_where_the_fragment_is()
    {
        repo.Page("guide/setup.md", "Setup", "\n## Installing\n\nRun it.\n");
        repo.Git("add", "docs/guide/setup.md");
        AssertStagedRunFinds(repo,
        [
            "index.md:8:16 error SM302 fragment '#install-steps' does not exist on 'guide/setup.md'",
        ]);
    }

    [Test]
    public void A_commit_that_fixes_what_it_breaks_is_clean()
    {
        repo.Git("mv", "docs/guide/setup.md", "docs/guide/install.md");
        repo.Page("index.md", "Home", "\nStart with [setting up](/guide/install.html).\n\nThen [install](/guide/install.html#install-steps).\n");
        repo.Git("add", "docs/index.md");
        var (exitCode, output, error) = Smlint(repo.Site, "--staged", "--no-color");
        Assert.That((exitCode, error), Is.EqualTo((0, string.Empty)), output);
        Assert.That(output, Does.StartWith("✔ no problems in "));
    }

    [Test]
    public void Staged_reads_the_index_not_the_work_tree()
    {
        // Staged: broken; in the work tree: fixed again. The commit would record the broken link.
        repo.Page("index.md", "Home", "\nStart with [setting up](/guide/set-up.html).\n\nThen [install](/guide/setup.html#install-steps).\n");
        repo.Git("add", "docs/index.md");
        repo.Page("index.md", "Home", "\nStart with [setting up](/guide/setup.html).\n\nThen [install](/guide/setup.html#install-steps).\n");
        var staged = Smlint(repo.Site, "--staged", "--no-color");
        Assert.That(Findings(staged.Output), Is.EqualTo(new[]
        {
            "index.md:6:25 error SM301 link target '/guide/set-up.html' does not exist: no page or file is served at '/guide/set-up.html'",
        }));
        var workTree = Smlint(repo.Site, "--changed", "HEAD", repo.Site, "--no-color");
        Assert.That(workTree.ExitCode, Is.EqualTo(0), "the work tree is as HEAD: " + workTree.Output);

        // And the other way round: an unstaged edit breaks nothing the commit records.
        repo.Git("add", "docs/index.md");
        File.Delete(Path.Combine(repo.Site, "guide", "setup.md"));
        Assert.That(Smlint(repo.Site, "--staged").ExitCode, Is.EqualTo(0));
        Assert.That(Findings(Smlint(repo.Site, "--changed", "--no-color").Output), Has.Length.EqualTo(2), "--changed sees the work tree");
    }

    [Test]
    public void A_staged_file_whose_name_has_spaces_and_accents_is_read_and_named()
    {
        repo.Page("guide/my page é.md", "Mine", "\nSee [setup](/guide/setup.html) and [bad](/guide/nope.html).\n");
        repo.Git("add", "--", "docs/guide/my page é.md");
        AssertStagedRunFinds(repo,
        [
            "guide/my page é.md:6:42 error SM301 link target '/guide/nope.html' does not exist: no page or file is served at '/guide/nope.html'",
        ]);
    }

    [Test]
    public void Moving_lines_keeps_old_findings_old_and_a_second_identical_finding_is_new()
    {
        repo.Page("guide/old.md", "Old", "\nA new first paragraph.\n\nSee [gone](/nowhere.html).\n");
        repo.Git("add", ".");
        Assert.That(Smlint(repo.Site, "--staged").ExitCode, Is.EqualTo(0), "the same finding two lines down is not new");

        repo.Page("guide/old.md", "Old", "\nA new first paragraph.\n\nSee [gone](/nowhere.html).\n\nAgain [gone](/nowhere.html).\n");
        repo.Git("add", ".");
        AssertStagedRunFinds(repo,
        [
            "guide/old.md:10:14 error SM301 link target '/nowhere.html' does not exist: no page or file is served at '/nowhere.html'",
        ], "one more of the same: the copy is reported, not the original that moved down");
    }

    [Test]
    public void Changed_compares_the_work_tree_with_an_older_commit()
    {
        var first = repo.Git("rev-parse", "HEAD").Trim();
        repo.Git("rm", "-q", "docs/guide/setup.md");
        repo.Git("commit", "-q", "-m", "remove setup");
        Assert.That(Smlint(repo.Site, "--changed").ExitCode, Is.EqualTo(0), "nothing changed since HEAD");
        var (exitCode, output, _) = Smlint(repo.Site, "--changed", first, "--no-color");
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(Findings(output), Has.Length.EqualTo(2).And.All.StartWith("index.md:"));
    }

    [Test]
    public void Files_git_ignores_are_in_both_states_and_so_not_the_change()
    {
        repo.Write(".gitignore", "docs/generated/\n");
        repo.Page("generated/page.md", "Generated", "\nSee [gone](/generated-nowhere.html).\n");
        repo.Page("index.md", "Home", "\nStart with [setting up](/guide/setup.html).\n\nThen [install](/guide/setup.html#install-steps).\n\nAlso [generated](/generated/page.html).\n");
        var (exitCode, output, _) = Smlint(repo.Site, "--changed", "--no-color");
        Assert.That((exitCode, Findings(output)), Is.EqualTo((0, Array.Empty<string>())), output);
    }

    [Test]
    public void Images_are_in_both_states_and_a_deleted_linked_image_is_reported()
    {
        File.WriteAllBytes(Path.Combine(repo.Site, "logo.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]);
        repo.Page("guide/logo.md", "Logo", "\n![logo](/logo.png)\n");
        repo.Git("add", ".");
        Assert.That(Smlint(repo.Site, "--staged").ExitCode, Is.EqualTo(0), "the image exists in the staged copy");
        repo.Git("commit", "-q", "-m", "logo");

        repo.Git("rm", "-q", "docs/logo.png");
        AssertStagedRunFinds(repo, ["guide/logo.md:6:9 error SM301 link target '/logo.png' does not exist: no image is served at '/logo.png'"]);
    }

    [Test]
    public void Before_the_first_commit_everything_staged_is_new()
    {
        using var fresh = new GitRepository()
            .Write("docs/_config.yml", "title: Docs\n")
            .Write("docs/_layouts/default.html", "<main>{{ content }}</main>\n")
            .Page("index.md", "Home", "\nSee [missing](/missing.html).\n");
        fresh.Git("add", ".");
        AssertStagedRunFinds(fresh, ["index.md:6:15 error SM301 link target '/missing.html' does not exist: no page or file is served at '/missing.html'"]);
    }

    [Test]
    public void Outside_git_or_with_an_unknown_reference_is_a_usage_error()
    {
        using var site = new TestSite().WithPage("index.md", "\nHi.\n").With("_config.yml", "");
        var outside = Smlint(site.Root, "--staged");
        Assert.That(outside.ExitCode, Is.EqualTo(2));
        Assert.That(outside.Error, Does.StartWith($"smlint: {site.Root}: not in a git work tree"));

        var unknown = Smlint(repo.Site, "--changed", "no-such-branch");
        Assert.That((unknown.ExitCode, unknown.Error.TrimEnd()), Is.EqualTo((2, $"smlint: --changed no-such-branch: not a commit in {repo.Top}")));

        var pathAsReference = Smlint("--changed", repo.Site);
        Assert.That(pathAsReference.ExitCode, Is.EqualTo(2));
        Assert.That(pathAsReference.Error, Does.Contain("is a path: put paths before --changed"));

        var fixStaged = Smlint(repo.Site, "--staged", "--fix");
        Assert.That((fixStaged.ExitCode, fixStaged.Error.TrimEnd()), Is.EqualTo((2, "smlint: --fix cannot be combined with --staged (fixes are made in the work tree, not the index)")));
    }

    [Test]
    public void Machine_formats_name_the_files_in_the_work_tree_not_a_temporary_copy()
    {
        repo.Git("rm", "-q", "docs/guide/setup.md");
        var (_, output, _) = Smlint(repo.Site, "--staged", "-f", "msbuild");
        Assert.That(output, Does.StartWith($"{repo.Site}/index.md(6,25): error SM301: "));
    }

    // A staged run that fails with exactly these findings (pretty, without colour); its output.
    private static string AssertStagedRunFinds(GitRepository repository, string[] expected, string? because = null)
    {
        var (exitCode, output, _) = Smlint(repository.Site, "--staged", "--no-color");
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(Findings(output), Is.EqualTo(expected), because);
        return output;
    }

    // The "path:line:col severity rule message" lines of a pretty report.
    private static string[] Findings(string output) =>
        output.Split('\n').Where(line => line.Length > 0 && !line.StartsWith(' ') && (line.Contains(" error ", StringComparison.Ordinal) || line.Contains(" warning ", StringComparison.Ordinal))).ToArray();
}
