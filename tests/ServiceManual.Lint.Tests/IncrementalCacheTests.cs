using System.Text;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// The incremental cache must never change a report: after every kind of edit, a run with the cache
/// reports exactly what a run without it does. Files get distinct past modification times, so the
/// cache trusts their stamps (as it would for files not touched in the last seconds).
/// </summary>
public sealed class IncrementalCacheTests
{
    private const string CacheFolder = ".smlint-cache";
    private TestSite site = null!;
    private DateTime clock = DateTime.UtcNow.AddHours(-2);

    [SetUp]
    public void CreateSite()
    {
        site = new TestSite()
            .WithServiceManualRules()
            .With("_config.yml", "baseurl: /\n")
            .With("_layouts/default.html", "<main id=\"content\">{{ content }}</main>\n")
            .With("service-manual/index.md", "---\nlayout: default\ntitle: Home\n---\nSee [agile](/service-manual/agile), [two](/service-manual/agile/b#section-two) and [c](/service-manual/agile/c#content).\n")
            .With("service-manual/agile.md", "---\nlayout: default\ntitle: Agile\n---\n## Agile\n")
            .With("service-manual/agile/a.md", Crumbs("A", "Agile") + "![chart](/service-manual/agile/chart.png)\n")
            .With("service-manual/agile/b.md", Crumbs("B", "Agile") + "## Section one\n\n## Section two\n")
            .With("service-manual/agile/c.md", Crumbs("C", "Agile delivery") + "Read [missing](/service-manual/nowhere).\n")
            .With("service-manual/agile/chart.png", "png");
        foreach (var file in Directory.GetFiles(site.Root, "*", SearchOption.AllDirectories)) Age(file);
        // Folders too: a folder changed in the last seconds is always listed again.
        foreach (var folder in Directory.GetDirectories(site.Root, "*", SearchOption.AllDirectories).Append(site.Root)) AgeFolder(folder);
    }

    private void AgeFolder(string folder)
    {
        clock = clock.AddSeconds(10);
        Directory.SetLastWriteTimeUtc(folder, clock);
    }

    [TearDown]
    public void DeleteSite() => site.Dispose();

    private static string Crumbs(string title, string agileLabel) =>
        $"---\nlayout: default\ntitle: {title}\nbreadcrumbs:\n  - title: Home\n    url: /service-manual\n  - title: {agileLabel}\n    url: /service-manual/agile\n---\n";

    // Each write gets its own modification time, well in the past.
    private void Age(string file)
    {
        clock = clock.AddSeconds(10);
        File.SetLastWriteTimeUtc(file, clock);
    }

    private void Write(string path, string content)
    {
        site.With(path, content);
        Age(Path.Combine(site.Root, path));
    }

    private LintResult Run(bool cached, params string[] paths) => Linter.Lint(new LintOptions
    {
        Root = site.Root,
        CacheFolder = cached ? CacheFolder : null,
        Paths = paths.Select(p => Path.Combine(site.Root, p)).ToArray(),
    });

    private static string[] Report(LintResult result) => result.Diagnostics.Select(d =>
        $"{d.Path}:{d.Span.Line}:{d.Span.Column}-{d.Span.EndLine}:{d.Span.EndColumn} {d.Rule.Id} {d.Severity} {d.Message} | {d.Suggestion} | "
        + string.Join(";", d.Fix?.Edits.Select(e => $"{e.Offset}+{e.Length}={e.NewText}") ?? [])).ToArray();

    // Runs with the cache and without, asserts both report the same, and returns the report.
    private string[] Both(params string[] paths)
    {
        var warm = Report(Run(cached: true, paths));
        var cold = Report(Run(cached: false, paths));
        Assert.That(warm, Is.EqualTo(cold), "the cached run must report exactly what a full run reports");
        return warm;
    }

