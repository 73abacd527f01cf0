using ServiceManual.Lint.Cli;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// The README's git hooks (the plain one and the pre-commit configuration, as written there, with
/// <c>dotnet tool run smlint --</c> pointed at this build) in a real repository: a commit is refused
/// when it breaks a link anywhere, naming the linking page and line, and accepted once fixed. The
/// packaging tests run the same hooks with the packed tool, word for word.
/// </summary>
[NonParallelizable]
public sealed class HookTests
{
    private GitRepository repo = null!;
    private IReadOnlyDictionary<string, string> environment = null!;

    // This build's smlint, in place of the tool from the manifest.
    private static string Smlint => $"dotnet {typeof(SmlintCommand).Assembly.Location}";

    [SetUp]
    public void CreateRepository()
    {
        repo = GitRepository.WithLinkedSite();
        environment = new Dictionary<string, string> { ["PRE_COMMIT_HOME"] = Path.Combine(repo.Top, ".git", "pre-commit-home") };
    }

    [TearDown]
    public void DeleteRepository() => repo.Dispose();

    private void InstallPlainHook()
    {
        var hook = Path.Combine(repo.Top, ".git", "hooks", "pre-commit");
        File.WriteAllText(hook, ReadmeBlock("#!/bin/sh").Replace("dotnet tool run smlint --", Smlint, StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(hook, File.GetUnixFileMode(hook) | UnixFileMode.UserExecute);
    }

    private void InstallPreCommit()
    {
        repo.Write(".pre-commit-config.yaml", ReadmeBlock("# .pre-commit-config.yaml").Replace("dotnet tool run smlint --", Smlint, StringComparison.Ordinal));
        var (code, output) = repo.Run("pre-commit", ["install"], environment);
        Assert.That(code, Is.EqualTo(0), output);
    }

    /// <summary>The README's fenced block whose first line is <paramref name="firstLine"/>.</summary>
    internal static string ReadmeBlock(string firstLine)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = readme.IndexOf("\n" + firstLine + "\n", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0), $"the README has a block starting '{firstLine}'");
        var end = readme.IndexOf("\n```", start + 1, StringComparison.Ordinal);
        return readme[(start + 1)..(end + 1)];
    }

    private (int ExitCode, string Output) Commit(string message) => repo.Run("git", ["commit", "-q", "-m", message], environment);

    // A commit the hook refuses; its output, which has every one of the expected lines.
    private string AssertRefused(string message, params string[] expected)
    {
        var (exitCode, output) = Commit(message);
        Assert.That(exitCode, Is.Not.EqualTo(0), output);
        foreach (var line in expected) Assert.That(output, Does.Contain(line));
        return output;
    }

    private void AssertAccepted(string message)
    {
        var (exitCode, output) = Commit(message);
        Assert.That(exitCode, Is.EqualTo(0), output);
    }

    [TestCase("git hook")]
    [TestCase("pre-commit")]
    public void The_hook_refuses_commits_that_break_links_elsewhere_and_accepts_their_fixes(string kind)
    {
        if (kind == "pre-commit")
        {
            if (!OnPath("pre-commit")) Assert.Ignore("pre-commit is not installed (Debian package pre-commit; .ci/run installs it)");
            InstallPreCommit();
        }
        else
        {
            InstallPlainHook();
        }
        repo.Git("add", ".");
        // A site adopting smlint has old findings (guide/old.md): they never block a commit.
        repo.Git("commit", "-q", "--no-verify", "-m", "site");

        // Deleting a linked page.
        repo.Git("rm", "-q", "docs/guide/setup.md");
        var deleted = AssertRefused("delete setup",
            "index.md:6:25 error SM301 link target '/guide/setup.html' does not exist",
            "index.md:8:16 error SM301 link target '/guide/setup.html#install-steps' does not exist");
        Assert.That(deleted, Does.Not.Contain("nowhere"));
        repo.Git("reset", "-q", "--hard");

        // Renaming one, then fixing the links in the same commit.
        repo.Git("mv", "docs/guide/setup.md", "docs/guide/install.md");
        AssertRefused("rename setup", "index.md:6:25 error SM301 link target '/guide/setup.html' does not exist");
        repo.Page("index.md", "Home", "\nStart with [setting up](/guide/install.html).\n\nThen [install](/guide/install.html#install-steps).\n");
        repo.Git("add", "docs/index.md");
        AssertAccepted("rename setup, links too");

        // Removing a linked heading.
        repo.Page("guide/install.md", "Install", "\n## Installing\n\nRun it.\n");
        repo.Git("add", "docs/guide/install.md");
        AssertRefused("rename heading", "index.md:8:16 error SM302 fragment '#install-steps' does not exist on 'guide/install.md'");
        repo.Git("reset", "-q", "--hard");

        // A staged file whose name has spaces and an accent.
        repo.Page("guide/my page é.md", "Mine", "\nSee [setup](/guide/install.html) and [bad](/guide/nope.html).\n");
        repo.Git("add", "-A");
        AssertRefused("my page", "guide/my page é.md:6:44 error SM301 link target '/guide/nope.html' does not exist");
        repo.Page("guide/my page é.md", "Mine", "\nSee [setup](/guide/install.html).\n");
        repo.Git("add", "-A");
        AssertAccepted("my page, fixed");

        // Unstaged edits are not the commit's: a deletion left unstaged does not block it...
        repo.Page("guide/old.md", "Old", "\nSee [gone](/nowhere.html), still.\n");
        repo.Git("add", "docs/guide/old.md");
        File.Delete(Path.Combine(repo.Site, "guide", "install.md"));
        AssertAccepted("old page");
        repo.Git("checkout", "--", "docs/guide/install.md");

        // ... and an unstaged fix does not let a staged break through.
        repo.Page("index.md", "Home", "\nStart with [setting up](/guide/instal.html).\n\nThen [install](/guide/install.html#install-steps).\n");
        repo.Git("add", "docs/index.md");
        repo.Page("index.md", "Home", "\nStart with [setting up](/guide/install.html).\n\nThen [install](/guide/install.html#install-steps).\n");
        AssertRefused("typo", "index.md:6:25 error SM301 link target '/guide/instal.html' does not exist");
        Assert.That(repo.Read("docs/index.md"), Does.Contain("/guide/install.html)"), "the work tree is left as it was");
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, name)));
}
