using System.Collections.Concurrent;
using System.Reflection;
using ServiceManual.Lint.Caching;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Sites;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// The seams a cache (or a long-lived host) plugs into: the loader's folder lister and page source,
/// its file list, the incremental session, and what is owned per run or per parser thread.
/// </summary>
public sealed class LoadSeamsTests
{
    private static LoadedSite Load(TestSite site, Func<FileSystemFolderLister, IFolderLister>? lister = null, IPageSource? pages = null) =>
        SiteLoader.Load(site.Root, ConfigurationLoader.Load(site.Root), null, new TimingRecorder(), new StringPool(), null, lister, pages is null ? null : () => pages);

    [Test]
    public void The_loader_returns_the_pages_and_templates_it_looked_at_with_their_sizes_and_times()
    {
        using var site = new TestSite().WithPage("b.md", "B\n").WithPage("a/c.md", "C\n").With("a/empty.md", "").With("a/logo.png", "png").With("notes.md", "no front matter\n");
        var loaded = Load(site);

        var expected = new[] { "_layouts/default.html", "a/c.md", "b.md", "notes.md" }.Select(path =>
        {
            var file = new FileInfo(Path.Combine(site.Root, path));
            return new FileStamp(path, file.Length, file.LastWriteTimeUtc.Ticks);
        });
        // In path order; neither the empty page (never opened) nor the image (never stat'ed).
        Assert.That(loaded.TextFiles, Is.EqualTo(expected));
    }

    [Test]
    public void A_page_the_page_source_knows_is_taken_as_it_is_and_the_others_are_parsed()
    {
        using var site = new TestSite().WithPage("a.md", "[x](/nowhere)\n").WithPage("b.md", "B\n").WithPage("c.md", "C\n");
        var known = PageParser.Parse("a.md", FileKind.Page, "---\ntitle: Known\n---\nKnown\n", MarkdownOptions.Default);
        var source = new FakePageSource(new()
        {
            ["a.md"] = new KnownFile(known, null),
            ["c.md"] = new KnownFile(null, "a reason of the page source's own"),
        });

        var loaded = Load(site, pages: source);

        Assert.Multiple(() =>
        {
            Assert.That(loaded.Site.FindFile("a.md"), Is.SameAs(known));
            Assert.That(loaded.Site.FindFile("b.md")!.Title, Is.EqualTo("A page"));
            Assert.That(loaded.Site.FindFile("c.md"), Is.Null);
            Assert.That(loaded.Site.HasAsset("c.md"));
            Assert.That(loaded.Site.StaticMarkdown.Select(s => (s.Path, s.Reason)), Is.EqualTo(new[] { ("c.md", "a reason of the page source's own") }));
            // Asked once for each text file, with the size and time the walk saw.
            Assert.That(source.Asked, Is.EqualTo(loaded.TextFiles));
        });
    }

    [Test]
    public void The_walk_sees_the_folders_as_its_lister_lists_them()
    {
        using var site = new TestSite().WithPage("a.md", "A\n").WithPage("hidden/b.md", "B\n").WithPage("shown/c.md", "C\n");
        var listed = new ConcurrentBag<string>();

        var loaded = Load(site, fileSystem => new HidingLister(fileSystem, "hidden", listed));

        Assert.That(loaded.Site.Pages.Select(p => p.Path), Is.EqualTo(new[] { "a.md", "shown/c.md" }));
        Assert.That(listed.Order(StringComparer.Ordinal), Is.EqualTo(new[] { "", "_layouts", "shown" }));
    }

