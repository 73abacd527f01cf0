using System.Diagnostics;
using System.Text;
using ServiceManual.Lint.Configuration;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// A site full of hazards, made by the test: every hazard is reported at its file, the good pages
/// beside them still get their normal findings, nothing outside the root is read, and the run ends.
/// </summary>
public sealed class HostileInputTests
{
    private static string Page(string body) => "---\nlayout: default\ntitle: Hazard\n---\n" + body;

    // cmark's test/pathological_tests.py, at the sizes the issue asks for.
    private static readonly (string Name, string Body)[] Pathological =
    [
        ("nested-strong-emph", string.Concat(Enumerable.Repeat("*a **a ", 30_000)) + "b" + string.Concat(Enumerable.Repeat(" a** a*", 30_000))),
        ("emph-closers", string.Concat(Enumerable.Repeat("a_ ", 80_000))),
        ("emph-openers", string.Concat(Enumerable.Repeat("_a ", 80_000))),
        ("link-closers", string.Concat(Enumerable.Repeat("a]", 80_000))),
        ("link-openers", string.Concat(Enumerable.Repeat("[a", 80_000))),
        ("mismatched-openers", string.Concat(Enumerable.Repeat("*a_ ", 80_000))),
        ("openers-multiple-of-3", "a**b" + string.Concat(Enumerable.Repeat("c* ", 80_000))),
        ("link-openers-emph-closers", string.Concat(Enumerable.Repeat("[ a_", 80_000))),
        ("bracket-paren", string.Concat(Enumerable.Repeat("[ (](", 80_000))),
        ("nested-brackets", new string('[', 50_000) + "a" + new string(']', 50_000)),
        ("nested-block-quotes", string.Concat(Enumerable.Repeat("> ", 50_000)) + "a"),
        ("deep-lists", string.Concat(Enumerable.Range(0, 1_000).Select(i => new string(' ', i) + "* a\n"))),
        ("backticks", string.Concat(Enumerable.Range(1, 5_000).Select(i => "e" + new string('`', i)))),
        ("unclosed-links-a", string.Concat(Enumerable.Repeat("[a](<b", 30_000))),
        ("unclosed-links-b", string.Concat(Enumerable.Repeat("[a](b", 30_000))),
        ("reference-definitions", string.Concat(Enumerable.Range(0, 30_000).Select(i => $"[a{i}]: /u\n"))),
        ("html-openers", string.Concat(Enumerable.Repeat("<a href=\"x\">", 50_000))),
        ("nested-divs", string.Concat(Enumerable.Repeat("<div>", 80_000)) + string.Concat(Enumerable.Repeat("</div>", 80_000))),
    ];

    // A planted cache names the files it describes: a path that could lead out of the site, or to
    // another file than it says, makes the whole cache unused.
    [TestCase("a.md", true)]
    [TestCase("service-manual/agile/index.md", true)]
    [TestCase(".well-known/a.md", true)]
    [TestCase("a/..b/c.md", true)]
    [TestCase("a/b../c.md", true)]
    [TestCase("a/.../c.md", true)]
    [TestCase("", false)]
    [TestCase("/etc/passwd", false)]
    [TestCase("../a.md", false)]
    [TestCase("a/../../b.md", false)]
    [TestCase("a/..", false)]
    [TestCase("./a.md", false)]
    [TestCase("a/./b.md", false)]
    [TestCase("a/.", false)]
    [TestCase("a//b.md", false)]
    [TestCase("a/", false)]
    [TestCase("a\0b.md", false)]
    public void A_cached_path_is_used_only_if_it_stays_where_it_says(string path, bool safe) =>
        Assert.That(Caching.LintCache.IsSafeRelativePath(path), Is.EqualTo(safe));

