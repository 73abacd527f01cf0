using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using ServiceManual.Lint.Reporting;
using ServiceManual.Lint.Tests.Differential;

namespace ServiceManual.Lint.Tests;

/// <summary>Issue 19's fix preview: <c>--fix --dry-run</c> prints a diff that git applies; the JSON report carries the edits and follows its published schema.</summary>
public sealed class FixPreviewTests
{
    private static Dictionary<string, byte[]> Snapshot(TestSite site) =>
        Directory.GetFiles(site.Root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(site.Root, f), File.ReadAllBytes);

    private static TestSite FixableSite() => new TestSite()
        .With("_config.yml", "")
        .WithPage("sub/b.md", "\n## Heading\n")
        // CRLF and no newline at the end: the diff must apply to the bytes as they are.
        .With("sub/c.md", "---\r\ntitle: C\r\n---\r\n\r\nSee [b](sub/b.html).\r\n\r\n1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n7\r\n8\r\nAnd [b](sub/b.html) again.");

    [Test]
    public void Dry_run_prints_a_unified_diff_changes_nothing_and_exits_1()
    {
        using var site = FixableSite();
        var before = Snapshot(site);
        var (exitCode, output, error) = CliRunner.Run(site.Root, "--fix", "--dry-run");
        Assert.That(exitCode, Is.EqualTo(1), error);
        Assert.That(Snapshot(site), Is.EqualTo(before), "nothing written, not even a temporary file");
        Assert.That(output, Is.EqualTo(
            "--- a/sub/c.md\n+++ b/sub/c.md\n" +
            "@@ -2,7 +2,7 @@\n title: C\r\n ---\r\n \r\n-See [b](sub/b.html).\r\n+See [b](/sub/b.html).\r\n \r\n 1\r\n 2\r\n" +
            "@@ -12,4 +12,4 @@\n 6\r\n 7\r\n 8\r\n-And [b](sub/b.html) again.\n\\ No newline at end of file\n+And [b](/sub/b.html) again.\n\\ No newline at end of file\n"));
        Assert.That(error.TrimEnd(), Is.EqualTo("smlint: --dry-run: --fix would fix 2 problems in 1 file; nothing was changed"));
    }

    [Test]
    public void The_diff_applies_with_git_apply_and_gives_what_fix_writes()
    {
        using var previewed = CliRunner.SampleSiteIn("docs");
        using var fixedSite = CliRunner.SampleSiteIn("docs");
        var (exitCode, diff, _) = CliRunner.Run(previewed.Root, "docs", "--fix", "--dry-run");
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(diff, Does.Contain("--- a/docs/service-manual/agile/writing-user-stories.md\n+++ b/docs/service-manual/agile/writing-user-stories.md\n"));
        previewed.With("fix.diff", diff);
        var (applied, message) = Processes.RunAsync("git", ["apply", "--unsafe-paths", "-p1", "fix.diff"], previewed.Root).GetAwaiter().GetResult();
        if (applied == -1 && message.Contains("No such file", StringComparison.Ordinal)) Assert.Ignore("git is not installed");
        Assert.That(applied, Is.EqualTo(0), message);
        File.Delete(Path.Combine(previewed.Root, "fix.diff"));

        Assert.That(CliRunner.Run(fixedSite.Root, "docs", "--fix").Error, Does.Contain("smlint: fixed 3 problems in 2 files"));
        Assert.That(Snapshot(previewed), Is.EqualTo(Snapshot(fixedSite)));
    }

