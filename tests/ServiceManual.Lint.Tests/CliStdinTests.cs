using System.Text.Json;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// <c>smlint --stdin --stdin-filename PATH</c>: an editor plugin's unsaved text linted as that page
/// of its site, reported alone, in any format; what it cannot be combined with is a usage error.
/// </summary>
public sealed class CliStdinTests
{
    private TestSite site = null!;

    [SetUp]
    public void CreateSite() =>
        site = new TestSite()
            .With("_config.yml", "title: Test\n")
            .WithPage("guide/index.md", "## Start\n\n[ok](/guide/other.html)\n", "Guide")
            .WithPage("guide/other.md", "[broken on disk](/nowhere.html)\n", "Other");

    [TearDown]
    public void DeleteSite() => site.Dispose();

    private const string Edited = "---\nlayout: default\ntitle: Guide\n---\n## Start\n\nFirst line.\n\nSee [here](/guide/othr.html) and [top](#start).\n";

    [Test]
    public void The_text_on_standard_input_is_linted_as_the_page_not_the_file_on_disk()
    {
        var (exitCode, output, error) = CliRunner.RunWithInput(site.Root, Edited, "--stdin", "--stdin-filename", "guide/index.md", "--format", "msbuild");
        Assert.That(error, Is.Empty);
        Assert.That(exitCode, Is.EqualTo(1));
        // Line 9 exists only in the text given: the disk's page is clean and shorter.
        Assert.That(output.Trim(), Does.StartWith(Path.Combine(site.Root, "guide", "index.md") + "(9,12): error SM301: link target '/guide/othr.html' does not exist"));
        // Only that page is reported, not other.md's broken link on disk.
        Assert.That(output, Does.Not.Contain("other.md"));
        Assert.That(site.Read("guide/index.md"), Does.Not.Contain("othr"));
    }

    [Test]
    public void Json_gives_the_fix_as_offsets_into_the_text_given()
    {
        var (exitCode, output, _) = CliRunner.RunWithInput(site.Root, Edited, "--stdin", "--stdin-filename", Path.Combine(site.Root, "guide", "index.md"), "--format", "json");
        Assert.That(exitCode, Is.EqualTo(1));
        using var report = JsonDocument.Parse(output);
        var finding = report.RootElement.GetProperty("diagnostics").EnumerateArray().Single();
        Assert.That((finding.GetProperty("ruleId").GetString(), finding.GetProperty("path").GetString(), finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32()),
            Is.EqualTo(("SM301", "guide/index.md", 9, 12)));
        Assert.That(report.RootElement.GetProperty("filesChecked").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public void A_page_that_does_not_exist_yet_is_linted_as_it_would_be_once_saved()
    {
        var text = "---\nlayout: default\ntitle: New\n---\n[up](../guide/) [gone](/guide/none.html)\n";
        var (exitCode, output, error) = CliRunner.RunWithInput(site.Root, text, "--stdin", "--stdin-filename", "drafts-to-be/new.md", "--format", "msbuild");
        Assert.That(error, Is.Empty);
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(output, Does.StartWith(Path.Combine(site.Root, "drafts-to-be", "new.md") + "(5,24): error SM301"));
        Assert.That(File.Exists(Path.Combine(site.Root, "drafts-to-be", "new.md")), Is.False);
    }

    [Test]
    public void A_clean_text_exits_zero()
    {
        var (exitCode, output, error) = CliRunner.RunWithInput(site.Root, Edited.Replace("othr", "other", StringComparison.Ordinal), "--stdin", "--stdin-filename", "guide/index.md", "--format", "msbuild");
        Assert.That((exitCode, output, error), Is.EqualTo((0, string.Empty, string.Empty)));
    }

    [TestCase(new[] { "--stdin" }, "--stdin needs --stdin-filename PATH")]
    [TestCase(new[] { "--stdin-filename", "guide/index.md" }, "--stdin-filename names the page that --stdin reads")]
    [TestCase(new[] { "--stdin", "--stdin-filename", "guide/index.md", "--fix" }, "--stdin cannot be combined with --fix")]
    [TestCase(new[] { "--stdin", "--stdin-filename", "guide/index.md", "--changed" }, "--stdin cannot be combined with --changed")]
    [TestCase(new[] { "--stdin", "--stdin-filename", "guide/index.md", "--staged" }, "--stdin cannot be combined with --staged")]
    [TestCase(new[] { "--stdin", "--stdin-filename", "guide/index.md", "guide/other.md" }, "--stdin lints one text as the page --stdin-filename names: give no other paths")]
    [TestCase(new[] { "--stdin", "--stdin-filename", "guide" }, "--stdin-filename guide: is a folder")]
    [TestCase(new[] { "--stdin", "--stdin-filename", "../elsewhere.md", "--root", "." }, "--stdin-filename ../elsewhere.md: is not a file inside the site root")]
    public void Usage_errors_exit_2_with_a_clear_message(string[] args, string message)
    {
        var (exitCode, output, error) = CliRunner.RunWithInput(site.Root, Edited, args);
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith("smlint: " + message));
        Assert.That(error, Does.Not.Contain("   at "));
    }

    [Test]
    public void Standard_input_that_is_not_utf8_is_a_clear_error()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = Cli.CliHost.For(site.Root) with { Input = () => new MemoryStream([(byte)'a', 0xC3, 0x28]) };
        var exitCode = Cli.SmlintCommand.Run(["--stdin", "--stdin-filename", "guide/index.md"], output, error, host);
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error.ToString(), Does.StartWith("smlint: standard input is not UTF-8 text (byte 1)"));
    }
}
