using System.Diagnostics;
using System.Text;

namespace ServiceManual.Lint.Packaging.Tests;

/// <summary>
/// The product as other repositories consume it: the three packages are packed into a local feed
/// and used from a temporary folder with its own NuGet cache (a repacked version would otherwise
/// be served from the machine's cache).
/// </summary>
[NonParallelizable]
public sealed class PackagedProductTests
{
    private const string Version = "0.2.0";
    private static string work = string.Empty;
    private static string feed = string.Empty;
    private static readonly Dictionary<string, string> Environment = new();

    [OneTimeSetUp]
    public static void PackEverything()
    {
        var repository = FindRepository();
        work = Path.Combine(Path.GetTempPath(), "smlint-packaging-" + Guid.NewGuid().ToString("N"));
        feed = Path.Combine(work, "feed");
        Directory.CreateDirectory(feed);
        Environment["NUGET_PACKAGES"] = Path.Combine(work, "nuget-cache");
        // The SDK remembers where each local tool was restored (~/.dotnet/toolResolverCache); a
        // private CLI home keeps that memory from pointing into another run's deleted cache.
        Environment["DOTNET_CLI_HOME"] = Path.Combine(work, "cli-home");
        Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        Environment["DOTNET_NOLOGO"] = "1";
        File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
                <add key="nuget" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        // Pack from a copy of the sources: restoring in the checkout itself would rewrite its obj/
        // folders under the other test project's feet. Packing uses the machine's NuGet cache;
        // only the consumers below use the fresh one.
        var sources = Path.Combine(work, "sources");
        CopySources(repository, sources);
        var stopwatch = Stopwatch.StartNew();
        var packEnvironment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? DefaultNuGetCache() };
        foreach (var project in new[] { "src/ServiceManual.Lint", "src/ServiceManual.Lint.MSBuild" })
        {
            Run(sources, "dotnet", ["pack", Path.Combine(sources, project), "-c", "Release", "-o", feed], packEnvironment).AssertSuccess();
        }
        // The tool: a pointer package, the native AOT build for linux-x64 and the portable fallback.
        var cli = Path.Combine(sources, "src/ServiceManual.Lint.Cli");
        Run(sources, "dotnet", ["pack", cli, "-c", "Release", "-o", feed], packEnvironment).AssertSuccess();
        Run(sources, "dotnet", ["pack", cli, "-c", "Release", "-r", "linux-x64", "-o", feed], packEnvironment).AssertSuccess();
        Run(sources, "dotnet", ["pack", cli, "-c", "Release", "-r", "any", "-o", feed], packEnvironment).AssertSuccess();
        TestContext.Progress.WriteLine($"packed in {stopwatch.Elapsed.TotalSeconds:0} s: " +
            string.Join(", ", Directory.GetFiles(feed, "*.nupkg").Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length / 1024} KB")));
    }

