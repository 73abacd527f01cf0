using System.Collections.Concurrent;
using System.Text;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Rules;
using ServiceManual.Lint.Sites;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Workspaces;

/// <summary>
/// A site loaded once and kept in memory, with editor texts laid over the files on disk: what a
/// language server or an editor plugin lints against. Each change makes a new immutable
/// <see cref="Site"/> snapshot from the parts of the last one with one file swapped, so only the
/// changed file is parsed again; <see cref="Lint"/> checks only the files asked for, against the
/// whole snapshot, and gives what <c>smlint</c> would report for them if the editor's texts were saved.
/// </summary>
/// <remarks>
/// Not thread-safe: the host calls it from one thread at a time (the language server serialises its
/// calls). A snapshot handed out by <see cref="Site"/> stays valid and unchanged after later calls.
/// Configuration files (<c>_config.yml</c>, <c>smlint.yml</c>, the Gemfiles) are read from disk: an
/// unsaved edit of one of them takes effect when it is saved and <see cref="FilesChanged"/> is told.
/// External links are not checked here (no network from an editor's keystrokes).
/// </remarks>
internal sealed class SiteWorkspace
{
    private readonly string? configPath;
    private readonly IReadOnlyList<IRule> additionalRules;
    private readonly IReadOnlyDictionary<string, Severity> ruleSeverities;
    private readonly Dictionary<string, Overlay> overlays = new(StringComparer.Ordinal);
    private LintConfiguration configuration = null!;
    private ExcludeFilter exclude = null!;
    // Owned by the workspace (not by one snapshot): pages kept from snapshot to snapshot share its strings.
    private StringPool strings = null!;
    private ReleasedTexts released = null!;
    private SiteFiles files = null!;
    // What the last walk took in of each text file on disk, by its size and time, for the next walk to reuse.
    private Dictionary<string, (long Length, long Modified, KnownFile File)> onDisk = null!;

    private sealed record Overlay(string Text, FileEntry Entry);

    private SiteWorkspace(string root, string? configPath, IReadOnlyList<IRule> additionalRules, IReadOnlyDictionary<string, Severity> ruleSeverities)
    {
        Root = root;
        this.configPath = configPath;
        this.additionalRules = additionalRules;
        this.ruleSeverities = ruleSeverities;
    }

    /// <summary>
    /// Loads the site at <paramref name="root"/> with its configuration (as <see cref="Linter.Lint(LintOptions)"/>
    /// reads it) and the built-in rules plus <paramref name="additionalRules"/>.
    /// </summary>
    /// <exception cref="ConfigurationException">The root does not exist or the configuration is invalid.</exception>
    public static SiteWorkspace Open(string root, string? configPath = null, IReadOnlyList<IRule>? additionalRules = null) =>
        Open(root, configPath, additionalRules, new Dictionary<string, Severity>());

