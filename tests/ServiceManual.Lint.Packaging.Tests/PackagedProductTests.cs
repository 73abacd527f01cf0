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
    private const string Version = "0.3.0";
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
        // The README's script: the library, the MSBuild task, and the tool (its pointer package, the
        // native AOT build for linux-x64 and the portable fallback).
        // One process packs five packages, two of them native AOT builds: on two busy cores that can
        // take longer than any single command below.
        Run(sources, "bash", [Path.Combine(sources, "scripts", "pack.sh"), feed], packEnvironment, TimeSpan.FromMinutes(30)).AssertSuccess();
        Assert.That(Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName), Is.SupersetOf(new[]
        {
            $"ServiceManual.Lint.{Version}.nupkg", $"ServiceManual.Lint.MSBuild.{Version}.nupkg", $"ServiceManual.Lint.Cli.{Version}.nupkg",
            $"ServiceManual.Lint.Cli.linux-x64.{Version}.nupkg", $"ServiceManual.Lint.Cli.any.{Version}.nupkg",
        }));
        TestContext.Progress.WriteLine($"packed in {stopwatch.Elapsed.TotalSeconds:0} s: " +
            string.Join(", ", Directory.GetFiles(feed, "*.nupkg").Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length / 1024} KB")));
    }

    private static void CopySources(string repository, string target)
    {
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "README.md", ".pre-commit-hooks.yaml", "action.yml" })
        {
            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(repository, file), Path.Combine(target, file));
        }
        foreach (var folder in new[] { "src", "rules", "eng", "scripts" })
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
    public void The_readmes_install_commands_run_as_written_with_tool_path_and_through_a_manifest()
    {
        var withFeed = new Dictionary<string, string> { ["FEED"] = feed };
        var toolRepo = NewFolder("tool-repo");
        WriteSite(Path.Combine(toolRepo, "docs"), "/service-manual/agile");
        var toolPath = RunReadmeBlock(toolRepo, "dotnet tool install ServiceManual.Lint.Cli --tool-path ./tools", withFeed);
        toolPath.AssertSuccess();
        Assert.That(toolPath.Output, Does.Contain("no problems"));
        if (OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64)
        {
            Assert.That(new FileInfo(Path.Combine(toolRepo, "tools", "smlint")).LinkTarget, Does.Contain("linux-x64"), "the native AOT package is chosen on linux-x64");
        }

        var manifestRepo = NewFolder("manifest-repo");
        WriteSite(Path.Combine(manifestRepo, "docs"), "/service-manual/nope");
        var manifest = RunReadmeBlock(manifestRepo, "dotnet new tool-manifest", withFeed);
        Assert.That(manifest.ExitCode, Is.EqualTo(1), manifest.Output);
        Assert.That(manifest.Output, Does.Contain("index.md:6:14 error SM301 link target '/service-manual/nope' does not exist"));
        var broken = Run(manifestRepo, "dotnet", "tool", "run", "smlint", "--", "docs", "--format", "msbuild");
        Assert.That(broken.ExitCode, Is.EqualTo(1), broken.Output);
        Assert.That(Run(manifestRepo, "dotnet", "tool", "run", "smlint", "--", "--no-such-option").ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void The_readmes_hooks_as_written_refuse_a_commit_that_breaks_a_link_elsewhere_and_accept_its_fix()
    {
        var preCommit = FindOnPath("pre-commit") is not null;
        foreach (var kind in preCommit ? new[] { "git hook", "pre-commit" } : ["git hook"])
        {
            var repo = NewGitRepository(kind == "git hook" ? "plain-hook-repo" : "pre-commit-repo");
            if (kind == "git hook")
            {
                var hook = Path.Combine(repo, ".git", "hooks", "pre-commit");
                File.WriteAllText(hook, ReadmeBlock("#!/bin/sh"));
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(hook, File.GetUnixFileMode(hook) | UnixFileMode.UserExecute);
            }
            else
            {
                File.WriteAllText(Path.Combine(repo, ".pre-commit-config.yaml"), ReadmeBlock("# .pre-commit-config.yaml"));
                Run(repo, "pre-commit", ["install"], PreCommitEnvironment).AssertSuccess();
            }
            CommitAll(repo, "site", verify: false);
            AssertHookRefusesDeletionAndAcceptsFix(repo, kind);
        }
        if (!preCommit) Assert.Ignore("pre-commit is not installed (Debian package pre-commit; .ci/run installs it): only the plain git hook ran");
    }

    [Test]
    public void The_pre_commit_hook_definition_of_this_repository_works_as_a_hook_repository()
    {
        if (FindOnPath("pre-commit") is null) Assert.Ignore("pre-commit is not installed (Debian package pre-commit; .ci/run installs it)");
        // A hook repository holding this repository's .pre-commit-hooks.yaml, pinned by commit id
        // (the README says so: no release is tagged).
        var hooks = NewFolder("hooks-repo");
        Git(hooks, "init", "-q");
        File.Copy(Path.Combine(work, "sources", ".pre-commit-hooks.yaml"), Path.Combine(hooks, ".pre-commit-hooks.yaml"));
        CommitAll(hooks, "hooks", verify: false);
        var commit = Git(hooks, "rev-parse", "HEAD").Output.Trim();
        var repo = NewGitRepository("hook-repository-consumer");
        File.WriteAllText(Path.Combine(repo, ".pre-commit-config.yaml"), $"repos:\n  - repo: {hooks}\n    rev: {commit}\n    hooks:\n      - id: smlint\n        args: [docs]\n");
        Run(repo, "pre-commit", ["install"], PreCommitEnvironment).AssertSuccess();
        CommitAll(repo, "site", verify: false);
        AssertHookRefusesDeletionAndAcceptsFix(repo, "hook repository");
    }

    [Test]
    public void The_actions_steps_lint_a_pull_requests_changes_and_write_sarif_and_the_whole_site_on_a_push()
    {
        // origin with main; a pull request branch that deletes a linked page, checked out as GitHub does.
        var origin = NewFolder("action-origin");
        Git(origin, "init", "-q", "--bare", "-b", "main");
        var author = NewFolder("action-author");
        Git(author, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(author, "README.md"), "# A project\n");
        WriteSite(Path.Combine(author, "docs"), "/service-manual/agile");
        File.WriteAllText(Path.Combine(author, "docs", "service-manual", "old.md"), "---\nlayout: default\ntitle: Old\n---\n\nAn old [finding](/service-manual/gone).\n");
        CommitAll(author, "site", verify: false);
        Git(author, "remote", "add", "origin", origin);
        Git(author, "push", "-q", "origin", "main");
        Git(author, "checkout", "-q", "-b", "delete-agile");
        Git(author, "rm", "-q", "docs/service-manual/agile.md");
        Git(author, "commit", "-q", "-m", "delete agile");
        Git(author, "push", "-q", "origin", "delete-agile");
        var workspace = NewFolder("action-workspace");
        Git(workspace, "clone", "-q", "--depth=1", "--branch", "delete-agile", "file://" + origin, ".");

        var pullRequest = RunAction(workspace, "pull_request", "main", new() { ["path"] = "docs", ["sarif"] = "true", ["feed"] = feed });
        Assert.That(pullRequest.Outputs["exit-code"], Is.EqualTo("1"), pullRequest.Log);
        Assert.That(pullRequest.Failed, Is.True, "the last step fails the job");
        Assert.That(pullRequest.Log, Does.Contain("::error file=docs/service-manual/index.md,line=6,col=14"), "an annotation on the linking page, from the workspace");
        Assert.That(pullRequest.Log, Does.Not.Contain("/service-manual/gone"), "only the pull request's findings");
        Assert.That(pullRequest.Uploaded, Is.EqualTo(pullRequest.Outputs["sarif-file"]), "upload-sarif gets the report");
        using (var sarif = System.Text.Json.JsonDocument.Parse(File.ReadAllText(pullRequest.Outputs["sarif-file"])))
        {
            Assert.That(sarif.RootElement.GetProperty("version").GetString(), Is.EqualTo("2.1.0"));
            var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results");
            Assert.That(results.GetArrayLength(), Is.EqualTo(1));
            Assert.That(results[0].GetProperty("ruleId").GetString(), Is.EqualTo("SM301"));
        }

        var push = RunAction(workspace, "push", string.Empty, new() { ["path"] = "docs", ["feed"] = feed });
        Assert.That(push.Outputs["exit-code"], Is.EqualTo("1"), push.Log);
        Assert.That(push.Log, Does.Contain("/service-manual/gone"), "a push lints the whole site");
        Assert.That(push.Uploaded, Is.Null, "no SARIF unless asked");
    }

    private sealed record ActionRun(Dictionary<string, string> Outputs, string Log, bool Failed, string? Uploaded);

    /// <summary>
    /// Runs action.yml's steps as GitHub's runner does, outside GitHub: each step's <c>if:</c> and
    /// <c>env:</c> expressions evaluated against the inputs (defaults from the file), the runner's
    /// variables and earlier steps' outputs, each <c>run:</c> script under
    /// <c>bash --noprofile --norc -eo pipefail</c> in the workspace. <c>uses:</c> steps are not run:
    /// setup-dotnet (the SDK is here) is skipped; upload-sarif's file is returned.
    /// </summary>
    private static ActionRun RunAction(string workspace, string eventName, string baseRef, Dictionary<string, string> given)
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(work, "sources", "action.yml"))));
        var action = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        var inputs = new Dictionary<string, string>();
        foreach (var (key, value) in (YamlDotNet.RepresentationModel.YamlMappingNode)action["inputs"])
        {
            var input = (YamlDotNet.RepresentationModel.YamlMappingNode)value;
            inputs[key.ToString()] = input.Children.TryGetValue("default", out var fallback) ? fallback.ToString() : string.Empty;
        }
        foreach (var (key, value) in given) inputs[key] = value;
        inputs["setup-dotnet"] = "false"; // the SDK running these tests is the one to use
        var temp = NewFolder("runner-temp-" + eventName);
        var steps = new Dictionary<string, Dictionary<string, string>>();
        var log = new StringBuilder();
        string? uploaded = null;
        var failed = false;
        foreach (var stepNode in ((YamlDotNet.RepresentationModel.YamlSequenceNode)((YamlDotNet.RepresentationModel.YamlMappingNode)action["runs"])["steps"]).Children)
        {
            var step = ((YamlDotNet.RepresentationModel.YamlMappingNode)stepNode).Children.ToDictionary(p => p.Key.ToString(), p => p.Value);
            string Evaluate(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\$\{\{\s*(.*?)\s*\}\}", m => Value(m.Groups[1].Value));
            string Value(string expression)
            {
                if (expression.StartsWith("inputs.", StringComparison.Ordinal)) return inputs[expression["inputs.".Length..]];
                if (expression == "github.action_path") return Path.Combine(work, "sources");
                var output = System.Text.RegularExpressions.Regex.Match(expression, @"^steps\.([\w-]+)\.outputs\.([\w-]+)$");
                if (output.Success) return steps.GetValueOrDefault(output.Groups[1].Value)?.GetValueOrDefault(output.Groups[2].Value) ?? string.Empty;
                throw new InvalidOperationException($"expression not known to the test: {expression}");
            }
            bool Condition(string expression) => expression.Split("&&").All(clause =>
            {
                var parts = System.Text.RegularExpressions.Regex.Match(clause.Trim(), @"^(\S+)\s*(==|!=)\s*'(.*)'$");
                if (!parts.Success) throw new InvalidOperationException($"condition not known to the test: {clause}");
                return (Value(parts.Groups[1].Value) == parts.Groups[3].Value) == (parts.Groups[2].Value == "==");
            });
            if (step.TryGetValue("if", out var condition))
            {
                var expression = condition.ToString().Trim();
                if (expression.StartsWith("${{", StringComparison.Ordinal)) expression = expression[3..^2].Trim();
                if (!Condition(expression)) continue;
            }
            if (step.TryGetValue("uses", out var uses))
            {
                if (uses.ToString().StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal))
                {
                    uploaded = Evaluate(((YamlDotNet.RepresentationModel.YamlMappingNode)step["with"])["sarif_file"].ToString());
                }
                continue;
            }
            var outputFile = Path.Combine(temp, $"output-{steps.Count}");
            File.WriteAllText(outputFile, string.Empty);
            var environment = new Dictionary<string, string>
            {
                ["GITHUB_ACTIONS"] = "true", ["GITHUB_WORKSPACE"] = workspace, ["GITHUB_EVENT_NAME"] = eventName, ["GITHUB_BASE_REF"] = baseRef,
                ["GITHUB_OUTPUT"] = outputFile, ["RUNNER_TEMP"] = temp,
            };
            if (step.TryGetValue("env", out var env))
            {
                foreach (var (key, value) in (YamlDotNet.RepresentationModel.YamlMappingNode)env) environment[key.ToString()] = Evaluate(value.ToString());
            }
            var script = Path.Combine(temp, $"step-{steps.Count}.sh");
            File.WriteAllText(script, step["run"].ToString());
            var result = Run(workspace, "bash", ["--noprofile", "--norc", "-eo", "pipefail", script], environment);
            log.AppendLine(result.Output);
            steps[step.TryGetValue("id", out var id) ? id.ToString() : $"step-{steps.Count}"] = File.ReadAllLines(outputFile)
                .Select(line => line.Split('=', 2)).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
            if (result.ExitCode != 0)
            {
                failed = true;
                break;
            }
        }
        var outputs = new Dictionary<string, string>();
        foreach (var (key, value) in (YamlDotNet.RepresentationModel.YamlMappingNode)action["outputs"])
        {
            outputs[key.ToString()] = System.Text.RegularExpressions.Regex.Replace(((YamlDotNet.RepresentationModel.YamlMappingNode)value)["value"].ToString(), @"\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}",
                m => steps.GetValueOrDefault(m.Groups[1].Value)?.GetValueOrDefault(m.Groups[2].Value) ?? string.Empty);
        }
        return new ActionRun(outputs, log.ToString(), failed, uploaded);
    }

    private static Dictionary<string, string> PreCommitEnvironment => new() { ["PRE_COMMIT_HOME"] = Path.Combine(work, "pre-commit-home") };

    // A repository with a README at the top, the site in docs/ and smlint in its tool manifest.
    private static string NewGitRepository(string name)
    {
        var repo = NewFolder(name);
        Git(repo, "init", "-q");
        File.WriteAllText(Path.Combine(repo, "README.md"), "# A project\n\nThe docs are in docs/.\n");
        WriteSite(Path.Combine(repo, "docs"), "/service-manual/agile");
        File.WriteAllText(Path.Combine(repo, "docs", "service-manual", "old.md"), "---\nlayout: default\ntitle: Old\n---\n\nAn old [finding](/service-manual/gone).\n");
        Run(repo, "dotnet", "new", "tool-manifest").AssertSuccess();
        Run(repo, "dotnet", "tool", "install", "ServiceManual.Lint.Cli", "--version", Version, "--add-source", feed).AssertSuccess();
        return repo;
    }

    private static void AssertHookRefusesDeletionAndAcceptsFix(string repo, string kind)
    {
        Git(repo, "rm", "-q", "docs/service-manual/agile.md");
        var refused = Run(repo, "git", ["commit", "-q", "-m", "delete agile"], PreCommitEnvironment);
        Assert.That(refused.ExitCode, Is.Not.EqualTo(0), $"{kind}: {refused.Output}");
        Assert.That(refused.Output, Does.Contain("index.md:6:14 error SM301 link target '/service-manual/agile' does not exist"), kind);
        Assert.That(refused.Output, Does.Not.Contain("/service-manual/gone"), $"{kind}: the site's old finding is not the commit's");

        File.WriteAllText(Path.Combine(repo, "docs", "service-manual", "my page é.md"), "---\nlayout: default\ntitle: Mine\n---\n\nRead [nothing](/service-manual/nothing).\n");
        File.WriteAllText(Path.Combine(repo, "docs", "service-manual", "index.md"), "---\nlayout: default\ntitle: Home\n---\n\nRead [mine](/service-manual/my%20page%20%C3%A9.html).\n");
        Git(repo, "add", "-A");
        var spaced = Run(repo, "git", ["commit", "-q", "-m", "my page"], PreCommitEnvironment);
        Assert.That(spaced.ExitCode, Is.Not.EqualTo(0), $"{kind}: {spaced.Output}");
        Assert.That(spaced.Output, Does.Contain("my page é.md:6:16 error SM301 link target '/service-manual/nothing' does not exist"), kind);

        File.WriteAllText(Path.Combine(repo, "docs", "service-manual", "my page é.md"), "---\nlayout: default\ntitle: Mine\n---\n\nRead [home](/service-manual/).\n");
        Git(repo, "add", "-A");
        var accepted = Run(repo, "git", ["commit", "-q", "-m", "my page, fixed"], PreCommitEnvironment);
        Assert.That(accepted.ExitCode, Is.EqualTo(0), $"{kind}: {accepted.Output}");
    }

    private static void CommitAll(string repo, string message, bool verify)
    {
        Git(repo, "add", "-A");
        Run(repo, "git", verify ? ["commit", "-q", "-m", message] : ["commit", "-q", "--no-verify", "-m", message], PreCommitEnvironment).AssertSuccess();
    }

    private static Result Git(string repo, params string[] arguments)
    {
        var result = Run(repo, "git", arguments, GitEnvironment);
        result.AssertSuccess();
        return result;
    }

    // No global or system git configuration; an author for commits.
    private static readonly Dictionary<string, string> GitEnvironment = new()
    {
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_AUTHOR_NAME"] = "Test",
        ["GIT_AUTHOR_EMAIL"] = "test@example.invalid",
        ["GIT_COMMITTER_NAME"] = "Test",
        ["GIT_COMMITTER_EMAIL"] = "test@example.invalid",
    };

    /// <summary>The README's fenced block whose first line is (or starts with) <paramref name="firstLine"/>.</summary>
    private static string ReadmeBlock(string firstLine)
    {
        var readme = File.ReadAllText(Path.Combine(work, "sources", "README.md"));
        var start = readme.IndexOf("\n" + firstLine, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0), $"the README has a block starting '{firstLine}'");
        Assert.That(readme[..start].TrimEnd().EndsWith("```sh", StringComparison.Ordinal) || readme[..start].TrimEnd().EndsWith("```yaml", StringComparison.Ordinal), $"'{firstLine}' starts a fenced block");
        var end = readme.IndexOf("\n```", start + 1, StringComparison.Ordinal);
        return readme[(start + 1)..(end + 1)];
    }

    // A README block of shell commands, run as written by bash -e in the folder.
    private static Result RunReadmeBlock(string folder, string firstLine, Dictionary<string, string> environment)
    {
        var script = Path.Combine(folder, "readme-block.sh");
        File.WriteAllText(script, ReadmeBlock(firstLine));
        return Run(folder, "bash", ["-e", script], environment);
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

    private sealed record Result(int ExitCode, string Output, double Seconds)
    {
        public void AssertSuccess() => Assert.That(ExitCode, Is.EqualTo(0), Output);
    }

    private static Result Run(string folder, string command, params string[] arguments) => Run(folder, command, arguments, null);

    private static Result Run(string folder, string command, string[] arguments, Dictionary<string, string>? extra, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(command, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in Environment.Concat(GitEnvironment).Concat(extra ?? [])) start.Environment[key] = value;
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
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
