using System.Collections.Concurrent;

namespace ServiceManual.Lint.Sites;

/// <summary>A file or folder to walk into, by its path from the root; a page's or template's size and time (0 for others).</summary>
internal readonly record struct ListedEntry(string Path, bool IsFolder, long Length, long Modified);

/// <summary>A text file the loader looked at (a page or template candidate, not empty): its size and modification time.</summary>
internal readonly record struct FileStamp(string Path, long Length, long Modified);

/// <summary>
/// Lists one folder of the site for the walk: its files and the subfolders to walk into, in path
/// order, after Jekyll's and the configuration's exclusions, symbolic links not followed. The file
/// system does it (<see cref="FileSystemFolderLister"/>); an incremental run's lister reuses
/// listings from its cache. Called from several threads at once.
/// </summary>
internal interface IFolderLister
{
    /// <summary>How many folders the walk is likely to meet (0 when not known), to size its tables.</summary>
    int ExpectedFolders { get; }

    /// <summary>The entries of <paramref name="relativeFolder"/> ("" for the root); what could not be read goes to <paramref name="problems"/>.</summary>
    List<ListedEntry> List(string relativeFolder, ConcurrentBag<LoadProblem> problems);
}
