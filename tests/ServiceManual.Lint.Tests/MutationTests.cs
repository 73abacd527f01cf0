namespace ServiceManual.Lint.Tests;

/// <summary>
/// Mutations of a copy of the 2016 snapshot: each one must add exactly the expected finding, at the
/// right line and with the right rule, and change nothing else in the report.
/// </summary>
public sealed class MutationTests
{
    private static TestSite CopyOfSnapshot()
    {
        var corpus = RepositoryPaths.Corpus;
        if (corpus is null) Assert.Ignore("../shared/corpus is not beside this clone; the mutation tests need the Service Manual snapshots");
        return TestSite.CopyOf(Path.Combine(corpus!, "service-manual-2016")).WithServiceManualRules();
    }

    private static HashSet<(string Rule, string Path, int Line)> Findings(TestSite site) =>
        site.Lint().Diagnostics.Select(d => (d.Rule.Id, d.Path, d.Span.Line)).ToHashSet();

    /// <summary>Replaces the first <paramref name="from"/> in a file; returns the line it was on and how many lines it added.</summary>
    private static (int Line, int LineDelta) Mutate(TestSite site, string path, string from, string to)
    {
        var text = site.Read(path);
        Assert.That(text, Does.Contain(from), $"the mutation's anchor text is in {path}");
        var at = text.IndexOf(from, StringComparison.Ordinal);
        site.With(path, text[..at] + to + text[(at + from.Length)..]);
        return (text[..at].Count(c => c == '\n') + 1, to.Count(c => c == '\n') - from.Count(c => c == '\n'));
    }

    private static void AssertOnlyChange(TestSite site, string path, string from, string to, (string Rule, string Path, int Line)[] added,
        Func<(string Rule, string Path, int Line), bool>? mayDisappear = null)
    {
        var before = Findings(site);
        var (line, delta) = Mutate(site, path, from, to);
        // Findings below the edit move with their lines.
        var expectedBefore = before.Select(f => f.Path == path && f.Line > line ? f with { Line = f.Line + delta } : f).ToHashSet();
        var after = Findings(site);
        Assert.Multiple(() =>
        {
            Assert.That(after.Except(expectedBefore).Order(), Is.EqualTo(added.Order()), "added findings");
            Assert.That(expectedBefore.Except(after).Where(f => mayDisappear is null || !mayDisappear(f)), Is.Empty, "findings that went away");
        });
    }

    [Test]
    public void Removing_a_phase_is_reported_as_a_missing_required_key()
    {
        using var site = CopyOfSnapshot();
        AssertOnlyChange(site, "service-manual/phases/beta.md", "phase: beta\n", "",
            [("SM102", "service-manual/phases/beta.md", 1)]);
    }

    [Test]
    public void Swapping_next_and_previous_is_reported_on_both_items()
    {
        using var site = CopyOfSnapshot();
        const string next = "* **[Next phase: beta](/service-manual/phases/beta)**";
        const string previous = "* [Previous phase: discovery](/service-manual/phases/discovery)";
        var text = site.Read("service-manual/phases/alpha.md");
        var newline = text.Contains(next + "\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var line = text[..text.IndexOf(next, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        AssertOnlyChange(site, "service-manual/phases/alpha.md", next + newline + previous, previous + newline + next,
            [("SM211", "service-manual/phases/alpha.md", line), ("SM211", "service-manual/phases/alpha.md", line + 1)]);
    }

    [Test]
    public void A_crumb_pointing_at_a_missing_page_is_reported_on_its_url()
    {
        using var site = CopyOfSnapshot();
        AssertOnlyChange(site, "service-manual/agile/writing-user-stories.md", "url: /service-manual/agile\n", "url: /service-manual/agile-methods\n",
            [("SM201", "service-manual/agile/writing-user-stories.md", 22)]);
    }

    [Test]
    public void Relabelling_one_crumb_is_reported_on_its_title()
    {
        using var site = CopyOfSnapshot();
        AssertOnlyChange(site, "service-manual/agile/writing-user-stories.md", "title: Agile\n", "title: Agile methods\n",
            [("SM203", "service-manual/agile/writing-user-stories.md", 21)]);
    }

    [Test]
    public void Breaking_the_yaml_of_a_page_is_reported_where_yamldotnet_stops()
    {
        using var site = CopyOfSnapshot();
        const string page = "service-manual/agile/writing-user-stories.md";
        AssertOnlyChange(site, page, "subtitle: How to write a useful user story\n", "subtitle: [How to write a useful user story\n",
            [("SM101", page, 4)],
            // With no front matter the page's own front matter findings are gone, as they should be.
            mayDisappear: f => f.Path == page);
    }
}
