using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Rules;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Caching;

/// <summary>
/// Decides, for one run with a cache, which files' cached findings still hold, and afterwards
/// writes the cache for the next run.
/// </summary>
internal sealed class IncrementalPlan
{
    private readonly JekyllSite site;
    private readonly IReadOnlyList<FileStamp> textFiles;
    private readonly LintCache cache;
    private readonly Func<string, bool> isRequested;
    private readonly string fileListHash;
    private readonly bool full;
    private readonly HashSet<string> changed;
    private readonly HashSet<string> dirty;
    private readonly Dictionary<string, PageFacts> facts;
    private readonly HashSet<string> clean;
    private readonly int leftUnsaved;

    private IncrementalPlan(JekyllSite site, IReadOnlyList<FileStamp> textFiles, LintCache cache, Func<string, bool> isRequested, string fileListHash, bool full, HashSet<string> changed,
        HashSet<string> dirty, Dictionary<string, PageFacts> facts, HashSet<string> clean, List<Diagnostic[]> cleanFindings, int leftUnsaved)
    {
        this.site = site;
        this.textFiles = textFiles;
        this.cache = cache;
        this.isRequested = isRequested;
        this.fileListHash = fileListHash;
        this.full = full;
        this.changed = changed;
        this.dirty = dirty;
        this.facts = facts;
        this.clean = clean;
        this.leftUnsaved = leftUnsaved;
        CleanFindings = cleanFindings;
    }

    private const long NeverMatches = -1;
    private const int MaxFilesLeftUnsaved = 16;
    private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    /// <summary>The cached findings of the files not checked again, reported as they are.</summary>
    public List<Diagnostic[]> CleanFindings { get; }

    /// <summary>Whether a requested file is checked again; the others' cached findings stand.</summary>
    public bool IsRechecked(string path) => !clean.Contains(path);

    /// <summary>Plans a run over <paramref name="site"/>, loaded from <paramref name="textFiles"/> with <paramref name="cache"/> as its page source.</summary>
    public static IncrementalPlan Make(JekyllSite site, IReadOnlyList<FileStamp> textFiles, LintCache cache, Func<string, bool> isRequested)
    {
        // Hashed on another core meanwhile: the pass below needs it only to know whether to check everything.
        var hashingFileList = Task.Run(() => LintCache.FileListHashOf(site));
        var full = false;
        var files = site.Pages.Concat(site.Templates).ToArray();
        // Each file's entry is looked up once (a re-run's time goes on passes over every file), and
        // facts are worked out and kept only for the files read again.
        var before = new CacheEntry?[files.Length];
        var facts = new Dictionary<string, PageFacts>(StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var idsChanged = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < files.Length; i++)
        {
            var file = files[i];
            var entry = before[i] = cache.Entries.GetValueOrDefault(file.Path);
            if (IsReused(entry, file)) continue; // its facts are the cached ones
            var now = PageFacts.Of(file);
            facts[file.Path] = now;
            // Touched but not changed (same text): its findings still hold.
            if (entry?.Page is not null && entry.ContentHash == file.Source.ContentHash) continue;
            changed.Add(file.Path);
            // A layout or include is part of many pages; new front matter, lists or includes can change
            // titles, breadcrumb majorities and phase navigation anywhere: check everything.
            if (file.Kind == FileKind.Template || entry?.Page is null || !entry.Facts.SameMetadata(now)) full = true;
            else if (!entry.Facts.SameIds(now)) idsChanged.Add(file.Path);
        }

        // Files added, removed or renamed change what every link and suggestion can resolve to.
        var fileListHash = hashingFileList.GetAwaiter().GetResult();
        full |= cache.FileListHash != fileListHash;
        var dirty = new HashSet<string>(changed, StringComparer.Ordinal);
        var clean = new HashSet<string>(full ? 0 : files.Length, StringComparer.Ordinal);
        var cleanFindings = new List<Diagnostic[]>(full ? 0 : files.Length);
        var leftUnsaved = 0;
        for (var i = 0; i < files.Length; i++)
        {
            var path = files[i].Path;
            var entry = before[i];
            var requested = isRequested(path);
            var isClean = false;
            if (!full)
            {
                // New ids (or ids gone) on a page change the fragment findings of every file linking to it.
                if (idsChanged.Count > 0 && entry is not null && entry.Targets.Any(idsChanged.Contains)) dirty.Add(path);
                if (!dirty.Contains(path) && entry?.Diagnostics is { } cached && requested)
                {
                    isClean = true;
                    clean.Add(path);
                    cleanFindings.Add(cached);
                }
            }
            if (!IsReused(entry, files[i]) || (requested && !isClean)) leftUnsaved++;
        }
        return new IncrementalPlan(site, textFiles, cache, isRequested, fileListHash, full, changed, dirty, facts, clean, cleanFindings, leftUnsaved);
    }

    // The loader took the page from the cache (its parse is the cached one) rather than parsing the file.
    private static bool IsReused(CacheEntry? entry, Page file) => entry?.Page is { } cached && ReferenceEquals(cached, file);

    /// <summary>Writes the cache: every file's parse and facts, and the findings known to be current.</summary>
    public void Save(IReadOnlyList<Diagnostic> diagnostics, ResolvedLinks links)
    {
        // A run that found no file changed and checked none again has nothing new to write (a file
        // only touched is read again next time too, which costs less than rewriting the cache).
        // Likewise a run that read and checked only a few files (an editor re-linting the page being
        // written changes one file per run): the index still holds true for every other file, and
        // the next run reads and checks those few again, which costs less than rewriting the index.
        if (!full && textFiles.Count == cache.Entries.Count && leftUnsaved <= MaxFilesLeftUnsaved && textFiles.All(f => cache.Entries.ContainsKey(f.Path)))
        {
            return;
        }
        var byPath = diagnostics.GroupBy(d => d.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var staticReasons = site.StaticMarkdown.ToDictionary(s => s.Path, s => s.Reason, StringComparer.Ordinal);
        var entries = new List<(string Path, CacheEntry Entry)>(textFiles.Count);
        // A file modified in the last moments could change again within the clock's resolution
        // without its size or time changing (git's "racily clean" files): such a stamp is stored as
        // never matching, so the next run reads the file again (and finds it unchanged by its hash).
        var racy = DateTime.UtcNow.Ticks - RacyWindow.Ticks;
        foreach (var (path, length, stamp) in textFiles)
        {
            var modified = stamp >= racy ? NeverMatches : stamp;
            var before = cache.Entries.GetValueOrDefault(path);
            var reused = before is not null && before.IsCurrent(length, stamp);
            if (site.FindFile(path) is { } page)
            {
                Diagnostic[]? found;
                if (isRequested(path)) found = byPath.GetValueOrDefault(path) ?? [];
                else found = full || dirty.Contains(path) ? null : before?.Diagnostics;
                var targets = full || changed.Contains(path) || before is null ? links.TargetsOf(page).ToArray() : before.Targets;
                entries.Add((path, new CacheEntry
                {
                    Length = length, Modified = modified, Page = page, Facts = reused ? before!.Facts : facts[path], Diagnostics = found, Targets = targets,
                    Body = reused ? before!.Body : null,
                    ContentHash = reused ? before!.ContentHash : page.Source.ContentHash,
                }));
            }
            else if (site.HasAsset(path))
            {
                entries.Add((path, new CacheEntry { Length = length, Modified = modified, StaticReason = staticReasons.GetValueOrDefault(path) }));
            }
            // A file that could not be read is not cached: it is read again next time.
        }
        cache.Save(fileListHash, entries);
    }
}
