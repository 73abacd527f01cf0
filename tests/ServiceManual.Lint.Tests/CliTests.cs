using System.Diagnostics;
using System.Text.Json;
using ServiceManual.Lint.Cli;

namespace ServiceManual.Lint.Tests;

public sealed class CliTests
{
    private TestSite site = null!;

    [SetUp]
    public void CreateSite() => site = new TestSite()
        .With("_config.yml", "baseurl: /\n")
        .WithPage("service-manual/index.md", "\nRead [agile](/service-manual/agile).\n")
        .WithPage("service-manual/agile.md", "\n## Sprints\n\nSee [missing](/service-manual/nope.html) and [frag](#stand-ups).\n");

    [TearDown]
    public void DeleteSite() => site.Dispose();

    // Run in the site's folder (paths print relative to it), with only these environment variables.
    private readonly Dictionary<string, string> environment = [];

    private (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SmlintCommand.Run(args, output, error, CliHost.For(site.Root, environment));
        return (exitCode, output.ToString(), error.ToString());
    }

    [Test]
    public void Pretty_output_shows_position_rule_message_code_frame_and_summary_and_exits_1()
    {
        var (exitCode, output, _) = Run(site.Root, "--no-color");
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Does.Contain("service-manual/agile.md:8:15 error SM301 link target '/service-manual/nope.html' does not exist"));
        Assert.That(output, Does.Contain("service-manual/agile.md:8:53 error SM302 fragment '#stand-ups' does not exist on this page"));
        Assert.That(output, Does.Contain("  8 | See [missing](/service-manual/nope.html)"));
        Assert.That(output, Does.Contain("✖ 2 problems (2 errors, 0 warnings, 0 info) in 1 file"));
    }

    [Test]
    public void Smlint_timing_prints_each_phase_and_rule_on_stderr_only()
    {
        environment["SMLINT_TIMING"] = "1";
        var (exitCode, output, error) = Run(site.Root, "--format", "json");
        Assert.That(exitCode, Is.EqualTo(1));
        var phases = error.Split('\n').Skip(1).Select(line => line.Split(' ', 2)[0]).Where(p => p.Length > 0).ToArray();
        Assert.That(phases, Is.SupersetOf(new[] { "walk", "parse", "index", "links", "SM301", "SM302", "SM101", "report", "garbage" }));
        Assert.That(() => JsonDocument.Parse(output), Throws.Nothing, "the report on stdout stays clean");
    }

    [Test]
    public void Cache_is_written_only_when_asked_and_a_cached_run_prints_the_same_report()
    {
        var plain = Run(site.Root, "--format", "msbuild");
        Assert.That(Directory.Exists(Path.Combine(site.Root, ".smlint-cache")), Is.False, "no --cache, nothing written");
        var first = Run(site.Root, "--format", "msbuild", "--cache");
        var second = Run(site.Root, "--format", "msbuild", "--cache");
        Assert.That(File.Exists(Path.Combine(site.Root, ".smlint-cache", "smlint.cache")));
        Assert.That(new[] { first, second }, Has.All.EqualTo(plain));
        // Code frames of findings read back from the cache come from the cache, and are the same.
        var pretty = Run(site.Root, "--no-color");
        Assert.That(pretty.Output, Does.Contain("  8 | See [missing](/service-manual/nope.html)"));
        Assert.That(Run(site.Root, "--no-color", "--cache"), Is.EqualTo(pretty));
        Assert.That(Run(site.Root, "--no-color", "--cache"), Is.EqualTo(pretty));
        Run(site.Root, "--cache-location", "build/lint-cache");
        Assert.That(File.Exists(Path.Combine(site.Root, "build", "lint-cache", "smlint.cache")));
    }

    [Test]
    public void Msbuild_format_is_the_canonical_error_line()
    {
        var (_, output, _) = Run(site.Root, "--format", "msbuild");
        var path = Path.Combine(site.Root, "service-manual/agile.md");
        Assert.That(output, Does.Contain($"{path}(8,15): error SM301: link target '/service-manual/nope.html' does not exist"));
    }

    [Test]
    public void Github_format_prints_workflow_annotations()
    {
        var (_, output, _) = Run(site.Root, "--format", "github");
        Assert.That(output, Does.Contain("::error file=service-manual/agile.md,line=8,col=15,endLine=8,endColumn=40,title=SM301 link-target-missing::link target '/service-manual/nope.html' does not exist"));
    }

    [Test]
    public void Github_paths_are_relative_to_the_workspace_when_the_site_is_in_a_subfolder()
    {
        // The workspace is the checkout's root, wherever smlint runs from: here the site's own
        // folder is the current folder, and the annotation still names the file from the workspace.
        environment["GITHUB_WORKSPACE"] = Path.GetDirectoryName(site.Root)!;
        var (_, output, _) = Run(site.Root, "--format", "github");
        Assert.That(output, Does.Contain($"::error file={Path.GetFileName(site.Root)}/service-manual/agile.md,line=8,col=15,"));
    }

    [Test]
    public void Json_format_lists_every_finding_with_position()
    {
        var (_, output, _) = Run(site.Root, "--format", "json");
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("summary").GetProperty("errors").GetInt32(), Is.EqualTo(2));
        var first = json.RootElement.GetProperty("diagnostics")[0];
        Assert.That((first.GetProperty("ruleId").GetString(), first.GetProperty("path").GetString(), first.GetProperty("line").GetInt32(), first.GetProperty("column").GetInt32()),
            Is.EqualTo(("SM301", "service-manual/agile.md", 8, 15)));
    }

    [Test]
    public void Sarif_output_has_rules_results_and_relative_uris()
    {
        var file = Path.Combine(site.Root, "out.sarif");
        var (exitCode, _, _) = Run(site.Root, "--format", "sarif", "--output", file);
        Assert.That(exitCode, Is.EqualTo(1));
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var run = json.RootElement.GetProperty("runs")[0];
        var result = run.GetProperty("results")[0];
        Assert.That(json.RootElement.GetProperty("version").GetString(), Is.EqualTo("2.1.0"));
        Assert.That(result.GetProperty("ruleId").GetString(), Is.EqualTo("SM301"));
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.That(location.GetProperty("artifactLocation").GetProperty("uri").GetString(), Is.EqualTo("service-manual/agile.md"));
        Assert.That(location.GetProperty("region").GetProperty("startLine").GetInt32(), Is.EqualTo(8));
        Assert.That(location.GetProperty("region").GetProperty("startColumn").GetInt32(), Is.EqualTo(15));
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");
        Assert.That(rules.EnumerateArray().Select(r => r.GetProperty("helpUri").GetString()), Has.All.StartsWith("https://"));
    }

    [Test]
    public void Sarif_output_passes_the_sarif_multitool_validator()
    {
        var file = Path.Combine(site.Root, "out.sarif");
        site.WithPage("service-manual/own.md", "\n[x](https://www.gov.uk/service-manual/agile)\n");
        Run(site.Root, "--format", "sarif", "--output", file);
        var npx = FindOnPath("npx");
        if (npx is null) Assert.Ignore("npx is not installed: the SARIF validator (@microsoft/sarif-multitool) runs from npm");
        var start = new ProcessStartInfo(npx, ["--yes", "@microsoft/sarif-multitool@5.7.0", "validate", file]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (!output.Contains("Analysis completed", StringComparison.Ordinal)) Assert.Ignore($"the validator did not run (no npm registry?): {output}");
        // The multitool exits 0 even on invalid files; its findings are lines with ": error " or ": warning ".
        Assert.That(output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal) || l.Contains(": warning ", StringComparison.Ordinal)), Is.Empty, output);
    }

    [Test]
    public void Fail_on_never_exits_0_and_fail_on_warning_counts_warnings()
    {
        Assert.That(Run(site.Root, "--fail-on", "never").ExitCode, Is.EqualTo(0));
        site.Dispose();
        site = new TestSite().With("smlint.yml", "site:\n  hosts: [www.gov.uk]\n").WithPage("service-manual/index.md", "\n[x](https://www.gov.uk/service-manual)\n");
        Assert.That(Run(site.Root).ExitCode, Is.EqualTo(0), "a warning alone does not fail by default");
        Assert.That(Run(site.Root, "--fail-on", "warning").ExitCode, Is.EqualTo(1));
    }

    [Test]
    public void A_clean_site_exits_0()
    {
        using var clean = new TestSite().With("_config.yml", "").WithPage("service-manual/index.md", "\n## Hello\n\n[me](#hello)\n");
        var (exitCode, output, _) = Run(clean.Root, "--no-color");
        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(output, Does.Contain("no problems in 2 files"));
    }

    [Test]
    public void Rule_option_changes_severity_and_off_disables()
    {
        var (exitCode, output, _) = Run(site.Root, "--rule", "SM301=off", "--rule", "link-fragment-missing=warning", "--format", "msbuild");
        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(output, Does.Not.Contain("SM301"));
        Assert.That(output, Does.Contain("warning SM302"));
    }

    [TestCase("--format", "xml")]
    [TestCase("--no-such-option")]
    [TestCase("--rule", "SM301")]
    [TestCase("--rule", "SM999=error")]
    public void Usage_errors_exit_2_with_a_one_line_message(params string[] args)
    {
        var (exitCode, _, error) = Run([site.Root, .. args]);
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("smlint: "));
        Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void Invalid_configuration_exits_2_naming_file_and_line()
    {
        site.With("smlint.yml", "rules:\n  SM301: loud\n");
        var (exitCode, _, error) = Run(site.Root);
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain("smlint.yml:2:10: rule 'SM301': severity must be off, info, warning or error, not 'loud'"));
    }

    [Test]
    public void A_missing_path_exits_2()
    {
        var (exitCode, _, error) = Run("--root", site.Root, Path.Combine(site.Root, "nope.md"));
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no such file or folder"));
    }

    [Test]
    public void Linting_one_file_reports_only_that_file_but_resolves_against_the_whole_site()
    {
        var (exitCode, output, _) = Run("--root", site.Root, Path.Combine(site.Root, "service-manual/index.md"), "--format", "msbuild");
        Assert.That(exitCode, Is.EqualTo(0), output);
    }

    [Test]
    public void Fix_rewrites_only_the_link_bytes_and_keeps_crlf_and_bom()
    {
        using var fixable = new TestSite()
            .With("_config.yml", "")
            .With("service-manual/a.md", "\uFEFF---\r\ntitle: A\r\n---\r\n\r\nSee [b](service-manual/b.html).\r\nEnd without newline")
            .WithPage("service-manual/b.md", "\nB\n");
        // A BOM makes the file static to Jekyll, so lint the same content without it too.
        fixable.With("service-manual/c.md", "---\r\ntitle: C\r\n---\r\n\r\nSee [b](service-manual/b.html).\r\nEnd without newline");
        var (exitCode, output, error) = Run(fixable.Root, "--fix", "--format", "msbuild");
        Assert.That(exitCode, Is.EqualTo(1), error);
        Assert.That(output, Does.Contain("a.md(1,1): error SM101: Markdown file is not rendered: it starts with a byte order mark"));
        Assert.That(fixable.Read("service-manual/c.md"), Is.EqualTo("---\r\ntitle: C\r\n---\r\n\r\nSee [b](/service-manual/b.html).\r\nEnd without newline"));
        Assert.That(File.ReadAllBytes(Path.Combine(fixable.Root, "service-manual/a.md"))[..3], Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(Directory.GetFiles(fixable.Root, "*.tmp", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public void Nothing_is_written_without_fix()
    {
        var before = Directory.GetFiles(site.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        Run(site.Root);
        var after = Directory.GetFiles(site.Root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public void Rules_command_lists_every_rule_and_prints_one_doc()
    {
        var (exitCode, output, _) = Run("rules");
        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(output, Does.Contain("SM301  link-target-missing"));
        var (docExit, doc, _) = Run("rules", "link-fragment-missing");
        Assert.That(docExit, Is.EqualTo(0));
        Assert.That(doc, Does.StartWith("# SM302: link-fragment-missing"));
        Assert.That(Run("rules", "SM999").ExitCode, Is.EqualTo(2));
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