    private static void CopySources(string repository, string target)
    {
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "README.md" })
        {
            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(repository, file), Path.Combine(target, file));
        }
        foreach (var folder in new[] { "src", "rules", "eng" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(repository, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(repository, file);
                var parts = relative.Split(Path.DirectorySeparatorChar);
                if (parts.Contains("bin") || parts.Contains("obj")) continue;
                var destination = Path.Combine(target, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination);
            }
        }
    }

    private static string DefaultNuGetCache() =>
        Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    [OneTimeTearDown]
    public static void CleanUp()
    {
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
    }

    private static string NewFolder(string name)
    {
        var folder = Path.Combine(work, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static void WriteSite(string root, string link)
    {
        Directory.CreateDirectory(Path.Combine(root, "service-manual"));
        Directory.CreateDirectory(Path.Combine(root, "_layouts"));
        File.WriteAllText(Path.Combine(root, "_config.yml"), "markdown: kramdown\nexclude: [bin, obj]\n");
        File.WriteAllText(Path.Combine(root, "_layouts", "default.html"), "<main>{{ content }}</main>\n");
        File.WriteAllText(Path.Combine(root, "service-manual", "index.md"), $"---\nlayout: default\ntitle: Home\n---\n\nRead [agile]({link}).\n");
        File.WriteAllText(Path.Combine(root, "service-manual", "agile.md"), "---\nlayout: default\ntitle: Agile\n---\n");
    }

    [Test]
    public void A_docs_project_build_fails_on_a_broken_link_passes_when_fixed_and_skips_when_unchanged()
    {
        var docs = NewFolder("docs");
        WriteSite(docs, "/service-manual/agile-delivery");
        File.WriteAllText(Path.Combine(docs, "Docs.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ServiceManual.Lint.MSBuild" Version="{Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);

        var failing = Run(docs, "dotnet", "build");
        Assert.That(failing.ExitCode, Is.Not.EqualTo(0), failing.Output);
        var index = Path.Combine(docs, "service-manual", "index.md");
        Assert.That(failing.Output, Does.Contain($"{index}(6,14): error SM301: link target '/service-manual/agile-delivery' does not exist"));

        File.WriteAllText(index, "---\nlayout: default\ntitle: Home\n---\n\nRead [agile](/service-manual/agile).\n");
        var withLint = Run(docs, "dotnet", "build", "-v:n");
        withLint.AssertSuccess();
        Assert.That(withLint.Output, Does.Contain("ServiceManualLint: 3 files checked, 0 findings"));

        var unchanged = Run(docs, "dotnet", "build", "-v:n");
        unchanged.AssertSuccess();
        Assert.That(unchanged.Output, Does.Contain("Skipping target \"ServiceManualLint\" because all output files are up-to-date"));

        var withoutLint = Run(docs, "dotnet", "build", "-p:ServiceManualLintEnabled=false");
        withoutLint.AssertSuccess();
        TestContext.Progress.WriteLine($"consumer build: {withLint.Seconds:0.0} s with the lint target, {unchanged.Seconds:0.0} s when skipped, {withoutLint.Seconds:0.0} s with it off");

        File.Delete(Path.Combine(docs, "service-manual", "agile.md"));
        var afterDelete = Run(docs, "dotnet", "build");
        Assert.That(afterDelete.ExitCode, Is.Not.EqualTo(0), "deleting the linked page makes the lint run again and fail");
        Assert.That(afterDelete.Output, Does.Contain("error SM301"));
    }

    [Test]
    public void The_tool_installs_with_tool_path_and_through_a_manifest_and_sets_exit_codes()
    {
        var site = NewFolder("tool-site");
        WriteSite(site, "/service-manual/agile");
        var toolPath = Path.Combine(work, "tools");
        Run(work, "dotnet", "tool", "install", "ServiceManual.Lint.Cli", "--version", Version, "--tool-path", toolPath, "--add-source", feed).AssertSuccess();
        var smlint = Path.Combine(toolPath, "smlint");
        if (OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64)
        {
            Assert.That(new FileInfo(smlint).LinkTarget, Does.Contain("linux-x64"), "the native AOT package is chosen on linux-x64");
        }
        Assert.That(Run(site, smlint, site).ExitCode, Is.EqualTo(0));

        var manifestRepo = NewFolder("manifest-repo");
        WriteSite(manifestRepo, "/service-manual/nope");
        Run(manifestRepo, "dotnet", "new", "tool-manifest").AssertSuccess();
        Run(manifestRepo, "dotnet", "tool", "install", "ServiceManual.Lint.Cli", "--version", Version, "--add-source", feed).AssertSuccess();
        var broken = Run(manifestRepo, "dotnet", "tool", "run", "smlint", "--", manifestRepo, "--format", "msbuild");
        Assert.That(broken.ExitCode, Is.EqualTo(1), broken.Output);
        Assert.That(broken.Output, Does.Contain("error SM301"));
        Assert.That(Run(manifestRepo, "dotnet", "tool", "run", "smlint", "--", "--no-such-option").ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void A_console_project_adds_its_own_rule_beside_the_built_in_ones()
    {
        var site = NewFolder("api-site");
        WriteSite(site, "/service-manual/nope");
        var app = NewFolder("api-consumer");
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ServiceManual.Lint" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using ServiceManual.Lint;
            using ServiceManual.Lint.Diagnostics;
            using ServiceManual.Lint.Rules;

            var result = Linter.Lint(new LintOptions { Root = args[0], AdditionalRules = [new NoDraftTitles()] });
            foreach (var d in result.Diagnostics) Console.WriteLine($"{d.Path}:{d.Span.Line}:{d.Span.Column} {d.Rule.Id} {d.Message}");

            sealed class NoDraftTitles : IPageRule
            {
                public RuleDescriptor Descriptor { get; } = new("ACME001", "title-not-home", "Pages must not be called Home", "acme", Severity.Warning, IsFixable: false);

                public void Check(PageContext context)
                {
                    if (context.Page.Title == "Home") context.Report(SourceSpan.FileStart, "a page is called 'Home'");
                }
            }
            """);
        var run = Run(app, "dotnet", "run", "--", site);
        run.AssertSuccess();
        Assert.That(run.Output, Does.Contain("service-manual/index.md:6:14 SM301 link target '/service-manual/nope' does not exist"));
        Assert.That(run.Output, Does.Contain("service-manual/index.md:1:1 ACME001 a page is called 'Home'"));
    }

    [Test]
    public void Pre_commit_refuses_a_commit_with_a_broken_link()
    {
        if (FindOnPath("pre-commit") is null) Assert.Ignore("pre-commit is not installed (Debian package pre-commit; .ci/run installs it)");
        var repository = FindRepository();
        var repo = NewFolder("precommit-repo");
        Run(repo, "git", "init", "-q").AssertSuccess();
        Run(repo, "git", "config", "user.email", "test@example.invalid").AssertSuccess();
        Run(repo, "git", "config", "user.name", "Test").AssertSuccess();
        Run(repo, "dotnet", "new", "tool-manifest").AssertSuccess();
        Run(repo, "dotnet", "tool", "install", "ServiceManual.Lint.Cli", "--version", Version, "--add-source", feed).AssertSuccess();
        // The hook definition is this repository's own .pre-commit-hooks.yaml, used as a local repo.
        var hooks = File.ReadAllText(Path.Combine(repository, ".pre-commit-hooks.yaml"));
        var hook = hooks[hooks.IndexOf("- id: smlint", StringComparison.Ordinal)..].Replace("\n", "\n    ", StringComparison.Ordinal).TrimEnd();
        File.WriteAllText(Path.Combine(repo, ".pre-commit-config.yaml"), "repos:\n  - repo: local\n    hooks:\n    " + hook + "\n");
        WriteSite(repo, "/service-manual/nope");
        Run(repo, "git", "add", ".").AssertSuccess();
        var environment = new Dictionary<string, string> { ["PRE_COMMIT_HOME"] = Path.Combine(work, "pre-commit-home") };
        Run(repo, "pre-commit", ["install"], environment).AssertSuccess();

        var refused = Run(repo, "git", ["commit", "-q", "-m", "broken link"], environment);
        Assert.That(refused.ExitCode, Is.Not.EqualTo(0), refused.Output);
        Assert.That(refused.Output, Does.Contain("SM301"));

        // The hook keeps its cache in the site, ignored by git: the fix must be seen through it.
        Assert.That(Directory.Exists(Path.Combine(repo, ".smlint-cache")), "the hook runs with --cache");
        WriteSite(repo, "/service-manual/agile");
        Run(repo, "git", "add", ".").AssertSuccess();
        Run(repo, "git", ["commit", "-q", "-m", "fixed link"], environment).AssertSuccess();
        Assert.That(Run(repo, "git", "status", "--porcelain", "--ignored=no").Output, Does.Not.Contain("smlint-cache"));
    }

    private sealed record Result(int ExitCode, string Output, double Seconds)
    {
        public void AssertSuccess() => Assert.That(ExitCode, Is.EqualTo(0), Output);
    }

    private static Result Run(string folder, string command, params string[] arguments) => Run(folder, command, arguments, null);

    private static Result Run(string folder, string command, string[] arguments, Dictionary<string, string>? extra)
    {
        var start = new ProcessStartInfo(command, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in Environment.Concat(extra ?? [])) start.Environment[key] = value;
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString(), stopwatch.Elapsed.TotalSeconds);
    }

    private static string FindRepository()
    {
        for (var folder = TestContext.CurrentContext.TestDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "ServiceManual.sln"))) return folder;
        }
        throw new InvalidOperationException("ServiceManual.sln not found");
    }

    private static string? FindOnPath(string name) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
