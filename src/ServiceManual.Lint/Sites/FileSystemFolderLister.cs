using System.Collections.Concurrent;
using System.IO.Enumeration;
using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Sites;

/// <summary>
/// Lists folders from the file system: never follows a symbolic link (out of the root or round a
/// loop), and an unreadable folder or an over-long path is a finding rather than the end of the
/// walk. Each entry's type, size and time come from the listing itself.
/// </summary>
internal sealed class FileSystemFolderLister(string root, ExcludeFilter excluded) : IFolderLister
{
    // Folders no site serves and no linter should walk into.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git", "_site", "node_modules", ".smlint-cache", ".jekyll-cache", ".sass-cache" };

    /// <summary>The site root.</summary>
    public string Root => root;

    /// <inheritdoc/>
    public int ExpectedFolders => 0;

    /// <inheritdoc/>
    public List<ListedEntry> List(string relativeFolder, ConcurrentBag<LoadProblem> problems) => List(relativeFolder, problems, out _);

    private readonly record struct Entry(string Name, bool IsDirectory, bool IsLink, long Length, long Modified);

    // Orders a folder's entries as their paths sort: a folder's own path continues with '/', so
    // "a.md" < "a/x.md" < "a0.md" (a folder compares as its name followed by '/').
    private static int ComparePathOrder(Entry left, Entry right)
    {
        var common = Math.Min(left.Name.Length, right.Name.Length);
        var order = left.Name.AsSpan(0, common).SequenceCompareTo(right.Name.AsSpan(0, common));
        return order != 0 ? order : CharAfter(left, common).CompareTo(CharAfter(right, common));

        static int CharAfter(Entry entry, int at) => at < entry.Name.Length ? entry.Name[at] : entry.IsDirectory ? '/' : -1;
    }

    /// <summary>
    /// Lists one folder: its files and the subfolders to walk into, in path order. Not
    /// <paramref name="complete"/> when the folder or one of its entries could not be read (such a
    /// listing must not be reused).
    /// </summary>
    public List<ListedEntry> List(string relativeFolder, ConcurrentBag<LoadProblem> skipped, out bool complete)
    {
        complete = false;
        var listed = new List<ListedEntry>();
        List<Entry> entries;
        var fullFolder = relativeFolder.Length == 0 ? root : Path.Combine(root, relativeFolder);
        try
        {
            // A folder's listing says what each entry is (readdir's d_type); only files whose text is
            // read are stat'ed, for their size and time. Assets (most of a site's files) never are.
            entries = new FileSystemEnumerable<Entry>(fullFolder, (ref FileSystemEntry e) =>
            {
                var name = e.FileName.ToString();
                if (e.IsDirectory || !FileClassifier.IsTextCandidate(name)) return new Entry(name, e.IsDirectory, IsLink: false, 0, 0);
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
                if (!IsWalked(excluded, entry.Name, relativeFolder, relative, entry.IsDirectory)) continue;
                // The listing already knows a symbolic link (lstat); reading its target costs a call, so only then.
                if (entry.IsLink && new FileInfo(Path.Combine(fullFolder, entry.Name)).LinkTarget is { } target)
                {
                    skipped.Add(new LoadProblem(relative, SourceSpan.FileStart, $"symbolic link to '{target}' not followed (links could lead outside the site or round a loop)"));
                    continue;
                }
                listed.Add(new ListedEntry(relative, entry.IsDirectory, entry.Length, entry.Modified));
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

    /// <summary>Whether the walk takes an entry named <paramref name="name"/> in <paramref name="folder"/> (at <paramref name="relative"/>): not a folder no site serves, not hidden from Jekyll, not excluded.</summary>
    internal static bool IsWalked(ExcludeFilter excluded, string name, string folder, string relative, bool isFolder) =>
        !(isFolder && SkippedFolders.Contains(name)) && !excluded.IsHiddenFromJekyll(name, folder) && !excluded.IsExcluded(relative, isFolder);

    private static readonly EnumerationOptions ListEverything = new() { IgnoreInaccessible = false, AttributesToSkip = 0, RecurseSubdirectories = false };
    private static readonly EnumerationOptions ListAllButLinks = new() { IgnoreInaccessible = false, AttributesToSkip = FileAttributes.ReparsePoint, RecurseSubdirectories = false };

    // Symbolic links among the entries not stat'ed: the listing leaves links out when asked to
    // (from d_type, without a stat), so a folder listed as long both ways has none (the usual case);
    // otherwise the entries missing from the second listing are the links.
    private static void MarkLinks(string fullFolder, List<Entry> entries)
    {
        // Text files were stat'ed (their links are known): a folder of nothing else needs no second look.
        if (entries.TrueForAll(e => !e.IsDirectory && FileClassifier.IsTextCandidate(e.Name))) return;
        var withoutLinks = new FileSystemEnumerable<bool>(fullFolder, (ref FileSystemEntry _) => true, ListAllButLinks).Count();
        if (withoutLinks == entries.Count) return;
        var notLinks = new HashSet<string>(new FileSystemEnumerable<string>(fullFolder, (ref FileSystemEntry e) => e.FileName.ToString(), ListAllButLinks), StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            if (!notLinks.Contains(entries[i].Name)) entries[i] = entries[i] with { IsLink = true };
        }
    }
}