    [Test]
    public void One_session_serves_run_after_run_and_each_reports_what_a_full_run_reports()
    {
        using var site = new TestSite()
            .WithPage("index.md", "See [a](/a.html#two) and [b](/b.html).\n")
            .WithPage("a.md", "## One\n")
            .WithPage("b.md", "B\n");
        var configuration = ConfigurationLoader.Load(site.Root);
        var options = new LintOptions { Root = site.Root };
        var session = IncrementalSession.Open(".smlint-cache", site.Root, configuration, [.. Rules.RuleRegistry.BuiltIn]);

        string[] Report(LintResult result) => result.Diagnostics.Select(d => $"{d.Path}:{d.Span} {d.Rule.Id} {d.Message}").ToArray();
        var reports = new List<(string[] Session, string[] Full)>();
        foreach (var edit in new Action[] { () => { }, () => site.WithPage("a.md", "## Two\n"), () => File.Delete(Path.Combine(site.Root, "b.md")), () => { } })
        {
            edit();
            reports.Add((Report(Linter.Lint(site.Root, configuration, options, session)), Report(Linter.Lint(options))));
        }

        Assert.Multiple(() =>
        {
            foreach (var (withSession, full) in reports) Assert.That(withSession, Is.EqualTo(full));
            Assert.That(reports.Select(r => r.Full.Length), Is.EqualTo(new[] { 1, 0, 1, 1 }), "the edits change the findings");
            Assert.That(File.Exists(Path.Combine(site.Root, ".smlint-cache", "smlint.cache")));
        });
    }

    [Test]
    public void A_run_shares_repeated_strings_across_its_pages_and_keeps_none_for_the_next_run()
    {
        using var site = new TestSite().WithPage("a.md", "[x](/shared-target.html)\n").WithPage("b.md", "[y](/shared-target.html)\n");
        Link UrlOf(LintResult result, string path) => result.Site.FindFile(path)!.Links.Single();

        var first = site.Lint();
        var second = site.Lint();

        Assert.Multiple(() =>
        {
            Assert.That(UrlOf(first, "a.md").Url, Is.SameAs(UrlOf(first, "b.md").Url), "one copy within a run");
            Assert.That(UrlOf(second, "a.md").Url, Is.EqualTo(UrlOf(first, "a.md").Url));
            Assert.That(UrlOf(second, "a.md").Url, Is.Not.SameAs(UrlOf(first, "a.md").Url), "the pool went with the first run");
        });
    }

    [Test]
    public void No_state_is_per_thread_but_the_parse_workspace()
    {
        var perThread = typeof(Linter).Assembly.GetTypes()
            .SelectMany(type => type.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Where(field => field.IsDefined(typeof(ThreadStaticAttribute)))
            .Select(field => $"{field.DeclaringType!.FullName}.{field.Name}");
        Assert.That(perThread, Is.EqualTo(new[] { "ServiceManual.Lint.Documents.ParseWorkspace.current" }));
    }

    [Test]
    public void The_site_model_and_the_text_layer_know_nothing_of_the_cache()
    {
        var library = Path.Combine(RepositoryPaths.Root, "src", "ServiceManual.Lint");
        var mentions = new[] { "Sites", "Text", "Documents" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(library, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => File.ReadAllText(file).Contains("Caching", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(library, file));
        Assert.That(mentions, Is.Empty);
    }

    private sealed class FakePageSource(Dictionary<string, KnownFile> known) : IPageSource
    {
        public List<FileStamp> Asked { get; } = [];

        public KnownFile? Find(string path, long length, long modified)
        {
            Asked.Add(new FileStamp(path, length, modified));
            return known.TryGetValue(path, out var file) ? file : null;
        }
    }

    // A decorator, as a cache's lister is: it hides one folder and records what is listed.
    private sealed class HidingLister(IFolderLister inner, string hidden, ConcurrentBag<string> listed) : IFolderLister
    {
        public int ExpectedFolders => inner.ExpectedFolders;

        public List<ListedEntry> List(string relativeFolder, ConcurrentBag<LoadProblem> problems)
        {
            listed.Add(relativeFolder);
            return inner.List(relativeFolder, problems).Where(e => e.Path != hidden).ToList();
        }
    }
}