    [Test]
    public void A_few_changed_files_leave_the_index_as_it_was_and_many_rewrite_it()
    {
        for (var i = 0; i < 20; i++) Write($"service-manual/more/p{i:00}.md", Crumbs($"P{i}", "Agile") + $"## Part {i}\n");
        Both();
        var index = Path.Combine(site.Root, CacheFolder, "smlint.cache");
        var written = File.ReadAllBytes(index);

        // One page edited, twice over: each run reads and checks it again; the index is not rewritten.
        Write("service-manual/agile/b.md", Crumbs("B", "Agile") + "## Section one\n\n## Section 2\n");
        var afterOne = Both();
        Assert.That(afterOne, Has.Some.Contains("SM302"), "the fragment #section-two is gone");
        Write("service-manual/agile/b.md", Crumbs("B", "Agile") + "## Section one\n\n## Section two\n");
        Assert.That(Both(), Has.None.Contains("SM302"));
        Assert.That(File.ReadAllBytes(index), Is.EqualTo(written));

        // Seventeen pages edited: checking them all again every run would cost more than the index.
        for (var i = 0; i < 17; i++) Write($"service-manual/more/p{i:00}.md", Crumbs($"P{i}", "Agile") + $"## Part {i} again\n");
        Both();
        Assert.That(File.ReadAllBytes(index), Is.Not.EqualTo(written));
    }

    [Test]
    public void Pages_read_back_and_pages_parsed_again_are_in_path_order()
    {
        Run(cached: true);
        Write("service-manual/agile/b.md", Crumbs("B", "Agile") + "## Section one\n\n## Section 2\n");
        Write("service-manual/agile.md", "---\nlayout: default\ntitle: Agile\n---\n## Agile ways\n");
        var paths = Run(cached: true).Site.Pages.Select(p => p.Path).ToArray();
        Assert.That(paths, Is.EqualTo(new[] { "service-manual/agile.md", "service-manual/agile/a.md", "service-manual/agile/b.md", "service-manual/agile/c.md", "service-manual/index.md" }));
    }

    [Test]
    public void A_run_with_the_cache_reports_what_a_full_run_reports_and_writes_an_ignored_cache()
    {
        var first = Both();
        Assert.That(first, Has.Some.StartsWith("service-manual/agile/c.md:10:16-10:39 SM301"));
        Assert.That(first, Has.Some.StartsWith("service-manual/agile/c.md:7:12-7:26 SM203"));
        Assert.That(File.Exists(Path.Combine(site.Root, CacheFolder, "smlint.cache")));
        Assert.That(site.Read(CacheFolder + "/.gitignore"), Does.Contain("*"));
        Assert.That(Both(), Is.EqualTo(first));
    }

    [Test]
    public void A_file_whose_size_and_time_are_unchanged_is_not_read_again()
    {
        Both();
        // Same length, same time, other text: the cache trusts the stamp, as make and ESLint do.
        var path = Path.Combine(site.Root, "service-manual/agile/c.md");
        var time = File.GetLastWriteTimeUtc(path);
        var length = new FileInfo(path).Length;
        File.WriteAllText(path, File.ReadAllText(path).Replace("/service-manual/nowhere", "/service-manual/agile/a"));
        Assert.That(new FileInfo(path).Length, Is.EqualTo(length));
        File.SetLastWriteTimeUtc(path, time);
        Assert.That(Report(Run(cached: true)), Has.Some.StartsWith("service-manual/agile/c.md:10:16-10:39 SM301"));
    }

    [Test]
    public void A_folder_whose_time_is_unchanged_is_not_listed_again()
    {
        Both();
        Assert.That(File.Exists(Path.Combine(site.Root, CacheFolder, "smlint.folders")));
        // A page added without the folder's time changing (which no file system does by itself):
        // the cached listing is trusted, as git's untracked cache trusts it.
        var folder = Path.Combine(site.Root, "service-manual/agile");
        var time = Directory.GetLastWriteTimeUtc(folder);
        site.With("service-manual/agile/d.md", Crumbs("D", "Agile") + "Read [gone](/service-manual/gone).\n");
        Age(Path.Combine(folder, "d.md"));
        Directory.SetLastWriteTimeUtc(folder, time);
        Assert.That(Report(Run(cached: true)), Has.None.StartsWith("service-manual/agile/d.md"));
        Assert.That(Report(Run(cached: false)), Has.Some.StartsWith("service-manual/agile/d.md:10:13-10:33 SM301"));
        // Its time changed, as adding a file changes it: listed again.
        AgeFolder(folder);
        Assert.That(Both(), Has.Some.StartsWith("service-manual/agile/d.md:10:13-10:33 SM301"));
    }

