using System.Text.Json;
using ServiceManual.Lint.Baselines;

namespace ServiceManual.Lint.Tests;

/// <summary>Issue 19's baseline: adopt smlint on a site with old findings, and fail only on new ones.</summary>
public sealed class BaselineTests
{
    private static TestSite CorpusCopy()
    {
        var corpus = RepositoryPaths.Corpus;
        if (corpus is null) Assert.Ignore("../shared/corpus is not beside this clone; the baseline acceptance test needs the 2016 snapshot");
        var copy = TestSite.CopyOf(Path.Combine(corpus!, "service-manual-2016"));
        // The configuration the corpus tests use, where a site keeps it.
        File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "ServiceManual.Lint.Tests", "Configurations", "service-manual-2016.yml"), Path.Combine(copy.Root, "smlint.yml"));
        return copy;
    }

    private static JsonElement Json(string output) => JsonDocument.Parse(output).RootElement.Clone();

    [Test]
    public void On_the_2016_corpus_a_baseline_hides_old_findings_survives_moved_lines_and_reports_exactly_a_new_one()
    {
        using var site = CorpusCopy();
        var baselineFile = Path.Combine(site.Root, Baseline.DefaultFileName);

        // Adopt: every finding goes into the baseline, and the run is clean.
        var before = Linter.Lint(new LintOptions { Root = site.Root });
        // The snapshot's 45, and SM004: the copied smlint.yml is published, as its _config.yml does not exclude it.
        Assert.That(before.Diagnostics, Has.Count.EqualTo(46));
        Assert.That(before.Diagnostics.Count(d => d.Rule.Id == "SM004"), Is.EqualTo(1));
        var adopt = CliRunner.Run(site.Root, "--update-baseline", "--no-color");
        Assert.That(adopt.ExitCode, Is.EqualTo(0), adopt.Output + adopt.Error);
        Assert.That(adopt.Error, Does.Contain("smlint: wrote .smlint-baseline.json: 46 findings (was 0)"));
        var clean = CliRunner.Run(site.Root, "--no-color");
        Assert.That(clean.ExitCode, Is.EqualTo(0), clean.Output);
        Assert.That(clean.Output, Does.StartWith("✔ no problems in "));
        Assert.That(clean.Output, Does.Contain("  46 more hidden by the baseline .smlint-baseline.json"));
        var adopted = File.ReadAllBytes(baselineFile);

        // Lines added at the top of ten pages' bodies move their findings; the baseline still holds them.
        var moved = before.Diagnostics.Where(d => d.Span.Line > 1 && d.Path.EndsWith(".md", StringComparison.Ordinal)).Select(d => d.Path).Distinct().Take(10).ToArray();
        Assert.That(moved, Has.Length.EqualTo(10));
        foreach (var path in moved) InsertAfterFrontMatter(site, path, "An added paragraph.\n\nAnd another one.\n\n");
        var shifted = Linter.Lint(new LintOptions { Root = site.Root });
        Assert.That(shifted.Diagnostics.Count(d => moved.Contains(d.Path) && d.Span.Line > 1), Is.GreaterThanOrEqualTo(10));
        Assert.That(shifted.Diagnostics.Select(d => (d.Path, d.Span.Line)), Is.Not.EquivalentTo(before.Diagnostics.Select(d => (d.Path, d.Span.Line))), "the findings did move");
        var afterMoves = CliRunner.Run(site.Root, "--no-color");
        Assert.That(afterMoves.ExitCode, Is.EqualTo(0), afterMoves.Output);
        Assert.That(afterMoves.Output, Does.Contain("  46 more hidden by the baseline"));

        // One new broken link fails the run, with exactly that finding.
        const string Page = "service-manual/operations/devops.md";
        var text = site.Read(Page);
        site.With(Page, text + "\nSee [the new page](/service-manual/operations/no-such-page).\n");
        var newLine = text.Split('\n').Length + 1;
        var broken = CliRunner.Run(site.Root, "--format", "json");
        Assert.That(broken.ExitCode, Is.EqualTo(1));
        var report = Json(broken.Output);
        var found = report.GetProperty("diagnostics").EnumerateArray().Select(d => (
            d.GetProperty("ruleId").GetString(), d.GetProperty("path").GetString(), d.GetProperty("line").GetInt32(), d.GetProperty("column").GetInt32(), d.GetProperty("message").GetString())).ToArray();
        Assert.That(found, Is.EqualTo(new[] { ("SM301", Page, newLine, 20, "link target '/service-manual/operations/no-such-page' does not exist: no page or file is served at '/service-manual/operations/no-such-page'") }));
        Assert.That(report.GetProperty("summary").GetProperty("baseline").GetProperty("hidden").GetInt32(), Is.EqualTo(46));
        site.With(Page, text);

        // Fixing a baselined finding and updating drops it from the file.
        var devops = site.Read(Page);
        var fixedText = devops.Replace("(https://www.gov.uk/service-manual/operations/", "(/service-manual/operations/", StringComparison.Ordinal);
        Assert.That(fixedText, Is.Not.EqualTo(devops));
        site.With(Page, fixedText);
        var stillClean = CliRunner.Run(site.Root, "--no-color");
        Assert.That(stillClean.ExitCode, Is.EqualTo(0), stillClean.Output);
        var update = CliRunner.Run(site.Root, "--update-baseline");
        Assert.That(update.ExitCode, Is.EqualTo(0));
        var remaining = Linter.Lint(new LintOptions { Root = site.Root }).Diagnostics.Count;
        Assert.That(remaining, Is.LessThan(46));
        Assert.That(update.Error, Does.Contain($"smlint: wrote .smlint-baseline.json: {remaining} findings (was 46)"));
        var shrunk = File.ReadAllBytes(baselineFile);
        Assert.That(shrunk, Has.Length.LessThan(adopted.Length));
        using var entries = JsonDocument.Parse(shrunk);
        Assert.That(entries.RootElement.GetProperty("findings").EnumerateArray().Sum(e => e.GetProperty("count").GetInt32()), Is.EqualTo(remaining));
        Assert.That(CliRunner.Run(site.Root).ExitCode, Is.EqualTo(0));
    }

    private static void InsertAfterFrontMatter(TestSite site, string path, string lines)
    {
        var text = site.Read(path);
        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        Assert.That(text, Does.StartWith("---"), path);
        var bodyStart = text.IndexOf('\n', end + 1) + 1;
        site.With(path, text[..bodyStart] + lines + text[bodyStart..]);
    }

    private static TestSite SmallSite() => new TestSite()
        .With("_config.yml", "")
        .WithPage("a.md", "\nSee [x](/nope.html).\n\nSee [x](/nope.html).\n")
        .WithPage("b.md", "\nSee [y](/gone.html).\n");

    [Test]
    public void Duplicates_are_counted_and_a_third_copy_of_a_baselined_finding_is_reported()
    {
        using var site = SmallSite();
        CliRunner.Run(site.Root, "--update-baseline");
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(site.Root, Baseline.DefaultFileName))))
        {
            var first = json.RootElement.GetProperty("findings")[0];
            Assert.That((first.GetProperty("file").GetString(), first.GetProperty("rule").GetString(), first.GetProperty("target").GetString(), first.GetProperty("count").GetInt32()),
                Is.EqualTo(("a.md", "SM301", "/nope.html", 2)));
        }
        site.WithPage("a.md", "\nSee [x](/nope.html).\n\nSee [x](/nope.html).\n\nSee [x](/nope.html).\n");
        var (exitCode, output, _) = CliRunner.Run(site.Root, "--format", "msbuild");
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1), "two of the three are in the baseline");
    }

    [Test]
    public void The_file_is_sorted_pretty_json_with_lf_line_ends_and_the_same_for_the_same_findings()
    {
        using var site = SmallSite();
        CliRunner.Run(site.Root, "--update-baseline");
        var file = Path.Combine(site.Root, Baseline.DefaultFileName);
        var first = File.ReadAllText(file);
        Assert.That(first, Does.StartWith("{\n  \"version\": 1,\n  \"tool\": \"smlint\",\n  \"findings\": [\n    {\n      \"file\": \"a.md\",\n"));
        Assert.That(first, Does.Not.Contain("\r"));
        Assert.That(first.IndexOf("\"a.md\"", StringComparison.Ordinal), Is.LessThan(first.IndexOf("\"b.md\"", StringComparison.Ordinal)));
        CliRunner.Run(site.Root, "--update-baseline");
        Assert.That(File.ReadAllText(file), Is.EqualTo(first), "an update with nothing changed changes nothing");
    }

    [Test]
    public void Updating_for_one_path_keeps_the_entries_of_other_files()
    {
        using var site = SmallSite();
        CliRunner.Run(site.Root, "--update-baseline");
        site.WithPage("a.md", "\nSee [x](/b.html).\n");
        var (exitCode, _, error) = CliRunner.Run(site.Root, "a.md", "--update-baseline");
        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(error, Does.Contain("wrote .smlint-baseline.json: 1 finding (was 3)"));
        var baseline = Baseline.Load(Path.Combine(site.Root, Baseline.DefaultFileName));
        Assert.That(baseline.Entries.Select(e => (e.File, e.Target)), Is.EqualTo(new[] { ("b.md", "/gone.html") }));
    }

    [Test]
    public void A_changed_line_is_a_new_finding_while_a_moved_one_is_not()
    {
        using var site = SmallSite();
        CliRunner.Run(site.Root, "--update-baseline");
        site.WithPage("b.md", "\nA new first paragraph.\n\nSee [y](/gone.html).\n");
        Assert.That(CliRunner.Run(site.Root).ExitCode, Is.EqualTo(0));
        site.WithPage("b.md", "\nA new first paragraph.\n\nSee [why](/gone.html).\n");
        var (exitCode, output, _) = CliRunner.Run(site.Root, "--format", "msbuild");
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Does.Contain("b.md(8,11): error SM301"));
    }

    [Test]
    public void Baseline_option_names_the_file_and_a_missing_one_is_a_usage_error()
    {
        using var site = SmallSite();
        var missing = CliRunner.Run(site.Root, "--baseline", "lint/baseline.json");
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Error.TrimEnd(), Is.EqualTo("smlint: --baseline lint/baseline.json: no such file (write it with --update-baseline)"));
        Directory.CreateDirectory(Path.Combine(site.Root, "lint"));
        Assert.That(CliRunner.Run(site.Root, "--baseline", "lint/baseline.json", "--update-baseline").ExitCode, Is.EqualTo(0));
        Assert.That(File.Exists(Path.Combine(site.Root, "lint", "baseline.json")));
        Assert.That(File.Exists(Path.Combine(site.Root, Baseline.DefaultFileName)), Is.False);
        var (exitCode, output, _) = CliRunner.Run(site.Root, "--baseline", "lint/baseline.json", "--no-color");
        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(output, Does.Contain("  3 more hidden by the baseline lint/baseline.json"));
    }

    [Test]
    public void An_invalid_baseline_is_a_usage_error_with_its_line()
    {
        using var site = SmallSite();
        site.With(Baseline.DefaultFileName, "{\n  \"version\": 1,\n  \"findings\": [\n    { \"rule\": \"SM301\" \n");
        var (exitCode, _, error) = CliRunner.Run(site.Root);
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.StartWith($"smlint: {Path.Combine(site.Root, Baseline.DefaultFileName)}:5:"));
        Assert.That(error, Does.Contain("the baseline is not valid JSON"));
        site.With(Baseline.DefaultFileName, "{\"findings\": [{\"rule\": \"SM301\", \"file\": \"a.md\"}]}");
        var missingKey = CliRunner.Run(site.Root);
        Assert.That(missingKey.ExitCode, Is.EqualTo(2));
        Assert.That(missingKey.Error.TrimEnd(), Is.EqualTo($"smlint: {Path.Combine(site.Root, Baseline.DefaultFileName)}: finding 1 of the baseline: \"target\" must be a string"));
    }

    [Test]
    public void Quiet_and_json_say_how_many_the_baseline_hid()
    {
        using var site = SmallSite();
        CliRunner.Run(site.Root, "--update-baseline");
        var report = Json(CliRunner.Run(site.Root, "--format", "json").Output);
        Assert.That(report.GetProperty("summary").GetProperty("baseline").GetProperty("hidden").GetInt32(), Is.EqualTo(3));
        Assert.That(report.GetProperty("diagnostics").GetArrayLength(), Is.EqualTo(0));
    }
}
