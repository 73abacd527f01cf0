using System.Text;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// A real git repository for one test, in the system's temporary folder, deleted afterwards: a
/// README at the top and a Jekyll site in <c>docs/</c>, as a repository that adopts smlint has.
/// git runs without the machine's global and system configuration, so a user's hooks or signing
/// settings cannot change what the test sees.
/// </summary>
internal sealed class GitRepository : IDisposable
{
    public GitRepository()
    {
        Directory.CreateDirectory(Top);
        Git("init", "-q", "-b", "main");
        Git("config", "user.email", "test@example.invalid");
        Git("config", "user.name", "Test");
        Git("config", "commit.gpgsign", "false");
    }

    /// <summary>
    /// A repository with a README and a small site (nothing committed yet): <c>index.md</c> links to
    /// <c>guide/setup.md</c> and to its heading <c>#install-steps</c>, and <c>guide/old.md</c> has the
    /// finding a site adopting smlint already has (a link to <c>/nowhere.html</c>).
    /// </summary>
    public static GitRepository WithLinkedSite() => new GitRepository()
        .Write("README.md", "# A project\n\nThe docs are in [docs](docs/).\n")
        .Write("docs/_config.yml", "title: Docs\n")
        .Write("docs/_layouts/default.html", "<main>{{ content }}</main>\n")
        .Page("index.md", "Home", "\nStart with [setting up](/guide/setup.html).\n\nThen [install](/guide/setup.html#install-steps).\n")
        .Page("guide/setup.md", "Setup", "\n## Install steps\n\nRun it.\n")
        .Page("guide/old.md", "Old", "\nSee [gone](/nowhere.html).\n");

    public string Top { get; } = Path.Combine(Path.GetTempPath(), "smlint-git-" + Guid.NewGuid().ToString("N"));

    /// <summary>The site's root folder.</summary>
    public string Site => Path.Combine(Top, "docs");

    /// <summary>The environment every git command (and hook) of the test runs with.</summary>
    public static IReadOnlyDictionary<string, string> Environment => TestProcess.IsolatedGit;

    /// <summary>Writes a file (path from the top of the repository).</summary>
    public GitRepository Write(string path, string content)
    {
        var full = Path.Combine(Top, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content, new UTF8Encoding(false));
        return this;
    }

    public string Read(string path) => File.ReadAllText(Path.Combine(Top, path));

    /// <summary>Writes a page of the site with front matter (<paramref name="path"/> from the site root).</summary>
    public GitRepository Page(string path, string title, string body) => Write("docs/" + path, $"---\nlayout: default\ntitle: {title}\n---\n{body}");

    /// <summary>Runs git in the repository's top folder and requires it to succeed.</summary>
    public string Git(params string[] arguments)
    {
        var (code, output) = Run("git", arguments);
        if (code != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({code}): {output}");
        return output;
    }

    /// <summary>Runs a program in the top folder with the test's git environment; its exit code and its output and error, interleaved.</summary>
    public (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (exitCode, output, _) = TestProcess.Run(Top, program, arguments, Environment.Concat(environment ?? new Dictionary<string, string>()), TimeSpan.FromMinutes(3));
        return (exitCode, output);
    }

    public void Dispose()
    {
        if (!Directory.Exists(Top)) return;
        // git makes its object files read-only.
        foreach (var file in Directory.GetFiles(Top, "*", SearchOption.AllDirectories)) File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(Top, recursive: true);
    }
}