    [Test]
    public void A_page_replaced_by_a_link_is_not_followed_even_if_its_folder_time_is_put_back()
    {
        Both();
        var folder = Path.Combine(site.Root, "service-manual/agile");
        var time = Directory.GetLastWriteTimeUtc(folder);
        var page = Path.Combine(folder, "c.md");
        File.Delete(page);
        File.CreateSymbolicLink(page, Path.Combine(folder, "a.md"));
        Directory.SetLastWriteTimeUtc(folder, time);
        // The cached listing says c.md is a page; its stat says it is a link now, so the folder is listed again.
        Assert.That(Report(Run(cached: true)), Has.Some.StartsWith("service-manual/agile/c.md:1:1-1:1 SM002"));
    }

    [Test]
    public void Adding_removing_renaming_or_linking_files_in_listed_folders_stays_exact()
    {
        var folder = Path.Combine(site.Root, "service-manual/agile");
        Both();
        // Each change leaves the folder with a new time, well in the past (so it is trusted next run).
        Write("service-manual/agile/d.md", Crumbs("D", "Agile") + "Read [gone](/service-manual/gone).\n");
        AgeFolder(folder);
        Assert.That(Both(), Has.Some.StartsWith("service-manual/agile/d.md:10:13-10:33 SM301"));
        File.Move(Path.Combine(folder, "d.md"), Path.Combine(folder, "e.md"));
        AgeFolder(folder);
        var renamed = Both();
        Assert.That(renamed, Has.Some.StartsWith("service-manual/agile/e.md:10:13-10:33 SM301"));
        Assert.That(renamed, Has.None.StartsWith("service-manual/agile/d.md"));
        File.Delete(Path.Combine(folder, "e.md"));
        File.CreateSymbolicLink(Path.Combine(folder, "e.md"), Path.Combine(folder, "c.md"));
        AgeFolder(folder);
        Assert.That(Both(), Has.Some.StartsWith("service-manual/agile/e.md:1:1-1:1 SM002"));
        File.Delete(Path.Combine(folder, "chart.png"));
        AgeFolder(folder);
        Assert.That(Both(), Has.Some.StartsWith("service-manual/agile/a.md:10:10-10:41 SM301"));
    }

    [Test]
    public void A_damaged_or_planted_folder_cache_is_ignored()
    {
        var expected = Both();
        var file = Path.Combine(site.Root, CacheFolder, "smlint.folders");
        var bytes = File.ReadAllBytes(file);
        var fingerprint = FingerprintIn(bytes);
        var folderTime = Directory.GetLastWriteTimeUtc(Path.Combine(site.Root, "service-manual/agile")).Ticks;
        Assert.That(Caching.FolderCache.Load(Path.GetDirectoryName(file)!, fingerprint).Find("service-manual/agile", folderTime), Is.Not.Null);
        // A name that climbs out of its folder, with a checksum that matches: the whole file is refused.
        var planted = bytes[..^sizeof(ulong)];
        var at = planted.AsSpan().IndexOf("chart.png"u8);
        Assert.That(at, Is.GreaterThan(0));
        "../../etc"u8.CopyTo(planted.AsSpan(at));
        File.WriteAllBytes(file, [.. planted, .. BitConverter.GetBytes(System.IO.Hashing.XxHash3.HashToUInt64(planted))]);
        Assert.That(Caching.FolderCache.Load(Path.GetDirectoryName(file)!, fingerprint).Find("service-manual/agile", folderTime), Is.Null);
        Assert.That(Report(Run(cached: true)), Is.EqualTo(expected));
        foreach (var damage in new Func<byte[], byte[]>[] { b => b[..(b.Length / 2)], b => [.. b.Select((x, i) => i == b.Length / 2 ? (byte)~x : x)], _ => [] })
        {
            File.WriteAllBytes(file, damage(bytes));
            Assert.That(Caching.FolderCache.Load(Path.GetDirectoryName(file)!, fingerprint).Find("service-manual/agile", folderTime), Is.Null);
            Assert.That(Report(Run(cached: true)), Is.EqualTo(expected));
        }
    }

