using System.Text;

namespace ServiceManual.Lint.Tests;

/// <summary>A throwaway site folder for one test, deleted afterwards.</summary>
internal sealed class TestSite : IDisposable
{
    /// <summary>Every test site has <c>_layouts/default.html</c>, so pages with <c>layout: default</c> are valid.</summary>
    public TestSite()
    {
        Directory.CreateDirectory(Root);
        With("_layouts/default.html", "<main>{{ content }}</main>\n");
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "smlint-test-" + Guid.NewGuid().ToString("N"));

    public TestSite With(string path, string content, Encoding? encoding = null)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, (encoding ?? new UTF8Encoding(false)).GetBytes(content));
        return this;
    }

    public TestSite WithSymlink(string path, string target)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
        return this;
    }

    /// <summary>
    /// Chooses the Service Manual's rule set (required status and phase, breadcrumb trails, phase
    /// navigation) as a site does, in <c>smlint.yml</c>; without it a site gets the generic Jekyll set.
    /// </summary>
    public TestSite WithServiceManualRules(string moreSettings = "") =>
        With("smlint.yml", "ruleset: service-manual\n" + (moreSettings.Contains("site:", StringComparison.Ordinal) ? string.Empty : ServiceManualServing) + moreSettings);

    /// <summary>How the Service Manual is served (its app.rb, on GOV.UK's hosts): the site settings of a Service Manual test site.</summary>
    public const string ServiceManualServing = "site:\n  serving: extensionless\n  hosts: [www.gov.uk, gov.uk]\n";

    /// <summary>A minimal page with front matter and the given body.</summary>
    public TestSite WithPage(string path, string body, string title = "A page") =>
        With(path, $"---\nlayout: default\ntitle: {title}\n---\n{body}");

    /// <summary>A writable copy of a whole folder (the shared corpus is read-only, and --fix rightly refuses read-only files).</summary>
    public static TestSite CopyOf(string source)
    {
        var copy = new TestSite();
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return copy;
    }

    public string Read(string path) => File.ReadAllText(Path.Combine(Root, path));

    public LintResult Lint(params string[] paths) =>
        Linter.Lint(new LintOptions { Root = Root, Paths = paths.Select(p => Path.Combine(Root, p)).ToArray() });

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}

internal static class RepositoryPaths
{
    /// <summary>The repository root: the folder holding ServiceManual.sln above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared corpus beside the repository, or null on a fresh clone without it.</summary>
    public static string? Corpus
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"));
            return Directory.Exists(path) ? path : null;
        }
    }

    private static string FindRoot()
    {
        for (var folder = TestContext.CurrentContext.TestDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "ServiceManual.sln"))) return folder;
        }
        throw new InvalidOperationException("ServiceManual.sln not found above the test directory");
    }
}
