using ServiceManual.Lint.Cli;
using ServiceManual.Lint.Tests.Differential;

namespace ServiceManual.Lint.Tests;

/// <summary>Issue 19's command-line details, each of which was wrong before.</summary>
public sealed class CliDetailsTests
{
    private TestSite site = null!;

    // Two warnings (a link to the site's own host, twice) and one error, in two of three pages.
    [SetUp]
    public void CreateSite() => site = new TestSite()
        .With("smlint.yml", "site:\n  hosts: [www.gov.uk]\n")
        .WithPage("index.md", "\n[x](https://www.gov.uk/a.html) and [y](https://www.gov.uk/a.html)\n")
        .WithPage("a.md", "\n[broken](/nope.html)\n")
        .WithPage("b.md", "\nFine.\n");

    [TearDown]
    public void DeleteSite() => site.Dispose();

    private (int ExitCode, string Output, string Error) Run(params string[] args) => CliRunner.Run(site.Root, args);

    private (int ExitCode, string Output, string Error) Run(CliHost host, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = SmlintCommand.Run(args, output, error, host);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Test]
    public void Quiet_keeps_fail_on_and_shows_what_fails_the_run()
    {
        site.WithPage("a.md", "\nFixed.\n");
        var (exitCode, output, _) = Run("-q", "--fail-on", "warning", "--no-color");
        Assert.That(exitCode, Is.EqualTo(1), "two warnings with --fail-on warning fail, quiet or not");
        Assert.That(output, Does.Not.Contain("no problems"));
        Assert.That(output, Does.Contain("index.md:6:5 warning SM306"));
        Assert.That(output, Does.Contain("✖ 2 problems (0 errors, 2 warnings, 0 info) in 1 file"));

        var (defaultExit, quiet, _) = Run("-q", "--no-color");
        Assert.That(defaultExit, Is.EqualTo(0));
        Assert.That(quiet, Does.Contain("✔ no problems in 4 files"));
        Assert.That(quiet, Does.Contain("  2 more not shown: below the severity that fails the run (--quiet)"));
    }

    [Test]
    public void Summary_counts_the_files_with_problems()
    {
        var (_, output, _) = Run("--no-color");
        Assert.That(output, Does.Contain("✖ 3 problems (1 error, 2 warnings, 0 info) in 2 files"));
        var (_, one, _) = Run("a.md", "--no-color");
        Assert.That(one, Does.Contain("✖ 1 problem (1 error, 0 warnings, 0 info) in 1 file\n"));
    }