    // The fingerprint is written after the magic and the format version, as a length-prefixed string.
    private static string FingerprintIn(byte[] folders) => Encoding.UTF8.GetString(folders, 9, folders[8]);

    [Test]
    public void Editing_a_page_body_rechecks_that_page()
    {
        Both();
        Write("service-manual/agile/a.md", Crumbs("A", "Agile") + "![chart](/service-manual/agile/chart.png) and [gone](/service-manual/gone).\n");
        Assert.That(Both(), Has.Some.StartsWith("service-manual/agile/a.md:10:54-10:74 SM301"));
    }

    [Test]
    public void Renaming_a_heading_rechecks_the_pages_that_link_to_it()
    {
        Assert.That(Both(), Has.None.Contains("SM302"));
        Write("service-manual/agile/b.md", Crumbs("B", "Agile") + "## Section one\n\n## Section 2\n");
        Assert.That(Both(), Has.Some.StartsWith("service-manual/index.md:5:43-5:78 SM302"));
    }

    [Test]
    public void Changing_a_title_or_breadcrumb_rechecks_every_page()
    {
        Both();
        // Now "Agile delivery" is the majority label for /service-manual/agile... unless the title decides.
        Write("service-manual/agile.md", "---\nlayout: default\ntitle: Agile delivery\n---\n## Agile\n");
        var report = Both();
        Assert.That(report, Has.Some.StartsWith("service-manual/agile/a.md:7:12-7:17 SM203"));
        Assert.That(report, Has.None.StartsWith("service-manual/agile/c.md:7:12"));
    }

    [Test]
    public void Deleting_an_asset_or_a_page_rechecks_the_links_to_it()
    {
        Both();
        File.Delete(Path.Combine(site.Root, "service-manual/agile/chart.png"));
        Assert.That(Both(), Has.Some.StartsWith("service-manual/agile/a.md:10:10-10:41 SM301"));
        File.Delete(Path.Combine(site.Root, "service-manual/agile/b.md"));
        Assert.That(Both(), Has.Some.StartsWith("service-manual/index.md:5:43-5:78 SM301"));
    }

    [Test]
    public void Adding_the_missing_page_clears_the_broken_link()
    {
        Assert.That(Both(), Has.Some.Contains("SM301 Error link target '/service-manual/nowhere'"));
        Write("service-manual/nowhere.md", "---\nlayout: default\ntitle: Now here\n---\n");
        Assert.That(Both(), Has.None.Contains("'/service-manual/nowhere'"));
    }

    [Test]
    public void Changing_a_layout_rechecks_the_pages_that_use_it()
    {
        Assert.That(Both(), Has.None.Contains("SM302"));
        Write("_layouts/default.html", "<main>{{ content }}</main>\n");
        Assert.That(Both(), Has.Some.StartsWith("service-manual/index.md:5:88-5:119 SM302"));
    }

    [Test]
    public void Touching_a_file_without_changing_it_changes_nothing()
    {
        var before = Both();
        Age(Path.Combine(site.Root, "service-manual/agile/b.md"));
        Assert.That(Both(), Is.EqualTo(before));
    }

    [Test]
    public void Linting_some_files_then_all_with_the_cache_stays_exact()
    {
        var some = Both("service-manual/agile/a.md");
        Assert.That(some, Has.All.StartsWith("service-manual/agile/a.md"));
        Write("service-manual/agile/c.md", Crumbs("C", "Agile") + "Read [missing](/service-manual/nowhere).\n");
        Assert.That(Both(), Has.None.Contains("SM203"));
    }

