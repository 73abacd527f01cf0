namespace ServiceManual.Lint.Tests;

public sealed class FrontMatterDuplicateKeyTests
{
    // A dozen keys are compared pairwise, a long mapping through a dictionary: both must find the same.
    [TestCase(3)]
    [TestCase(40)]
    public void A_repeated_key_is_reported_at_its_second_occurrence(int otherKeys)
    {
        using var site = new TestSite();
        var keys = string.Concat(Enumerable.Range(1, otherKeys).Select(i => $"key{i}: value\n"));
        // Line 1 is '---', so the first 'status' is on line 4 and the second after the other keys.
        site.With("service-manual/page.md", $"---\nlayout: default\ntitle: Page\nstatus: draft\n{keys}status: beta\nkey1: again\n---\nBody\n");

        var found = Linter.Lint(new LintOptions { Root = site.Root }).Diagnostics.Where(d => d.Rule.Id == "SM104")
            .Select(d => $"{d.Path}:{d.Span.Line}:{d.Span.Column} {d.Message}");

        Assert.That(found, Is.EqualTo(new[]
        {
            $"service-manual/page.md:{5 + otherKeys}:1 key 'status' appears again (first on line 4); only this last value is used",
            $"service-manual/page.md:{6 + otherKeys}:1 key 'key1' appears again (first on line 5); only this last value is used",
        }));
    }
}