    [Test]
    public void Hazards_are_reported_at_their_files_and_good_pages_are_still_linted()
    {
        using var site = new TestSite();
        using var outside = new TestSite();
        outside.With("secret.md", Page("[leak](/nowhere-outside)\n"));

        site.With("service-manual/good.md", Page("[broken](/service-manual/missing)\n"));
        site.With("service-manual/invalid-utf8.md", "---\ntitle: x\n---\nbad \xff byte\n", Encoding.Latin1);
        site.With("service-manual/bom.md", "\uFEFF" + Page("text\n"));
        site.With("service-manual/cr-only.md", Page("text\n").Replace('\n', '\r'));
        site.With("service-manual/nul.md", Page("a\0b\n"));
        site.With("service-manual/utf16.md", "\uFEFF" + Page("text\n"), new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        site.With("service-manual/utf16-no-bom.md", Page("text\n"), new UnicodeEncoding(bigEndian: false, byteOrderMark: false));
        site.With("service-manual/huge.md", Page(new string('x', 20 * 1024 * 1024)));
        site.With("service-manual/yaml-brackets.md", "---\nkey: " + new string('[', 100_000) + "\n---\n");
        site.With("service-manual/yaml-alias-key.md", "---\n? &k [*k]\n: x\n---\n");
        site.With("service-manual/yaml-laughs.md", "---\na: &a [x,x,x,x,x,x,x,x,x]\n" + string.Concat(Enumerable.Range(0, 70).Select(i => $"k{i}: [*a,*a]\n")) + "---\n");
        foreach (var (name, body) in Pathological) site.With($"service-manual/pathological/{name}.md", Page(body));
        site.WithSymlink("service-manual/loop", ".");
        site.WithSymlink("service-manual/loop2", ".");
        site.WithSymlink("service-manual/outside", outside.Root);
        site.WithSymlink("service-manual/passwd.md", "/etc/passwd");
        site.WithSymlink("service-manual/logo.png", "/etc/passwd"); // an asset: the walk never stats those
        site.With("service-manual/linked-asset.md", Page("![logo](/service-manual/logo.png)\n"));
        var fifo = Path.Combine(site.Root, "service-manual", "fifo.md");
        var madeFifo = MakeFifo(fifo);

        var stopwatch = Stopwatch.StartNew();
        var result = Linter.Lint(new LintOptions { Root = site.Root });
        stopwatch.Stop();
        TestContext.Out.WriteLine($"hostile site linted in {stopwatch.Elapsed.TotalSeconds:0.0} s, {result.Diagnostics.Count} findings, " +
            $"test process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
        foreach (var d in result.Diagnostics) TestContext.Out.WriteLine($"{d.Path}:{d.Span} {d.Rule.Id} {d.Message}");

        bool Has(string rule, string path) => result.Diagnostics.Any(d => d.Rule.Id == rule && d.Path == path);
        Assert.Multiple(() =>
        {
            Assert.That(Has("SM301", "service-manual/good.md"), Is.True, "good pages keep their normal findings");
            Assert.That(Has("SM001", "service-manual/invalid-utf8.md"), Is.True);
            Assert.That(Has("SM101", "service-manual/bom.md"), Is.True);
            Assert.That(Has("SM101", "service-manual/cr-only.md"), Is.True);
            Assert.That(Has("SM001", "service-manual/nul.md"), Is.True);
            Assert.That(Has("SM001", "service-manual/utf16.md"), Is.True);
            Assert.That(Has("SM001", "service-manual/utf16-no-bom.md"), Is.True);
            Assert.That(Has("SM001", "service-manual/pathological/bracket-paren.md"), Is.True, "abandoned after the time budget");
            Assert.That(Has("SM001", "service-manual/pathological/nested-block-quotes.md"), Is.True, "beyond Markdig's depth limit");
            Assert.That(Has("SM001", "service-manual/huge.md"), Is.True);
            Assert.That(Has("SM101", "service-manual/yaml-brackets.md"), Is.True);
            Assert.That(Has("SM101", "service-manual/yaml-alias-key.md"), Is.True);
            Assert.That(Has("SM101", "service-manual/yaml-laughs.md"), Is.True);
            Assert.That(Has("SM002", "service-manual/loop"), Is.True);
            Assert.That(Has("SM002", "service-manual/outside"), Is.True);
            Assert.That(Has("SM002", "service-manual/passwd.md"), Is.True);
            Assert.That(Has("SM002", "service-manual/logo.png"), Is.True, "a linked asset is seen from the listing alone");
            Assert.That(Has("SM301", "service-manual/linked-asset.md"), Is.True, "a linked asset is not served");
            Assert.That(result.Diagnostics.Any(d => d.Message.Contains("nowhere-outside", StringComparison.Ordinal)), Is.False, "nothing outside the root is read");
            if (madeFifo) Assert.That(result.Diagnostics.Where(d => d.Path == "service-manual/fifo.md").Select(d => d.Rule.Id), Is.EqualTo(new[] { "SM002" }), "a FIFO is never opened");
            Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(90)), "a hang guard; the benchmark script measures the real time");
        });
    }

    [Test]
    public void A_parse_over_the_time_budget_is_abandoned_and_reported()
    {
        using var site = new TestSite();
        site.With("service-manual/slow.md", Page(string.Concat(Enumerable.Repeat("[ (](", 80_000))));
        site.With("service-manual/good.md", Page("[broken](/service-manual/missing)\n"));
        var configuration = ConfigurationLoader.Load(site.Root) with { Limits = new Limits { ParseSeconds = 0.2 } };
        var result = Linter.Lint(Sites.SiteLoader.Load(site.Root, configuration), [], []);
        Assert.That(result.Diagnostics.Select(d => (d.Rule.Id, d.Path)), Is.SupersetOf(new[] { ("SM001", "service-manual/slow.md"), ("SM301", "service-manual/good.md") }));
        Assert.That(result.Diagnostics.Single(d => d.Path == "service-manual/slow.md").Message, Does.Contain("longer than 0.2 s"));
    }

    private static bool MakeFifo(string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true });
            process!.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