    [Test]
    public void Changing_the_markdown_dialect_rechecks_every_page()
    {
        Write("service-manual/agile/b.md", Crumbs("B", "Agile") + "## Section one\n\n##Section two\n");
        Assert.That(Both(), Has.Some.Contains("'#section-two'"), "under GFM ##Section two is text");
        Write("_config.yml", "baseurl: /\nkramdown:\n  input: kramdown\n");
        Assert.That(Both(), Has.None.Contains("'#section-two'"), "under kramdown input it is a header");
        Write("_config.yml", "baseurl: /\n");
        Assert.That(Both(), Has.Some.Contains("'#section-two'"));
        Write("Gemfile.lock", "GEM\n  specs:\n    jekyll (2.1.1)\n");
        Assert.That(Both(), Has.None.Contains("'#section-two'"), "Jekyll 2 reads kramdown input");
    }

    [Test]
    public void Other_rule_severities_do_not_reuse_findings_made_under_the_old_ones()
    {
        Both();
        var options = new LintOptions { Root = site.Root, CacheFolder = CacheFolder, RuleSeverities = new Dictionary<string, Severity> { ["SM301"] = Severity.Off } };
        Assert.That(Report(Linter.Lint(options)), Has.None.Contains("SM301"));
    }

    [Test]
    public void A_damaged_or_planted_cache_file_is_ignored_and_replaced()
    {
        var expected = Both();
        var cacheFile = Path.Combine(site.Root, CacheFolder, "smlint.cache");
        var bytes = File.ReadAllBytes(cacheFile);
        foreach (var damage in new Func<byte[], byte[]>[]
        {
            b => b[..(b.Length / 2)],
            b => [.. b.Select((x, i) => i > 80 && i % 7 == 0 ? (byte)~x : x)],
            _ => new byte[5000],
            _ => [.. "SMLC"u8, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F],
        })
        {
            File.WriteAllBytes(cacheFile, damage(bytes));
            Assert.That(Report(Run(cached: true)), Is.EqualTo(expected));
        }
    }

    [Test]
    public void A_damaged_or_truncated_bodies_file_changes_no_finding()
    {
        Both();
        var bodies = Path.Combine(site.Root, CacheFolder, "smlint.bodies");
        var bytes = File.ReadAllBytes(bodies);
        // Damaged bodies are parsed from their files again: the edited page's fragment link still
        // needs b.md's ids, whose body is now garbage.
        File.WriteAllBytes(bodies, [.. bytes.Select((b, i) => i >= 8 ? (byte)~b : b)]);
        Write("service-manual/index.md", "---\nlayout: default\ntitle: Home\n---\nSee [two](/service-manual/agile/b#section-two) and [three](/service-manual/agile/b#section-three).\n");
        var report = Both();
        Assert.That(report, Has.Some.Contains("SM302 Error fragment '#section-three'"));
        Assert.That(report, Has.None.Contains("'#section-two'"));
        File.WriteAllBytes(bodies, bytes[..(bytes.Length / 2)]);
        Assert.That(Both(), Is.EqualTo(report));
    }

    [Test]
    public void A_cache_that_cannot_be_written_is_a_warning_not_a_failed_run()
    {
        File.WriteAllText(Path.Combine(site.Root, "not-a-folder"), "a file where the cache folder should be");
        var result = Linter.Lint(new LintOptions { Root = site.Root, CacheFolder = "not-a-folder" });
        Assert.That(Report(result), Is.EqualTo(Report(Run(cached: false))));
        Assert.That(result.CacheWarning, Does.StartWith("the cache could not be written"));
    }

