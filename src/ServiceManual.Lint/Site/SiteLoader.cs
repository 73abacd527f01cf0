using System.Collections.Concurrent;
using System.IO.Enumeration;
using System.Text;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Site;

/// <summary>Walks a site root, classifies every file as Jekyll would, and parses pages and templates in parallel.</summary>
public static class SiteLoader
{
    // Folders no site serves and no linter should walk into.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git", "_site", "node_modules", ".smlint-cache", ".jekyll-cache", ".sass-cache" };

    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Loads the site at <paramref name="root"/> with <paramref name="configuration"/>.</summary>
    public static JekyllSite Load(string root, LintConfiguration configuration) => Load(root, configuration, null);

    /// <summary>Loads the site, reporting how many pages have been parsed so far to <paramref name="progress"/>.</summary>
    public static JekyllSite Load(string root, LintConfiguration configuration, IProgress<int>? progress) =>
        Load(root, configuration, progress, new TimingRecorder(), () => null);

    internal static JekyllSite Load(string root, LintConfiguration configuration, IProgress<int>? progress, TimingRecorder timing, Func<Caching.LintCache?> readCache, Caching.FolderCache? folders = null)
    {
        root = Path.GetFullPath(root);
        var excluded = new ExcludeFilter(configuration.Exclude, configuration.Jekyll, configuration.JekyllExclude);
        var files = new List<(string Path, long Length, long Modified)>();
        var skipped = new List<LoadProblem>();
        var pages = new List<Page>();
        var templates = new List<Page>();
        var assets = new ConcurrentBag<string>();
        var problems = new ConcurrentBag<LoadProblem>();
        var staticMarkdown = new ConcurrentBag<StaticMarkdown>();
        var skippedFiles = new List<LoadProblem>();

        // Each worker reads, classifies and parses one file at a time, so only the texts being parsed
        // are in memory at once; a parsed page keeps its positions, not its text.
        using var parser = new BudgetedParser(configuration, problems, progress, relative =>
        {
            var fullPath = Path.Combine(root, relative);
            var text = ReadText(fullPath, relative, configuration.Limits, problems);
            if (text is null) return null;
            var isTemplate = IsTemplate(relative);
            // A post needs no front matter: Jekyll's post reader renders every dated file in _posts.
            if (!isTemplate && !FrontMatterReader.HasFrontMatter(text) && !IsPost(relative))
            {
                assets.Add(relative); // Jekyll copies a file without front matter as it is.
                if (!relative.EndsWith(".html", StringComparison.OrdinalIgnoreCase)) staticMarkdown.Add(new StaticMarkdown(relative, WhyNotAPage(text)));
                return null;
            }
            var page = PageParser.Parse(relative, isTemplate ? FileKind.Template : FileKind.Page, text, configuration.Markdown, configuration.Limits.MaxFrontMatterBytes);
            page.Source.Release(root, relative);
            return page;
        });
        // Without a cache every page is parsed: each is handed to the parser as soon as its folder
        // is listed, so parsing starts with the walk instead of after it. With one, the walk's
        // stamps are first compared with the cache's, which is read meanwhile.
        var parsesWhileWalking = folders is null;
        Walk(root, files, skipped, excluded, folders, parsesWhileWalking ? parser.Add : null);
        timing.Lap("walk");
        var cache = readCache(); // read meanwhile on another core, when there is one
        if (cache is not null) timing.Lap("cache-read");

        foreach (var (relative, length, modified) in files)
        {
            var isTemplate = IsTemplate(relative);
            if (!IsTextCandidate(relative))
            {
                if (isTemplate) continue;
                if (CompiledOutput(relative) is { } output)
                {
                    // Jekyll's Sass converter compiles a file with front matter, and only that (the old
                    // jekyll-sass plugin compiled every one); without front matter it is copied as it is.
                    var compiles = configuration.Jekyll.Plugins.Contains("jekyll-sass") || StartsWithFrontMatter(Path.Combine(root, relative));
                    assets.Add(compiles ? output : relative);
                    // Jekyll 4's converter (jekyll-sass-converter 2) writes a source map beside the CSS.
                    if (compiles && output.EndsWith(".css", StringComparison.Ordinal) && configuration.Jekyll.SassSourceMaps
                        && (configuration.JekyllVersion?.Major ?? 4) >= 4 && !configuration.Jekyll.Plugins.Contains("jekyll-sass")) assets.Add(output + ".map");
                    if (compiles && configuration.Jekyll.Plugins.Contains("jekyll-sass")) assets.Add(relative);
                    continue;
                }
                assets.Add(relative);
                continue;
            }
            // FIFOs, devices and /proc files report no length: never open them (a FIFO blocks for ever).
            // An empty page has nothing to check either.
            if (length == 0)
            {
                // An empty include is a normal placeholder; an empty page is worth a note.
                if (isTemplate) continue;
                assets.Add(relative);
                skippedFiles.Add(new LoadProblem(relative, SourceSpan.FileStart, "file is empty (or a FIFO or device, which are never opened); nothing to check"));
                continue;
            }
            if (cache?.Lookup(relative, length, modified) is { } cached)
            {
                // Unchanged since the cache was written: take its parse (or its verdict that Jekyll copies the file as is).
                if (cached.Page is { } page) (page.Kind == FileKind.Template ? templates : pages).Add(page);
                else
                {
                    assets.Add(relative);
                    if (cached.StaticReason is { } reason) staticMarkdown.Add(new StaticMarkdown(relative, reason));
                }
                continue;
            }
            if (!parsesWhileWalking) parser.Add(relative);
        }
        timing.Lap("classify");

        var parsed = parser.Finish();
        var (cachedPages, cachedTemplates) = (pages.Count, templates.Count);
        foreach (var page in parsed) (page.Kind == FileKind.Template ? templates : pages).Add(page);
        timing.Lap("parse");

        var site = new JekyllSite(root, configuration,
            MergeByPath(pages, cachedPages),
            MergeByPath(templates, cachedTemplates),
            assets,
            problems.OrderBy(p => p.Path, StringComparer.Ordinal).ToArray(),
            staticMarkdown.OrderBy(p => p.Path, StringComparer.Ordinal).ToArray(),
            skipped.Concat(skippedFiles).OrderBy(p => p.Path, StringComparer.Ordinal).ToArray());
        timing.Lap("index");
        return site;
    }

