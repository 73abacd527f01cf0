using System.Diagnostics;
using System.Text;

namespace ServiceManual.Lint.Packaging.Tests;

/// <summary>
/// The MSBuild package under a real <c>dotnet build</c> (issue 19): the rule's page as the help
/// link, configuration errors at their file and line, configuration files outside the site as
/// inputs of the target, and <c>ServiceManualLintIgnore</c> (with its old name) meaning smlint.yml's
/// <c>ignore:</c>. Only this package is packed, into a feed of its own, consumed with a NuGet cache of its own.
/// </summary>
[NonParallelizable]
public sealed class MSBuildTaskTests
{
    private const string Version = "0.3.0";
    private static string work = string.Empty;
    private static readonly Dictionary<string, string> Environment = new();

    [OneTimeSetUp]
    public static void PackTheMSBuildPackage()
    {
        var repository = FindRepository();
        work = Path.Combine(Path.GetTempPath(), "smlint-msbuild-" + Guid.NewGuid().ToString("N"));
        var feed = Path.Combine(work, "feed");
        Directory.CreateDirectory(feed);
        Environment["NUGET_PACKAGES"] = Path.Combine(work, "nuget-cache");
        Environment["DOTNET_CLI_HOME"] = Path.Combine(work, "cli-home");
        Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        Environment["DOTNET_NOLOGO"] = "1";
        // The consumers' projects restore from the local feed alone.
        File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        // Packed from a copy of the sources, so the checkout's obj/ folders are left alone.
        var sources = Path.Combine(work, "sources");
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "README.md" })
        {
            Directory.CreateDirectory(sources);
            File.Copy(Path.Combine(repository, file), Path.Combine(sources, file));
        }
        foreach (var folder in new[] { "src/ServiceManual.Lint", "src/ServiceManual.Lint.MSBuild", "rules", "eng" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(repository, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(repository, file);
                var parts = relative.Split(Path.DirectorySeparatorChar);
                if (parts.Contains("bin") || parts.Contains("obj")) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(sources, relative))!);
                File.Copy(file, Path.Combine(sources, relative));
            }
        }
        var packEnvironment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? DefaultNuGetCache() };
        Run(sources, "dotnet", ["pack", Path.Combine(sources, "src/ServiceManual.Lint.MSBuild"), "-c", "Release", "-o", feed], packEnvironment, isolated: false).AssertSuccess();
    }

    [OneTimeTearDown]
    public static void CleanUp()
    {
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
    }

    // A repository holding a docs project whose site has one page linking to a second.
    private static string NewRepository(string name, string link, string projectProperties = "")
    {
        var repo = Path.Combine(work, name);
        var docs = Path.Combine(repo, "docs");
        Directory.CreateDirectory(Path.Combine(docs, "_layouts"));
        Run(repo, "git", "init", "-q").AssertSuccess();
        File.WriteAllText(Path.Combine(docs, "_config.yml"), "exclude: [bin, obj]\n");
        File.WriteAllText(Path.Combine(docs, "_layouts", "default.html"), "<main>{{ content }}</main>\n");
        File.WriteAllText(Path.Combine(docs, "index.md"), $"---\nlayout: default\ntitle: Home\n---\n\nRead [agile]({link}).\n");
        File.WriteAllText(Path.Combine(docs, "agile.md"), "---\nlayout: default\ntitle: Agile\n---\n");
        File.WriteAllText(Path.Combine(docs, "Docs.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                {projectProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ServiceManual.Lint.MSBuild" Version="{Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        return docs;
    }

    [Test]
    public void The_terminal_logger_links_the_code_to_the_rules_page_not_to_a_fwlink()
    {
        var docs = NewRepository("help-link", "/agile-delivery.html");
        var build = Run(docs, "dotnet", "build", "-tl:on");
        Assert.That(build.ExitCode, Is.Not.EqualTo(0), build.Output);
        Assert.That(build.Output, Does.Contain("\u001b]8;;https://").And.Contain("rules/SM301.md"), "the code is an OSC 8 hyperlink to the rule's page");
        Assert.That(build.Output, Does.Not.Contain("go.microsoft.com/fwlink"));

        var plain = Run(docs, "dotnet", "build", "-tl:off");
        Assert.That(plain.Output, Does.Contain($"{Path.Combine(docs, "index.md")}(6,14): error SM301: link target '/agile-delivery.html' does not exist"));
    }

    [Test]
    public void A_configuration_error_is_reported_at_its_file_and_line()
    {
        var docs = NewRepository("config-error", "/agile.html");
        File.WriteAllText(Path.Combine(docs, "smlint.yml"), "# settings\nrules:\n  SM999: error\n");
        var build = Run(docs, "dotnet", "build", "-tl:off");
        Assert.That(build.ExitCode, Is.Not.EqualTo(0), build.Output);
        Assert.That(build.Output, Does.Contain($"{Path.Combine(docs, "smlint.yml")}(3,3): error SM000: unknown rule 'SM999'; run 'smlint rules' for the list"));
    }

    [Test]
    public void Changing_a_configuration_file_outside_the_site_runs_the_target_again()
    {
        var docs = NewRepository("outside-config", "/agile-delivery.html");
        var shared = Path.Combine(Path.GetDirectoryName(docs)!, "shared");
        Directory.CreateDirectory(shared);
        File.WriteAllText(Path.Combine(shared, "base.yml"), "rules: { SM301: off }\n");
        File.WriteAllText(Path.Combine(docs, "smlint.yml"), "extends: ../shared/base.yml\n");

        Run(docs, "dotnet", "build", "-tl:off").AssertSuccess();
        var unchanged = Run(docs, "dotnet", "build", "-tl:off", "-v:n");
        unchanged.AssertSuccess();
        Assert.That(unchanged.Output, Does.Contain("Skipping target \"ServiceManualLint\" because all output files are up-to-date"));

        File.WriteAllText(Path.Combine(shared, "base.yml"), "rules: { SM301: error }\n");
        var changed = Run(docs, "dotnet", "build", "-tl:off");
        Assert.That(changed.ExitCode, Is.Not.EqualTo(0), "the extended file changed, so the lint ran again: " + changed.Output);
        Assert.That(changed.Output, Does.Contain($"{Path.Combine(docs, "index.md")}(6,14): error SM301"));
    }

    [Test]
    public void A_configuration_file_named_by_the_property_is_an_input_wherever_it_is()
    {
        var docs = NewRepository("config-property", "/agile-delivery.html", "<ServiceManualLintConfigFile>$(MSBuildProjectDirectory)/../lint/smlint.yml</ServiceManualLintConfigFile>");
        var lint = Path.Combine(Path.GetDirectoryName(docs)!, "lint");
        Directory.CreateDirectory(lint);
        File.WriteAllText(Path.Combine(lint, "smlint.yml"), "rules: { SM301: warning }\n");
        Run(docs, "dotnet", "build", "-tl:off").AssertSuccess();
        File.WriteAllText(Path.Combine(lint, "smlint.yml"), "rules: { SM301: error }\n");
        Assert.That(Run(docs, "dotnet", "build", "-tl:off").ExitCode, Is.Not.EqualTo(0));
    }

    [TestCase("ServiceManualLintIgnore")]
    [TestCase("ServiceManualLintExclude")]
    public void The_ignore_property_hides_findings_of_files_that_stay_in_the_site(string property)
    {
        var docs = NewRepository("ignore-" + property, "/drafts/plan.html");
        Directory.CreateDirectory(Path.Combine(docs, "drafts"));
        File.WriteAllText(Path.Combine(docs, "drafts", "plan.md"), "---\nlayout: default\ntitle: Plan\n---\n\n[later](/later.html)\n");
        var failing = Run(docs, "dotnet", "build", "-tl:off");
        Assert.That(failing.Output, Does.Contain($"{Path.Combine(docs, "drafts", "plan.md")}(6,9): error SM301"));

        var ignored = Run(docs, "dotnet", "build", "-tl:off", $"-p:{property}=drafts/**");
        ignored.AssertSuccess();
        Assert.That(ignored.Output, Does.Not.Contain("error SM301"), "drafts/plan.md stays in the site: the link to it works");
    }

    private sealed record Result(int ExitCode, string Output)
    {
        public void AssertSuccess() => Assert.That(ExitCode, Is.EqualTo(0), Output);
    }

    private static Result Run(string folder, string command, params string[] arguments) => Run(folder, command, arguments, null, isolated: true);

    private static Result Run(string folder, string command, string[] arguments, Dictionary<string, string>? extra, bool isolated)
    {
        var start = new ProcessStartInfo(command, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in (isolated ? Environment : []).Concat(extra ?? [])) start.Environment[key] = value;
        // The git a test makes needs a name only if it commits; never the user's own configuration.
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString());
    }

    private static string DefaultNuGetCache() =>
        Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string FindRepository()
    {
        for (var folder = TestContext.CurrentContext.TestDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "ServiceManual.sln"))) return folder;
        }
        throw new InvalidOperationException("ServiceManual.sln not found");
    }
}
