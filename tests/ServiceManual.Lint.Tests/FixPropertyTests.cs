using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Fixing;
using ServiceManual.Lint.Tests.Differential;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// The property every fix must have, on real and generated sites: applying every offered fix
/// removes each finding a fix was applied for and adds none. Findings are compared as a multiset
/// keyed by rule, file, line and message (a fix earlier on a line moves later columns).
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FixPropertyTests
{
    private static readonly Variant[] Generated =
    [
        new("kramdown+jekyll-serve", Gfm: false, Serving.JekyllServe),
        new("gfm+app.rb", Gfm: true, Serving.AppRb),
        new("gfm+jekyll-serve+baseurl", Gfm: true, Serving.JekyllServe, BaseUrl: "/base"),
        new("gfm+jekyll-serve+pretty", Gfm: true, Serving.JekyllServe, Permalink: "pretty"),
        new("kramdown+app.rb+pretty", Gfm: false, Serving.AppRb, Permalink: "pretty"),
        new("gfm+jekyll-serve+collections_dir", Gfm: true, Serving.JekyllServe, CollectionsDir: "coll"),
    ];

    private static IEnumerable<string> GeneratedNames => Generated.Select(v => v.Name);

    [TestCaseSource(nameof(GeneratedNames))]
    public void Every_fix_on_the_generated_url_forms_site_removes_its_finding_and_adds_none(string name)
    {
        using var site = new TestSite();
        DifferentialSite.Generate(site.Root, Generated.Single(v => v.Name == name));
        Check(new LintOptions { Root = site.Root }, minimumFixes: 10);
    }

    [TestCase("service-manual-2016")]
    [TestCase("service-manual-2013")]
    public void Every_fix_on_the_corpus_removes_its_finding_and_adds_none(string name)
    {
        var corpus = RepositoryPaths.Corpus;
        if (corpus is null) Assert.Ignore("../shared/corpus is not beside this clone; the corpus tests need the Service Manual snapshots");
        using var copy = TestSite.CopyOf(Path.Combine(corpus!, name));
        var config = Path.Combine(RepositoryPaths.Root, "tests", "ServiceManual.Lint.Tests", "Configurations", name + ".yml");
        Check(new LintOptions { Root = copy.Root, ConfigPath = config }, minimumFixes: 1);
    }

    private static void Check(LintOptions options, int minimumFixes)
    {
        var before = Linter.Lint(options);
        var report = FixApplier.Apply(before);
        Assert.That(report.Refused, Is.Empty);
        Assert.That(report.Applied, Has.Count.GreaterThanOrEqualTo(minimumFixes), "too few fixes for the property to mean much");

        var after = Linter.Lint(options);
        var expected = Count(before.Diagnostics);
        foreach (var key in report.Applied.Select(Key)) expected[key]--;
        var actual = Count(after.Diagnostics);

        var added = actual.Where(a => a.Value > expected.GetValueOrDefault(a.Key)).Select(a => $"added: {a.Key}").ToArray();
        var kept = report.Applied.Select(Key).Distinct().Where(k => actual.GetValueOrDefault(k) > expected.GetValueOrDefault(k)).Select(k => $"not removed: {k}").ToArray();
        Assert.That(added.Concat(kept), Is.Empty, $"{report.Applied.Count} fixes applied in {report.FilesChanged.Count} files");
    }

    private static string Key(Diagnostic d) => $"{d.Rule.Id} {d.Path}:{d.Span.Line} {d.Message}";

    private static Dictionary<string, int> Count(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.GroupBy(Key).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
