using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Workspaces;

namespace ServiceManual.Lint.Tests.Workspaces;

/// <summary>
/// What rules work out once per set of URLs and share across an editor's snapshots (SM203's crumb
/// index, SM301's title lookup and candidate index, the output's tables) is made before the edits
/// here, then the edited pages are swapped over it, edit after edit: the findings must still be a
/// fresh run's with the edits saved.
/// </summary>
public sealed class SnapshotMemoTests
{
    [Test]
    public void Findings_after_edits_over_memos_made_before_them_equal_a_fresh_run_on_the_2016_corpus()
    {
        var corpus = RepositoryPaths.Corpus;
        if (corpus is null) Assert.Ignore("../shared/corpus is not beside this clone; the corpus tests need the Service Manual snapshots");
        using var copy = TestSite.CopyOf(Path.Combine(corpus!, "service-manual-2016"));
        var config = Path.Combine(RepositoryPaths.Root, "tests", "ServiceManual.Lint.Tests", "Configurations", "service-manual-2016.yml");
        var workspace = SiteWorkspace.Open(copy.Root, config);
        var asked = workspace.Site.Pages.Select(p => p.Path).Where(p => p.StartsWith("service-manual/agile/", StringComparison.Ordinal)).ToArray();
        Assert.That(asked, Has.Length.GreaterThan(5));
        // The memos are made now, from the unedited site (a broken link with a text asks for the titles).
        var broken = workspace.TextOf("service-manual/agile/index.md") + "\n[Zebra crossing guide](/service-manual/zz-qq)\n";
        workspace.SetText("service-manual/agile/index.md", broken);
        copy.With("service-manual/agile/index.md", broken);
        Assert.That(workspace.Lint(asked).Values.SelectMany(d => d).Select(d => d.Rule.Id), Does.Contain("SM301"));

        var relabelled = asked.Where(p => p != "service-manual/agile/index.md" && workspace.TextOf(p)!.Contains("    title: Home\n", StringComparison.Ordinal)).Take(3)
            .Append("service-manual/governance/assurance-from-those-outside-the-service-team.md").ToArray();
        var edits = new List<(string Path, Func<string, string> Edit)>
        {
            // A page outside the asked ones titled as the broken link's text: SM301's "did you mean" finds it.
            ("service-manual/phases/beta.md", text => text.Replace("title: Beta phase", "title: Zebra crossing guide", StringComparison.Ordinal)),
        };
        // Crumb labels changed, on asked pages and one not asked (SM203 counts every page's labels), each a swap of its own.
        edits.AddRange(relabelled.Select(p => (p, (Func<string, string>)(text => text.Replace("    title: Home\n", "    title: Start\n", StringComparison.Ordinal)))));
        // The same page edited twice: a swap over a swap.
        edits.Add((relabelled[0], text => text + "\nMore text.\n"));
        foreach (var (path, edit) in edits)
        {
            var text = edit(workspace.TextOf(path)!);
            workspace.SetText(path, text);
            copy.With(path, text);
            Compare();
        }
        var found = Compare();
        Assert.That(found, Has.Some.Contains("did you mean '/service-manual/phases/beta'"));
        Assert.That(found, Has.Some.Contains("SM203").And.Contains("'Start' on"));

        string[] Compare()
        {
            var inWorkspace = workspace.Lint(asked).Values.SelectMany(d => d).OrderBy(d => d, Comparer<Diagnostic>.Create(Diagnostic.Compare)).Select(Describe).ToArray();
            var fresh = Linter.Lint(new LintOptions { Root = copy.Root, ConfigPath = config, Paths = asked.Select(p => Path.Combine(copy.Root, p)).ToArray() }).Diagnostics.Select(Describe).ToArray();
            Assert.That(inWorkspace, Is.EqualTo(fresh));
            return inWorkspace;
        }

        static string Describe(Diagnostic d) =>
            $"{d.Path}:{d.Span} {d.Rule.Id} {d.Severity} {d.Message} | {d.Suggestion} | {(d.Fix is null ? "" : d.Fix.Description + ": " + string.Join("; ", d.Fix.Edits.Select(e => $"{e.Offset}+{e.Length}={e.NewText}")))}";
    }
}