    [Test]
    public void A_cache_folder_that_is_a_symbolic_link_is_refused()
    {
        var elsewhere = Directory.CreateTempSubdirectory("smlint-elsewhere-").FullName;
        try
        {
            File.CreateSymbolicLink(Path.Combine(site.Root, CacheFolder), elsewhere);
            Assert.That(() => Run(cached: true), Throws.TypeOf<ConfigurationException>().With.Message.Contains("symbolic link"));
            Assert.That(Directory.GetFiles(elsewhere), Is.Empty, "nothing is written through the link");
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Test]
    public void Rules_see_as_linted_pages_the_pages_asked_for_and_on_a_re_run_only_those_checked_again()
    {
        var seen = new LintedPagesSeen();
        LintResult RunSeeing(bool cached, params string[] paths) => Linter.Lint(new LintOptions
        {
            Root = site.Root,
            CacheFolder = cached ? CacheFolder : null,
            Paths = paths.Select(p => Path.Combine(site.Root, p)).ToArray(),
            AdditionalRules = [seen],
        });

        RunSeeing(cached: false, "service-manual/agile");
        Assert.That(seen.LintedPages, Is.EqualTo(new[] { "service-manual/agile/a.md", "service-manual/agile/b.md", "service-manual/agile/c.md" }));
        Assert.That(seen.IsLintedPages, Is.EqualTo(seen.LintedPages), "LintedPages must be the pages IsLinted says yes to");

        RunSeeing(cached: true);
        Assert.That(seen.LintedPages, Has.Length.EqualTo(5), "a first run with the cache checks every page");
        // Body text edited, same ids and front matter: only that page is checked again.
        Write("service-manual/agile/b.md", Crumbs("B", "Agile") + "Some words.\n\n## Section one\n\n## Section two\n");
        RunSeeing(cached: true);
        Assert.That(seen.LintedPages, Is.EqualTo(new[] { "service-manual/agile/b.md" }));
        Assert.That(seen.IsLintedPages, Is.EqualTo(seen.LintedPages));
    }

    private sealed class LintedPagesSeen : Rules.ISiteRule
    {
        public Rules.RuleDescriptor Descriptor { get; } = new("XX901", "linted-pages-seen", "Records the pages a rule is given", Rules.RuleCategory.Other, Severity.Info, IsFixable: false);

        public string[] LintedPages { get; private set; } = [];

        public string[] IsLintedPages { get; private set; } = [];

        public void Check(Rules.SiteContext context)
        {
            LintedPages = context.LintedPages.Select(p => p.Path).ToArray();
            IsLintedPages = context.Site.Pages.Where(p => context.IsLinted(p.Path)).Select(p => p.Path).ToArray();
        }
    }

    [Test]
    public void The_2016_snapshot_stays_exact_through_real_edits()
    {
        if (RepositoryPaths.Corpus is not { } corpus) { Assert.Ignore("../shared/corpus is not beside this clone; this test needs the Service Manual snapshots"); return; }
        site.Dispose();
        site = TestSite.CopyOf(Path.Combine(corpus, "service-manual-2016")).WithServiceManualRules();
        foreach (var file in Directory.GetFiles(site.Root, "*", SearchOption.AllDirectories)) Age(file);
        var before = Both();
        Assert.That(before, Has.Some.StartsWith("service-manual/phases/alpha.md:44:"));
        // Give the action plan the heading the phase pages link to: their SM302s go.
        var plan = "service-manual/assisted-digital/action-plan.md";
        Write(plan, site.Read(plan) + "\n## Alpha stage\n");
        var after = Both();
        Assert.That(after, Has.None.StartsWith("service-manual/phases/alpha.md:44:"));
        Assert.That(after, Has.Length.EqualTo(before.Length - 1));
        // A broken link typed into a page body, then a page removed.
        Write("service-manual/agile/index.md", site.Read("service-manual/agile/index.md") + "\n[typo](/service-manual/agile/scrumm)\n");
        Assert.That(Both(), Has.Length.EqualTo(before.Length));
        // The page a fragment link pointed into goes: its SM302 becomes an SM301.
        File.Delete(Path.Combine(site.Root, "service-manual/making-software/choosing-technology.md"));
        Assert.That(Both(), Has.Some.Matches(@"^service-manual/technology/code-of-practice\.md:43:\S+ SM301 "));
    }
}