    [TestCase("--bogus", "smlint: unknown option '--bogus'\n")]
    [TestCase("--fail-of", "smlint: unknown option '--fail-of'; did you mean '--fail-on'?\n")]
    [TestCase("--colour=always", "smlint: unknown option '--colour'; did you mean '--color'?\n")]
    public void Unknown_options_are_usage_errors_naming_the_option(string option, string message)
    {
        var (exitCode, output, error) = Run(option);
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error.Replace("\r\n", "\n", StringComparison.Ordinal), Is.EqualTo(message + "Run 'smlint --help' for usage.\n"));
    }

    [Test]
    public void After_a_double_dash_a_name_starting_with_a_dash_is_a_path()
    {
        site.WithPage("-odd.md", "\nFine.\n");
        var (exitCode, output, error) = Run("--no-color", "--", "-odd.md");
        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("no problems in 1 file"));
    }

    [Test]
    public void Output_to_a_folder_is_a_clear_error()
    {
        var (exitCode, _, error) = Run("-o", Path.GetTempPath());
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.StartWith($"smlint: --output {Path.GetTempPath()}: is a folder: give a file name (such as "));
        Assert.That(error, Does.Not.Contain("denied"));
        var (missingExit, _, missing) = Run("-o", "no/such/folder/report.sarif");
        Assert.That(missingExit, Is.EqualTo(2));
        Assert.That(missing.TrimEnd(), Is.EqualTo($"smlint: --output no/such/folder/report.sarif: the folder {Path.Combine(site.Root, "no", "such", "folder")} does not exist"));
    }

    private const string Escape = "\u001b[";

    [TestCase(false, new string[0], new string[0], false, TestName = "Auto colour is off when output is not a terminal")]
    [TestCase(true, new string[0], new string[0], true, TestName = "Auto colour is on at a terminal")]
    [TestCase(true, new[] { "NO_COLOR", "1" }, new string[0], false, TestName = "NO_COLOR turns colour off at a terminal")]
    [TestCase(true, new[] { "NO_COLOR", "" }, new string[0], true, TestName = "An empty NO_COLOR is not set")]
    [TestCase(true, new[] { "TERM", "dumb" }, new string[0], false, TestName = "TERM=dumb turns colour off")]
    [TestCase(false, new[] { "FORCE_COLOR", "1" }, new string[0], true, TestName = "FORCE_COLOR turns colour on in a pipe")]
    [TestCase(false, new[] { "FORCE_COLOR", "" }, new string[0], true, TestName = "An empty FORCE_COLOR forces colour too")]
    [TestCase(true, new[] { "FORCE_COLOR", "0" }, new string[0], false, TestName = "FORCE_COLOR=0 turns colour off")]
    [TestCase(false, new[] { "FORCE_COLOR", "1", "NO_COLOR", "1" }, new string[0], true, TestName = "FORCE_COLOR wins over NO_COLOR, as in Node")]
    [TestCase(false, new string[0], new[] { "--color", "always" }, true, TestName = "Color always colours a pipe")]
    [TestCase(true, new[] { "FORCE_COLOR", "1" }, new[] { "--color", "never" }, false, TestName = "Color never wins over FORCE_COLOR")]
    [TestCase(true, new[] { "FORCE_COLOR", "1" }, new[] { "--no-color" }, false, TestName = "No-color is color never")]
    [TestCase(false, new string[0], new[] { "--no-color", "--color", "always" }, true, TestName = "An explicit color wins over no-color")]
    public void Colour_follows_the_option_the_environment_and_the_terminal(bool terminal, string[] variables, string[] options, bool coloured)
    {
        var environment = new Dictionary<string, string>();
        for (var i = 0; i < variables.Length; i += 2) environment[variables[i]] = variables[i + 1];
        var host = CliHost.For(site.Root, environment) with { OutputIsTerminal = terminal };
        var (_, output, _) = Run(host, options);
        Assert.That(output.Contains(Escape, StringComparison.Ordinal), Is.EqualTo(coloured), output);
    }

    [Test]
    public void Colour_is_not_written_to_an_output_file_unless_always()
    {
        var host = CliHost.For(site.Root, new Dictionary<string, string> { ["FORCE_COLOR"] = "1" }) with { OutputIsTerminal = true };
        Run(host, "-o", "report.txt");
        Assert.That(site.Read("report.txt"), Does.Not.Contain(Escape));
        Run(host, "-o", "report.txt", "--color", "always");
        Assert.That(site.Read("report.txt"), Does.Contain(Escape));
    }

    [Test]
    public void Colour_choices_are_checked()
    {
        var (exitCode, _, error) = Run("--color", "sometimes");
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("smlint: Argument 'sometimes' not recognized. Must be one of:"));
    }

    // .NET's console streams switch a terminal to keypad-transmit mode (ESC[?1h ESC=) on their first
    // write when standard input is a terminal: run the real executable under a pseudo-terminal.
    [TestCase("rules")]
    [TestCase("--color", "never")]
    public void No_stray_escape_sequences_at_a_terminal(params string[] args)
    {
        var smlint = Path.Combine(TestContext.CurrentContext.TestDirectory, OperatingSystem.IsWindows() ? "smlint.exe" : "smlint");
        if (OperatingSystem.IsWindows() || !File.Exists("/usr/bin/script")) Assert.Ignore("needs util-linux's script for a pseudo-terminal");
        var command = $"cd '{site.Root}' && TERM=xterm '{smlint}' {string.Join(' ', args)}";
        var (_, output) = Processes.RunAsync("/usr/bin/script", ["-qec", command, "/dev/null"]).GetAwaiter().GetResult();
        Assert.That(output, Does.Not.Contain("\u001b[?1h").And.Not.Contain("\u001b="), output);
        Assert.That(output, Does.Contain(args[0] == "rules" ? "SM301" : "index.md:6:5 warning SM306"));
    }

    // Writing to the descriptor as the shell does (write(2) at its shared offset), not as a FileStream
    // on it would (pwrite at offsets of its own, over which the shell's next line would land).
    [Test]
    public void Output_redirected_to_a_file_is_followed_by_what_the_shell_writes_next()
    {
        var smlint = Path.Combine(TestContext.CurrentContext.TestDirectory, "smlint");
        if (OperatingSystem.IsWindows()) Assert.Ignore("a POSIX shell's redirection");
        var log = Path.Combine(site.Root, "log.txt");
        var (exitCode, output) = Processes.RunAsync("/bin/sh", ["-c", $"cd '{site.Root}' && (echo before; '{smlint}' --no-color; echo after) > '{log}' 2>&1"]).GetAwaiter().GetResult();
        Assert.That(exitCode, Is.EqualTo(0), output);
        var lines = File.ReadAllText(log).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("before"));
        Assert.That(lines[1], Does.StartWith("a.md:6:10 error SM301"));
        Assert.That(lines[^3], Is.EqualTo("✖ 3 problems (1 error, 2 warnings, 0 info) in 2 files"));
        Assert.That(lines[^2], Is.EqualTo("  2 fixable with --fix"));
        Assert.That(lines[^1], Is.EqualTo("after"));
    }
}
