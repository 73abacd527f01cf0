using System.Collections.Concurrent;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Sites;

/// <summary>A loaded site and the text files the loader looked at (their sizes and times, in path order).</summary>
internal sealed record LoadedSite(JekyllSite Site, IReadOnlyList<FileStamp> TextFiles);

/// <summary>
/// Loads a site: walks its folders (<see cref="SiteWalker"/>), classifies every file as Jekyll would
/// (<see cref="FileClassifier"/>), and reads (<see cref="PageReader"/>) and parses pages and
/// templates on every core (<see cref="BudgetedParser"/>), taking those a page source already knows.
/// </summary>
internal static class SiteLoader
{
    /// <summary>Loads the site at <paramref name="root"/> with <paramref name="configuration"/>.</summary>
    public static JekyllSite Load(string root, LintConfiguration configuration) => Load(root, configuration, null);

    /// <summary>Loads the site, reporting how many pages have been parsed so far to <paramref name="progress"/>.</summary>
    public static JekyllSite Load(string root, LintConfiguration configuration, IProgress<int>? progress) =>
        Load(root, configuration, progress, new TimingRecorder(), new StringPool()).Site;

    /// <summary>
    /// Loads the site. <paramref name="lister"/> lists its folders (the file system when null);
    /// <paramref name="pageSource"/>, when given, is asked once the walk is done (it may be read
    /// meanwhile) for pages it already knows. Strings repeated across pages are shared through
    /// <paramref name="strings"/>; the texts let go after parsing are got again through <paramref name="released"/>.
    /// </summary>
    internal static LoadedSite Load(string root, LintConfiguration configuration, IProgress<int>? progress, TimingRecorder timing, StringPool strings,
        IReleasedTexts? released = null, Func<FileSystemFolderLister, IFolderLister>? lister = null, Func<IPageSource?>? pageSource = null)
    {
        root = Path.GetFullPath(root);
        var fileSystem = new FileSystemFolderLister(root, new ExcludeFilter(configuration.Exclude, configuration.Jekyll, configuration.JekyllExclude));
        var skipped = new List<LoadProblem>();
        var textFiles = new List<FileStamp>();
        var pages = new List<Page>();
        var templates = new List<Page>();
        var assets = new ConcurrentBag<string>();
        var problems = new ConcurrentBag<LoadProblem>();
        var staticMarkdown = new ConcurrentBag<StaticMarkdown>();
        var skippedFiles = new List<LoadProblem>();
        released ??= new ReleasedTexts(root);

        // Each worker reads, classifies and parses one file at a time, so only the texts being parsed
        // are in memory at once; a parsed page keeps its positions, not its text.
        using var parser = new BudgetedParser(configuration, problems, progress, strings, relative =>
        {
            var text = PageReader.Read(Path.Combine(root, relative), relative, configuration.Limits.MaxPageBytes, problems);
            if (text is null) return null;
            var page = ClassifyAndParse(relative, text, configuration, assets.Add, staticMarkdown.Add);
            page?.Source.Release(released, relative);
            return page;
        });
        // Without a page source every page is parsed: each is handed to the parser as soon as its
        // folder is listed, so parsing starts with the walk instead of after it. With one, the walk's
        // stamps are first compared with what it knows, which is read meanwhile.
        var parsesWhileWalking = pageSource is null;
        var files = SiteWalker.Walk(lister?.Invoke(fileSystem) ?? fileSystem, skipped, parsesWhileWalking ? parser.Add : null);
        timing.Lap("walk");
        var known = pageSource?.Invoke(); // read meanwhile on another core, when there is one
        if (known is not null) timing.Lap("cache-read");

        foreach (var (relative, _, length, modified) in files)
        {
            if (!FileClassifier.IsTextCandidate(relative))
            {
                FileClassifier.AddServed(root, relative, configuration, assets.Add);
                continue;
            }
            // FIFOs, devices and /proc files report no length: never open them (a FIFO blocks for ever).
            // An empty page has nothing to check either.
            if (length == 0)
            {
                // An empty include is a normal placeholder; an empty page is worth a note.
                if (FileClassifier.IsTemplate(relative)) continue;
                assets.Add(relative);
                skippedFiles.Add(EmptyFile(relative));
                continue;
            }
            textFiles.Add(new FileStamp(relative, length, modified));
            if (known?.Find(relative, length, modified) is { } reused)
            {
                // Unchanged since it was parsed: take that parse (or the verdict that Jekyll copies the file as is).
                if (reused.Page is { } page) (page.Kind == FileKind.Template ? templates : pages).Add(page);
                else
                {
                    assets.Add(relative);
                    if (reused.StaticReason is { } reason) staticMarkdown.Add(new StaticMarkdown(relative, reason));
                }
                continue;
            }
            if (!parsesWhileWalking) parser.Add(relative);
        }
        timing.Lap("classify");

        var parsed = parser.Finish();
        var (knownPages, knownTemplates) = (pages.Count, templates.Count);
        foreach (var page in parsed) (page.Kind == FileKind.Template ? templates : pages).Add(page);
        timing.Lap("parse");

        var site = new JekyllSite(root, configuration,
            MergeByPath(pages, knownPages),
            MergeByPath(templates, knownTemplates),
            assets,
            problems.OrderBy(p => p.Path, StringComparer.Ordinal).ToArray(),
            staticMarkdown.OrderBy(p => p.Path, StringComparer.Ordinal).ToArray(),
            skipped.Concat(skippedFiles).OrderBy(p => p.Path, StringComparer.Ordinal).ToArray());
        timing.Lap("index");
        return new LoadedSite(site, textFiles);
    }

    /// <summary>
    /// One text file's part in the site, as the loader's workers take it: a page or template parsed
    /// from <paramref name="text"/> (its text kept: the caller releases it, or not), or null for a file
    /// Jekyll copies as it is (given to <paramref name="addAsset"/>, and, for Markdown, why it is not
    /// a page to <paramref name="addStaticMarkdown"/>). Also how a workspace takes an editor's unsaved text.
    /// </summary>
    internal static Page? ClassifyAndParse(string relative, string text, LintConfiguration configuration, Action<string> addAsset, Action<StaticMarkdown> addStaticMarkdown)
    {
        if (!FileClassifier.IsRendered(relative, text, out var staticReason))
        {
            addAsset(relative); // Jekyll copies a file without front matter as it is.
            if (staticReason is not null) addStaticMarkdown(new StaticMarkdown(relative, staticReason));
            return null;
        }
        return PageParser.Parse(relative, FileClassifier.IsTemplate(relative) ? FileKind.Template : FileKind.Page, text, configuration.Markdown, configuration.Limits.MaxFrontMatterBytes);
    }

    /// <summary>The note on an empty page (an empty template is a normal placeholder and gets none): Jekyll copies it as it is.</summary>
    internal static LoadProblem EmptyFile(string relative) =>
        new(relative, SourceSpan.FileStart, "file is empty (or a FIFO or device, which are never opened); nothing to check");

    // The pages taken from the page source and the pages parsed each come in path order (the file
    // list is sorted): the two runs are merged, not sorted again.
    private static Page[] MergeByPath(List<Page> pages, int firstRun)
    {
        var merged = new Page[pages.Count];
        int left = 0, right = firstRun;
        for (var i = 0; i < merged.Length; i++)
        {
            var takeLeft = right == pages.Count || (left < firstRun && string.CompareOrdinal(pages[left].Path, pages[right].Path) <= 0);
            merged[i] = takeLeft ? pages[left++] : pages[right++];
        }
        return merged;
    }
}
