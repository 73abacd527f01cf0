using System.Collections.Concurrent;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Caching;

/// <summary>
/// Lists folders as the file system does, reusing a folder's saved listing while its time is
/// unchanged: its pages are then stat'ed for their size and time instead of the folder being
/// listed. A page gone after all (its folder's time should have said so) means listing it.
/// </summary>
internal sealed class CachedFolderLister(FileSystemFolderLister fileSystem, FolderCache folders) : IFolderLister
{
    /// <inheritdoc/>
    public int ExpectedFolders => folders.Count;

    /// <inheritdoc/>
    public List<ListedEntry> List(string relativeFolder, ConcurrentBag<LoadProblem> problems)
    {
        var fullFolder = relativeFolder.Length == 0 ? fileSystem.Root : Path.Combine(fileSystem.Root, relativeFolder);
        // Its time before its listing: a change made meanwhile leaves a newer time, so it is listed next run.
        using var stats = FolderStats.Of(fullFolder, holdOpen: folders.TextFilesIn(relativeFolder) >= 2);
        if (folders.Find(relativeFolder, stats.Modified) is { } known && Restat(stats, relativeFolder, known) is { } reused)
        {
            foreach (var problem in known.Problems) problems.Add(problem);
            folders.Remember(relativeFolder, known, listedNow: false);
            return reused;
        }
        var found = new ConcurrentBag<LoadProblem>();
        var listed = fileSystem.List(relativeFolder, found, out var complete);
        foreach (var problem in found) problems.Add(problem);
        if (complete)
        {
            var entries = listed.Select(e => new FolderEntry(e.Path[(e.Path.LastIndexOf('/') + 1)..],
                e.IsFolder ? FolderEntryKind.Folder : FileClassifier.IsTextCandidate(e.Path) ? FolderEntryKind.Text : FolderEntryKind.Asset)).ToArray();
            folders.Remember(relativeFolder, new FolderListing(stats.Modified, entries, [.. found.OrderBy(p => p.Path, StringComparer.Ordinal)]), listedNow: true);
        }
        return listed;
    }

    // A saved listing with each page's current size and time; null when a page is gone or is no
    // longer a file (a changed folder time should have said so): the folder is then listed again.
    private static List<ListedEntry>? Restat(FolderStats stats, string relativeFolder, FolderListing known)
    {
        var listed = new List<ListedEntry>(known.Entries.Length);
        foreach (var (name, kind) in known.Entries)
        {
            var relative = relativeFolder.Length == 0 ? name : relativeFolder + "/" + name;
            if (kind != FolderEntryKind.Text)
            {
                listed.Add(new ListedEntry(relative, kind == FolderEntryKind.Folder, 0, 0));
                continue;
            }
            if (!stats.TryStatFile(name, out var length, out var modified)) return null;
            listed.Add(new ListedEntry(relative, false, length, modified));
        }
        return listed;
    }
}