    /// <summary>As <see cref="Open(string, string?, IReadOnlyList{IRule}?)"/>, with rules' severities set over the configuration's (as <c>--rule</c> sets them).</summary>
    /// <exception cref="ConfigurationException">The root does not exist, the configuration is invalid, or a rule is unknown.</exception>
    public static SiteWorkspace Open(string root, string? configPath, IReadOnlyList<IRule>? additionalRules, IReadOnlyDictionary<string, Severity> ruleSeverities)
    {
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full)) throw new ConfigurationException($"{full}: site root does not exist");
        var workspace = new SiteWorkspace(full, configPath, additionalRules ?? [], ruleSeverities);
        workspace.LoadAll();
        return workspace;
    }

    /// <summary>The absolute path of the site root.</summary>
    public string Root { get; }

    /// <summary>The current snapshot (immutable; replaced on every change).</summary>
    public JekyllSite Site { get; private set; } = null!;

    /// <summary>Bumps on every change of <see cref="Site"/>.</summary>
    public int Version { get; private set; }

    /// <summary>
    /// The text of the site-relative path <paramref name="path"/> ('/'-separated) is <paramref name="text"/>
    /// until <see cref="ClearText"/>: that file alone is parsed again. A path not yet in the site (a
    /// new, unsaved file) becomes part of it as Jekyll would see it if it were saved.
    /// </summary>
    /// <exception cref="ArgumentException">The path is not a plain path inside the root.</exception>
    public void SetText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        path = CheckedPath(path);
        // Editors send the whole text on open and save too: the same text is no change.
        if (overlays.TryGetValue(path, out var same) && same.Text == text) return;
        var entry = FileClassifier.IsTextCandidate(path) ? TakeIn(path, text) : null;
        overlays[path] = new Overlay(text, entry ?? FileEntry.Absent);
        // Other files (configuration, Sass, images) are read from disk: their overlay is only their text.
        if (entry is null) return;
        Swap(path, entry);
    }

    /// <summary>Drops the overlay of <paramref name="path"/>: the file is what is on disk again (read again now).</summary>
    /// <exception cref="ArgumentException">The path is not a plain path inside the root.</exception>
    public void ClearText(string path)
    {
        path = CheckedPath(path);
        if (!overlays.Remove(path) || !FileClassifier.IsTextCandidate(path)) return;
        // The editor may have saved it meanwhile: what the last walk read is not trusted.
        onDisk.Remove(path);
        Swap(path, ReadFromDisk(path));
    }

    /// <summary>The overlay text of <paramref name="path"/>, else the file's text on disk (read within the page size limit), else null.</summary>
    /// <exception cref="ArgumentException">The path is not a plain path inside the root.</exception>
    public string? TextOf(string path)
    {
        path = CheckedPath(path);
        if (overlays.TryGetValue(path, out var overlay)) return overlay.Text;
        var full = Path.Combine(Root, path);
        try
        {
            // Never through a symbolic link (it may lead out of the root), never a FIFO or device (they report no length).
            if (HasLinkOnTheWay(path) || !File.Exists(full)) return null;
            return new FileInfo(full).Length == 0 ? string.Empty : PageReader.ReadAgain(full, configuration.Limits.MaxPageBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// Files created, changed or deleted on disk (paths relative to the root; a folder stands for
    /// everything in it): they are read again, unless an overlay covers them. A change of the
    /// configuration (<c>_config.yml</c>, <c>smlint.yml</c> and what it extends, the Gemfiles) loads everything again.
    /// </summary>
    /// <exception cref="ConfigurationException">The configuration as changed is invalid (the workspace keeps the previous site).</exception>
    public void FilesChanged(IReadOnlyCollection<string> paths)
    {
        var changed = new List<string>();
        foreach (var path in paths)
        {
            var relative = Relative(path);
            if (relative is not null) changed.Add(relative);
        }
        if (changed.Count == 0) return;
        if (changed.Exists(IsConfigurationFile))
        {
            LoadAll();
            return;
        }
        _ = Walk(changed);
        NewSnapshot();
    }

    /// <summary>
    /// Lints <paramref name="paths"/> (site-relative) against the current snapshot: every path given
    /// has an entry (an empty list when it is clean). The findings are exactly what <c>smlint</c> would
    /// report for those files if the overlays were saved; fixes are offsets into the overlay's text where there is one.
    /// </summary>
    /// <exception cref="ArgumentException">A path is not a plain path inside the root.</exception>
    public IReadOnlyDictionary<string, IReadOnlyList<Diagnostic>> Lint(IReadOnlyCollection<string> paths)
    {
        var asked = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths) asked[path] = CheckedPath(path);
        var found = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
        var wanted = asked.Values.ToHashSet(StringComparer.Ordinal);
        List<Diagnostic> diagnostics;
        try
        {
            diagnostics = Linter.LintFiles(Site, wanted, additionalRules);
        }
        catch (IOException)
        {
            // A page's text let go after parsing was read back (for a fix) and the file had changed
            // since, before the host said so: the files asked are read again, with any other whose
            // size or time changed, and checked once more.
            FilesChanged(wanted);
            diagnostics = Linter.LintFiles(Site, wanted, additionalRules);
        }
        foreach (var diagnostic in diagnostics)
        {
            if (!found.TryGetValue(diagnostic.Path, out var list)) found[diagnostic.Path] = list = [];
            list.Add(diagnostic);
        }
        var result = new Dictionary<string, IReadOnlyList<Diagnostic>>(StringComparer.Ordinal);
        foreach (var (given, path) in asked) result[given] = found.TryGetValue(path, out var list) ? list : [];
        return result;
    }

    // Reads the configuration and walks and parses the whole site; overlays are taken in again under the new configuration.
    private void LoadAll()
    {
        var loaded = Linter.WithOverrides(ConfigurationLoader.Load(Root, configPath), ruleSeverities);
        configuration = loaded;
        exclude = new ExcludeFilter(configuration.Exclude, configuration.Jekyll, configuration.JekyllExclude);
        strings = new StringPool();
        released = new ReleasedTexts(Root);
        onDisk = new(StringComparer.Ordinal);
        var walked = Walk([]);
        var laid = false;
        foreach (var (path, overlay) in overlays.ToArray())
        {
            if (!FileClassifier.IsTextCandidate(path)) continue;
            var entry = TakeIn(path, overlay.Text);
            overlays[path] = overlay with { Entry = entry };
            files.Replace(path, entry);
            laid = true;
        }
        if (laid) NewSnapshot();
        else
        {
            // Nothing laid over the walk: its site is the snapshot (making it again from the same
            // parts would build the output and server over every page a second time).
            Site = walked;
            Version++;
        }
    }

    // Walks the site again, reusing the parse of every text file whose size and time are those the
    // last walk saw, except the changed paths and what is under them; then lays the overlays over it.
    private JekyllSite Walk(IReadOnlyList<string> changed)
    {
        var forced = changed.Select(p => p.TrimEnd('/')).ToArray();
        var source = new KnownFiles(onDisk, path => forced.Any(f => f.Length == 0 || path == f || path.StartsWith(f + "/", StringComparison.Ordinal)));
        var loaded = SiteLoader.Load(Root, configuration, null, new TimingRecorder(), strings, released, null, () => source);
        var site = loaded.Site;
        var staticReasons = site.StaticMarkdown.ToDictionary(s => s.Path, s => s.Reason, StringComparer.Ordinal);
        var known = new Dictionary<string, (long, long, KnownFile)>(loaded.TextFiles.Count, StringComparer.Ordinal);
        foreach (var (path, length, modified) in loaded.TextFiles)
        {
            if (site.FindFile(path) is { } page) known[path] = (length, modified, new KnownFile(page, null));
            else if (site.HasAsset(path)) known[path] = (length, modified, new KnownFile(null, staticReasons.GetValueOrDefault(path)));
            // A file that could not be taken in is read again next time.
        }
        onDisk = known;
        files = SiteFiles.Of(site);
        foreach (var (path, overlay) in overlays)
        {
            if (FileClassifier.IsTextCandidate(path)) files.Replace(path, overlay.Entry);
        }
        return site;
    }

    private sealed class KnownFiles(Dictionary<string, (long Length, long Modified, KnownFile File)> known, Func<string, bool> isChanged) : IPageSource
    {
        public KnownFile? Find(string path, long length, long modified) =>
            !isChanged(path) && known.TryGetValue(path, out var file) && file.Length == length && file.Modified == modified ? file.File : null;
    }

    // One file's part in the site replaced: a page's parse for another's is a swap in the snapshot
    // (the usual keystroke); anything else (a page appears or goes, its URL changes) makes the site
    // again from its parts.
    private void Swap(string path, FileEntry entry)
    {
        var previous = Site.FindFile(path);
        files.Replace(path, entry);
        if (previous is not null && entry is { Page: { } page, IsAsset: false, StaticMarkdown: null, Problem: null, Skipped: null } && Site.With(previous, page) is { } next)
        {
            Site = next;
            Version++;
            return;
        }
        NewSnapshot();
    }

    private void NewSnapshot()
    {
        Site = files.ToSite(Root, configuration);
        Version++;
    }

    // An editor's text of a page, taken in as the loader takes a file's bytes: the same refusals
    // (size, NUL bytes), the same classification, the same parse under the same time budget. The
    // page keeps its text: fixes and code frames are offsets into it, not into the file on disk.
    private FileEntry TakeIn(string path, string text)
    {
        if (!IsWalked(path)) return FileEntry.Absent;
        if (text.Length == 0) return Empty(path);
        byte[] bytes;
        try
        {
            bytes = PageReader.StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            return new FileEntry(null, false, null, new LoadProblem(path, SourceSpan.FileStart, "text is not valid Unicode (it has a lone surrogate), so it cannot be saved as UTF-8"), null);
        }
        var limit = configuration.Limits.MaxPageBytes;
        if (bytes.Length > limit) return new FileEntry(null, false, null, PageReader.TooLarge(path, bytes.Length, limit), null);
        var problems = new ConcurrentBag<LoadProblem>();
        var decoded = PageReader.Decode(bytes, path, problems);
        return decoded is null ? new FileEntry(null, false, null, problems.First(), null) : Parse(path, decoded, problems, release: false);
    }

    // The file on disk now, as the walk would take it in.
    private FileEntry ReadFromDisk(string path)
    {
        var full = Path.Combine(Root, path);
        if (!IsWalked(path) || !File.Exists(full)) return FileEntry.Absent;
        var problems = new ConcurrentBag<LoadProblem>();
        try
        {
            if (new FileInfo(full).Length == 0) return Empty(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FileEntry.Absent;
        }
        var text = PageReader.Read(full, path, configuration.Limits.MaxPageBytes, problems);
        return text is null ? new FileEntry(null, false, null, problems.First(), null) : Parse(path, text, problems, release: true);
    }

    private static FileEntry Empty(string path) =>
        FileClassifier.IsTemplate(path) ? FileEntry.Absent : new FileEntry(null, true, null, null, SiteLoader.EmptyFile(path));

    private FileEntry Parse(string path, string text, ConcurrentBag<LoadProblem> problems, bool release)
    {
        var isAsset = false;
        StaticMarkdown? note = null;
        Page[] parsed;
        // On a parser thread of its own, with its large stack and the loader's time budget: a
        // pathological text typed into an editor is a finding, not a stuck or crashed server.
        using (var parser = new BudgetedParser(configuration, problems, null, strings, relative =>
        {
            var page = SiteLoader.ClassifyAndParse(relative, text, configuration, _ => isAsset = true, reason => note = reason);
            if (release) page?.Source.Release(released, relative);
            return page;
        }))
        {
            parser.Add(path);
            parsed = parser.Finish();
        }
        if (!problems.IsEmpty) return new FileEntry(null, false, null, problems.First(), null);
        return new FileEntry(parsed.FirstOrDefault(), isAsset, note, null, null);
    }

    // Whether the walk would reach the file: no folder on the way, nor the file, left out by Jekyll
    // or the configuration, reported as not followed (a symbolic link) or unreadable.
    private bool IsWalked(string path)
    {
        if (files is not null && files.IsUnderSkipped(path)) return false;
        var folder = string.Empty;
        var start = 0;
        while (true)
        {
            var slash = path.IndexOf('/', start);
            var isFolder = slash >= 0;
            var relative = isFolder ? path[..slash] : path;
            if (!FileSystemFolderLister.IsWalked(exclude, relative[start..], folder, relative, isFolder)) return false;
            if (!isFolder) break;
            folder = relative;
            start = slash + 1;
        }
        return !HasLinkOnTheWay(path);
    }

    // A symbolic link among the path's folders or the file itself: the walk never follows one.
    private bool HasLinkOnTheWay(string path)
    {
        for (var end = path.Length; end > 0; end = path.LastIndexOf('/', end - 1))
        {
            var info = new FileInfo(Path.Combine(Root, path[..end]));
            if (info.Exists || Directory.Exists(info.FullName))
            {
                if (info.LinkTarget is not null) return true;
            }
        }
        return false;
    }

    private bool IsConfigurationFile(string path) =>
        path is "_config.yml" or "smlint.yml" or "Gemfile" or "Gemfile.lock"
        || configuration.ConfigurationFiles.Contains(Path.GetFullPath(Path.Combine(Root, path)), StringComparer.Ordinal);

    // A changed path as a site-relative path, or null for one outside the root (nothing of the site).
    private string? Relative(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0')) return null;
        var full = Path.GetFullPath(path.Replace('\\', '/'), Root);
        var relative = Path.GetRelativePath(Root, full).Replace('\\', '/');
        if (relative == ".") return string.Empty;
        return relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? null : relative;
    }

    // A site-relative, '/'-separated path to a file: no '.' or '..' segment, not rooted, nothing empty.
    private static string CheckedPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.Contains('\0') || path.StartsWith('/') || Path.IsPathRooted(path))
        {
            throw new ArgumentException($"'{path}' is not a path relative to the site root", nameof(path));
        }
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or "." or "..") throw new ArgumentException($"'{path}' is not a plain path inside the site root ('/'-separated, no '.' or '..')", nameof(path));
        }
        return path;
    }
}