    [Test]
    public void Dry_run_without_fix_is_a_usage_error()
    {
        using var site = FixableSite();
        var (exitCode, _, error) = CliRunner.Run(site.Root, "--dry-run");
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error.TrimEnd(), Is.EqualTo("smlint: --dry-run previews what --fix would change: give both (--fix --dry-run)"));
    }

    [Test]
    public void Unified_diffs_of_random_edits_apply_with_patch()
    {
        var random = new Random(19);
        var folder = Directory.CreateTempSubdirectory("smlint-diff-").FullName;
        try
        {
            for (var round = 0; round < 25; round++)
            {
                var lines = Enumerable.Range(0, random.Next(0, 40)).Select(i => $"line {random.Next(6)}{(random.Next(5) == 0 ? "\r" : "")}\n").ToList();
                var before = string.Concat(lines) + (random.Next(3) == 0 ? "no newline" : "");
                var after = new List<string>(lines);
                for (var edits = random.Next(1, 5); edits > 0; edits--)
                {
                    var at = random.Next(after.Count + 1);
                    switch (random.Next(3))
                    {
                        case 0: after.Insert(at, $"new {random.Next(100)}\n"); break;
                        case 1 when at < after.Count: after.RemoveAt(at); break;
                        default: if (at < after.Count) after[at] = $"changed {random.Next(100)}\n"; break;
                    }
                }
                var afterText = string.Concat(after) + (random.Next(3) == 0 ? "tail" : "");
                var diff = new StringWriter();
                UnifiedDiff.Write(diff, "f.txt", before, afterText);
                File.WriteAllText(Path.Combine(folder, "f.txt"), before);
                File.WriteAllText(Path.Combine(folder, "f.diff"), diff.ToString());
                if (before == afterText)
                {
                    Assert.That(diff.ToString(), Is.Empty);
                    continue;
                }
                var (exitCode, output) = Processes.RunAsync("patch", ["-p1", "--binary", "-s", "-i", "f.diff"], folder).GetAwaiter().GetResult();
                if (exitCode == -1 && round == 0) Assert.Ignore($"patch did not run: {output}");
                Assert.That(exitCode, Is.EqualTo(0), $"round {round}: {output}\n{diff}");
                Assert.That(File.ReadAllText(Path.Combine(folder, "f.txt")), Is.EqualTo(afterText), $"round {round}:\n{diff}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Json_carries_each_fix_as_edits_that_give_what_fix_writes()
    {
        using var site = FixableSite();
        var (_, output, _) = CliRunner.Run(site.Root, "--format", "json");
        using var report = JsonDocument.Parse(output);
        Assert.That(report.RootElement.GetProperty("version").GetInt32(), Is.EqualTo(1));
        var fixes = report.RootElement.GetProperty("diagnostics").EnumerateArray().Where(d => d.TryGetProperty("fix", out _)).ToArray();
        Assert.That(fixes.Select(d => d.GetProperty("fixable").GetBoolean()), Has.All.True);
        var first = fixes.First(d => d.GetProperty("path").GetString() == "sub/c.md").GetProperty("fix");
        var edit = first.GetProperty("edits")[0];
        Assert.That((edit.GetProperty("offset").GetInt32(), edit.GetProperty("length").GetInt32(), edit.GetProperty("line").GetInt32(), edit.GetProperty("column").GetInt32(),
                edit.GetProperty("endLine").GetInt32(), edit.GetProperty("endColumn").GetInt32(), edit.GetProperty("newText").GetString()),
            Is.EqualTo((30, 10, 5, 9, 5, 19, "/sub/b.html")));

        // Applying the edits as the schema describes them (last first) gives the file --fix writes.
        var expected = new Dictionary<string, string>();
        foreach (var group in fixes.GroupBy(d => d.GetProperty("path").GetString()!))
        {
            var text = new StringBuilder(site.Read(group.Key));
            foreach (var e in group.SelectMany(d => d.GetProperty("fix").GetProperty("edits").EnumerateArray()).OrderByDescending(e => e.GetProperty("offset").GetInt32()))
            {
                text.Remove(e.GetProperty("offset").GetInt32(), e.GetProperty("length").GetInt32()).Insert(e.GetProperty("offset").GetInt32(), e.GetProperty("newText").GetString());
            }
            expected[group.Key] = text.ToString();
        }
        CliRunner.Run(site.Root, "--fix");
        Assert.That(expected.Keys, Is.EquivalentTo(new[] { "sub/c.md" }));
        foreach (var (path, text) in expected) Assert.That(site.Read(path), Is.EqualTo(text), path);
    }

    // Read once: JsonSchema.Net registers a schema by its $id, and a second registration throws.
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "schema", "smlint-report.schema.json"))));

    private static JsonSchema ReportSchema() => Schema.Value;

    private static void AssertValid(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.That(result.IsValid, Is.True, string.Join("\n", errors));
    }

    [Test]
    public void Json_reports_follow_the_published_schema()
    {
        var schema = ReportSchema();
        using var sample = CliRunner.SampleSiteIn("docs");
        AssertValid(schema, CliRunner.Run(sample.Root, "docs", "--format", "json").Output);
        using var site = FixableSite();
        AssertValid(schema, CliRunner.Run(site.Root, "--format", "json").Output);
        CliRunner.Run(site.Root, "--update-baseline");
        var withBaseline = CliRunner.Run(site.Root, "--format", "json").Output;
        Assert.That(withBaseline, Does.Contain("\"hidden\": 2"));
        AssertValid(schema, withBaseline);
        AssertValid(schema, CliRunner.Run(site.Root, "--format", "json", "--cache").Output);
    }

    [Test]
    public void The_schema_rejects_what_it_should()
    {
        var schema = ReportSchema();
        using var site = FixableSite();
        var report = JsonNode.Parse(CliRunner.Run(site.Root, "--format", "json").Output)!;
        report["version"] = 2;
        var result = schema.Evaluate(JsonDocument.Parse(report.ToJsonString()).RootElement);
        Assert.That(result.IsValid, Is.False, "a report of another version");
        report["version"] = 1;
        report["diagnostics"]![0]!["line"] = 0;
        Assert.That(schema.Evaluate(JsonDocument.Parse(report.ToJsonString()).RootElement).IsValid, Is.False, "lines are 1-based");
    }

    [Test]
    public void Json_findings_carry_a_message_id_that_the_schema_checks()
    {
        var schema = ReportSchema();
        using var site = FixableSite();
        var report = JsonNode.Parse(CliRunner.Run(site.Root, "--format", "json").Output)!;
        var finding = report["diagnostics"]![0]!;
        Assert.That(((string?)finding["ruleId"], (string?)finding["messageId"]), Is.EqualTo(("SM305", "root-relative")));
        finding["messageId"] = "Not Kebab";
        Assert.That(schema.Evaluate(JsonDocument.Parse(report.ToJsonString()).RootElement).IsValid, Is.False, "a message id is kebab-case");
        finding.AsObject().Remove("messageId");
        Assert.That(schema.Evaluate(JsonDocument.Parse(report.ToJsonString()).RootElement).IsValid, Is.True, "a caller's rule may report without one");
    }
}