    // The pages read back from the cache and the pages parsed each come in path order (the file list
    // is sorted): the two runs are merged, not sorted again.
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

    // Sass and CoffeeScript sources are served compiled (Jekyll's converters, or the jekyll-sass
    // plugin the 2013 Service Manual used): a link to main.css is satisfied by main.scss.
    private static string? CompiledOutput(string path)
    {
        // Spans, not strings: asked of every asset (most of a site's files), and most are neither.
        var name = Path.GetFileName(path.AsSpan());
        if (name.StartsWith('_')) return null; // partials are imported, never served
        var extension = Path.GetExtension(name);
        var output = extension switch { ".scss" or ".sass" => ".css", ".coffee" => ".js", _ => null };
        return output is null ? null : string.Concat(path.AsSpan(0, path.Length - extension.Length), output);
    }

    // The first line of a file is exactly "---": Jekyll reads front matter and converts the file.
    private static bool StartsWithFrontMatter(string fullPath)
    {
        try
        {
            Span<byte> start = stackalloc byte[5];
            using var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            var read = RandomAccess.Read(handle, start, 0);
            var head = start[..read];
            return head.StartsWith("---\n"u8) || head.StartsWith("---\r\n"u8) || head.StartsWith("--- "u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string WhyNotAPage(string text)
    {
        if (text.StartsWith("\uFEFF---", StringComparison.Ordinal)) return "it starts with a byte order mark, so Jekyll does not see the front matter after it";
        if (text.StartsWith("---\r", StringComparison.Ordinal)) return "its first line ends with a lone carriage return, which Jekyll does not take as the front matter's opening '---'";
        if (text.StartsWith("---", StringComparison.Ordinal)) return "its first line is not exactly '---' (trailing characters?), so Jekyll does not see the front matter";
        return StaticMarkdown.NoFrontMatter;
    }

    private static bool IsPost(string path) =>
        (path.StartsWith("_posts/", StringComparison.Ordinal) || path.Contains("/_posts/", StringComparison.Ordinal))
        && Publishing.Permalinks.ParsePostName(path[(path.LastIndexOf('/') + 1)..]) is not null;

    private static bool IsTemplate(string path) =>
        path.StartsWith("_layouts/", StringComparison.Ordinal) || path.StartsWith("_includes/", StringComparison.Ordinal);

    private static bool IsTextCandidate(string path) => Page.IsMarkdownPath(path) || path.EndsWith(".html", StringComparison.OrdinalIgnoreCase);

    // Our own walker: never follows a symbolic link (out of the root or round a loop), and an
    // unreadable folder or an over-long path is a finding rather than the end of the walk. Folders
    // are listed on every core; each entry's type, size and time come from the listing itself (or,
    // with a cache, from the folder's saved listing while its time is unchanged, and a stat per page).
    private static void Walk(string root, List<(string Path, long Length, long Modified)> files, List<LoadProblem> skipped, ExcludeFilter excluded, Caching.FolderCache? folders,
        Action<string>? onPageFound)
    {
        // Sized for the folders the cache knows, if any: growing the table is a good part of a re-run's walk.
        var listings = new ConcurrentDictionary<string, List<Listed>>(Environment.ProcessorCount, folders?.Count ?? 31, StringComparer.Ordinal);
        var problems = new ConcurrentBag<LoadProblem>();
        var pending = new BlockingCollection<string>();
        var outstanding = 1;
        pending.Add(string.Empty);
        var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(() =>
        {
            foreach (var folder in pending.GetConsumingEnumerable())
            {
                try
                {
                    var listed = folders is null ? List(root, folder, problems, excluded, out bool _) : ListOrReuse(root, folder, problems, excluded, folders);
                    listings[folder] = listed;
                    foreach (var entry in listed)
                    {
                        // What the loader would parse: a page or template that is not empty (see Load).
                        if (!entry.IsFolder && entry.Length != 0 && IsTextCandidate(entry.Path)) onPageFound?.Invoke(entry.Path);
                        if (!entry.IsFolder) continue;
                        Interlocked.Increment(ref outstanding);
                        pending.Add(entry.Path);
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    problems.Add(new LoadProblem(folder.Length == 0 ? "." : folder, SourceSpan.FileStart, $"folder cannot be read ({e.Message}); its files were not checked"));
                }
                finally
                {
                    // The last folder done ends the walk for every worker.
                    if (Interlocked.Decrement(ref outstanding) == 0) pending.CompleteAdding();
                }
            }
        })).ToArray();
        Task.WaitAll(workers);
        files.EnsureCapacity(listings.Values.Sum(listed => listed.Count));
        // Each listing is sorted so that walking the tree depth first yields the files in path order:
        // cheaper than sorting every path of the site at the end.
        var stack = new Stack<(List<Listed> Entries, int Next)>();
        if (listings.TryGetValue(string.Empty, out var top)) stack.Push((top, 0));
        while (stack.TryPop(out var frame))
        {
            for (var i = frame.Next; i < frame.Entries.Count; i++)
            {
                var entry = frame.Entries[i];
                if (!entry.IsFolder)
                {
                    files.Add((entry.Path, entry.Length, entry.Modified));
                    continue;
                }
                if (!listings.TryGetValue(entry.Path, out var inner)) continue;
                stack.Push((frame.Entries, i + 1));
                stack.Push((inner, 0));
                break;
            }
        }
        skipped.AddRange(problems);
    }

    private readonly record struct Entry(string Name, bool IsDirectory, bool IsLink, long Length, long Modified);

    // A file or folder to walk into, by its path from the root.
    private readonly record struct Listed(string Path, bool IsFolder, long Length, long Modified);

    // Orders a folder's entries as their paths sort: a folder's own path continues with '/', so
    // "a.md" < "a/x.md" < "a0.md" (a folder compares as its name followed by '/').
    private static int ComparePathOrder(Entry left, Entry right)
    {
        var common = Math.Min(left.Name.Length, right.Name.Length);
        var order = left.Name.AsSpan(0, common).SequenceCompareTo(right.Name.AsSpan(0, common));
        return order != 0 ? order : CharAfter(left, common).CompareTo(CharAfter(right, common));

        static int CharAfter(Entry entry, int at) => at < entry.Name.Length ? entry.Name[at] : entry.IsDirectory ? '/' : -1;
    }

    // With a folder cache: a folder whose time is unchanged is not listed again; its pages are stat'ed
    // for their size and time. A page gone after all (its folder's time should have said so) means listing it.
    private static List<Listed> ListOrReuse(string root, string relativeFolder, ConcurrentBag<LoadProblem> skipped, ExcludeFilter excluded, Caching.FolderCache folders)
    {
        var fullFolder = relativeFolder.Length == 0 ? root : Path.Combine(root, relativeFolder);
        // Its time before its listing: a change made meanwhile leaves a newer time, so it is listed next run.
        using var stats = FolderStats.Of(fullFolder, holdOpen: folders.TextFilesIn(relativeFolder) >= 2);
        if (folders.Find(relativeFolder, stats.Modified) is { } known && Restat(stats, relativeFolder, known) is { } reused)
        {
            foreach (var problem in known.Problems) skipped.Add(problem);
            folders.Remember(relativeFolder, known, listedNow: false);
            return reused;
        }
        var found = new ConcurrentBag<LoadProblem>();
        var listed = List(root, relativeFolder, found, excluded, out var complete);
        foreach (var problem in found) skipped.Add(problem);
        if (complete)
        {
            var entries = listed.Select(e => new Caching.FolderEntry(e.Path[(e.Path.LastIndexOf('/') + 1)..],
                e.IsFolder ? Caching.FolderEntryKind.Folder : IsTextCandidate(e.Path) ? Caching.FolderEntryKind.Text : Caching.FolderEntryKind.Asset)).ToArray();
            folders.Remember(relativeFolder, new Caching.FolderListing(stats.Modified, entries, [.. found.OrderBy(p => p.Path, StringComparer.Ordinal)]), listedNow: true);
        }
        return listed;
    }

    // A cached listing with each page's current size and time; null when a page is gone or is no
    // longer a file (a changed folder time should have said so): the folder is then listed again.
    private static List<Listed>? Restat(FolderStats stats, string relativeFolder, Caching.FolderListing known)
    {
        var listed = new List<Listed>(known.Entries.Length);
        foreach (var (name, kind) in known.Entries)
        {
            var relative = relativeFolder.Length == 0 ? name : relativeFolder + "/" + name;
            if (kind != Caching.FolderEntryKind.Text)
            {
                listed.Add(new Listed(relative, kind == Caching.FolderEntryKind.Folder, 0, 0));
                continue;
            }
            if (!stats.TryStatFile(name, out var length, out var modified)) return null;
            listed.Add(new Listed(relative, false, length, modified));
        }
        return listed;
    }

    // Lists one folder: its files and the subfolders to walk into, in path order. Not complete when
    // the folder or one of its entries could not be read (such a listing is never cached).
    private static List<Listed> List(string root, string relativeFolder, ConcurrentBag<LoadProblem> skipped, ExcludeFilter excluded, out bool complete)
    {
        complete = false;
        var listed = new List<Listed>();
        List<Entry> entries;
        var fullFolder = relativeFolder.Length == 0 ? root : Path.Combine(root, relativeFolder);
        try
        {
            // A folder's listing says what each entry is (readdir's d_type); only files whose text is
            // read are stat'ed, for their size and time. Assets (most of a site's files) never are.
            entries = new FileSystemEnumerable<Entry>(fullFolder, (ref FileSystemEntry e) =>
            {
                var name = e.FileName.ToString();
                if (e.IsDirectory || !IsTextCandidate(name)) return new Entry(name, e.IsDirectory, IsLink: false, 0, 0);
                return new Entry(name, false, e.Attributes.HasFlag(FileAttributes.ReparsePoint), e.Length, e.LastWriteTimeUtc.UtcTicks);
            }, ListEverything).ToList();
            MarkLinks(fullFolder, entries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            skipped.Add(new LoadProblem(relativeFolder.Length == 0 ? "." : relativeFolder, SourceSpan.FileStart, $"folder cannot be read ({e.Message}); its files were not checked"));
            return listed;
        }
        entries.Sort(ComparePathOrder);
        var unreadable = false;
        foreach (var entry in entries)
        {
            var relative = relativeFolder.Length == 0 ? entry.Name : relativeFolder + "/" + entry.Name;
            try
            {
                if (entry.IsDirectory ? SkippedFolders.Contains(entry.Name) || excluded.IsHiddenFromJekyll(entry.Name, relativeFolder) : excluded.IsHiddenFromJekyll(entry.Name, relativeFolder)) continue;
                if (excluded.IsExcluded(relative, entry.IsDirectory)) continue;
                // The listing already knows a symbolic link (lstat); reading its target costs a call, so only then.
                if (entry.IsLink && new FileInfo(Path.Combine(fullFolder, entry.Name)).LinkTarget is { } target)
                {
                    skipped.Add(new LoadProblem(relative, SourceSpan.FileStart, $"symbolic link to '{target}' not followed (links could lead outside the site or round a loop)"));
                    continue;
                }
                listed.Add(new Listed(relative, entry.IsDirectory, entry.Length, entry.Modified));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                skipped.Add(new LoadProblem(relative, SourceSpan.FileStart, $"cannot be read ({e.Message}); not checked"));
                unreadable = true;
            }
        }
        complete = !unreadable;
        return listed;
    }

    private static readonly EnumerationOptions ListEverything = new() { IgnoreInaccessible = false, AttributesToSkip = 0, RecurseSubdirectories = false };
    private static readonly EnumerationOptions ListAllButLinks = new() { IgnoreInaccessible = false, AttributesToSkip = FileAttributes.ReparsePoint, RecurseSubdirectories = false };

    // Symbolic links among the entries not stat'ed: the listing leaves links out when asked to
    // (from d_type, without a stat), so a folder listed as long both ways has none (the usual case);
    // otherwise the entries missing from the second listing are the links.
    private static void MarkLinks(string fullFolder, List<Entry> entries)
    {
        // Text files were stat'ed (their links are known): a folder of nothing else needs no second look.
        if (entries.TrueForAll(e => !e.IsDirectory && IsTextCandidate(e.Name))) return;
        var withoutLinks = new FileSystemEnumerable<bool>(fullFolder, (ref FileSystemEntry _) => true, ListAllButLinks).Count();
        if (withoutLinks == entries.Count) return;
        var notLinks = new HashSet<string>(new FileSystemEnumerable<string>(fullFolder, (ref FileSystemEntry e) => e.FileName.ToString(), ListAllButLinks), StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            if (!notLinks.Contains(entries[i].Name)) entries[i] = entries[i] with { IsLink = true };
        }
    }

    private static string? ReadText(string fullPath, string relative, Limits limits, ConcurrentBag<LoadProblem> problems)
    {
        ReadOnlySpan<byte> bytes;
        try
        {
            bytes = ReadAtMost(fullPath, limits.MaxPageBytes, out var length);
            if (length > limits.MaxPageBytes)
            {
                problems.Add(new LoadProblem(relative, SourceSpan.FileStart, $"file is {length / 1024} KB, over the {limits.MaxPageBytes / 1024} KB limit for a page (limits.max-page-bytes); it was not checked"));
                return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new LoadProblem(relative, SourceSpan.FileStart, $"cannot read file: {e.Message}"));
            return null;
        }
        if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            problems.Add(new LoadProblem(relative, SourceSpan.FileStart, "file is UTF-16 (it starts with a UTF-16 byte order mark); Jekyll expects UTF-8: save it as UTF-8"));
            return null;
        }
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0 && LooksLikeUtf16(bytes))
        {
            problems.Add(new LoadProblem(relative, SourceSpan.FileStart, "file looks like UTF-16 (every other byte is zero); Jekyll expects UTF-8: save it as UTF-8"));
            return null;
        }
        if (nul >= 0)
        {
            var (line, column) = LineOfByte(bytes, nul);
            problems.Add(new LoadProblem(relative, new SourceSpan(line, column, line, column + 1), "file contains a NUL byte: it is binary or corrupt, not a text page"));
            return null;
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var (line, column) = LineOfByte(bytes, e.Index);
            problems.Add(new LoadProblem(relative, new SourceSpan(line, column, line, column + 1), $"file is not valid UTF-8 (byte 0x{bytes[Math.Clamp(e.Index, 0, bytes.Length - 1)]:X2}); save it as UTF-8"));
            return null;
        }
    }

    /// <summary>Reads a page again (for a fix or a code frame); throws if it is no longer UTF-8 text.</summary>
    internal static string ReadAgain(string fullPath) => StrictUtf8.GetString(File.ReadAllBytes(fullPath));

    // Mostly-ASCII text in UTF-16 has a zero in every other byte.
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes)
    {
        var sample = Math.Min(bytes.Length, 4096) & ~1;
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample; i += 2)
        {
            if (bytes[i] == 0) evenZeros++;
            if (bytes[i + 1] == 0) oddZeros++;
        }
        return sample > 0 && Math.Max(evenZeros, oddZeros) > sample / 2 * 0.4;
    }

    // One open, one fstat, one read into the thread's buffer (reused from file to file: the bytes
    // only live until they are decoded). Reading stops at the length the file had when opened, or
    // at its end if it is shorter (or has grown by then); never past the limit.
    internal static ReadOnlySpan<byte> ReadAtMost(string fullPath, long limit, out long lengthOnDisk)
    {
        // No read-ahead hint: a page is read whole in one call, and the hint is a system call of its own.
        using var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        lengthOnDisk = RandomAccess.GetLength(handle);
        if (lengthOnDisk > limit) return [];
        var buffer = readBuffer is { } reusable && reusable.Length > lengthOnDisk ? reusable : new byte[Math.Max(lengthOnDisk + 1, 64 * 1024)];
        if (buffer.Length <= MaxReusedBufferBytes) readBuffer = buffer;
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, limit + 1));
            var read = RandomAccess.Read(handle, buffer.AsSpan(filled), filled);
            if (read == 0) break;
            filled += read;
            if (filled > limit) throw new IOException($"file grew past the {limit / 1024} KB limit while being read");
            // As long as the length said: the whole file (one read, not a second one to see the end).
            if (filled == lengthOnDisk) break;
        }
        return buffer.AsSpan(0, filled);
    }

    private const int MaxReusedBufferBytes = 4 * 1024 * 1024;

    [ThreadStatic]
    private static byte[]? readBuffer;

    private static (int Line, int Column) LineOfByte(ReadOnlySpan<byte> bytes, int index)
    {
        index = Math.Clamp(index, 0, bytes.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (bytes[i] == '\n') { line++; lineStart = i + 1; }
        }
        return (line, index - lineStart + 1);
    }
}
