using System.Collections.Concurrent;
using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Sites;

/// <summary>
/// Walks the site's folders on every core through an <see cref="IFolderLister"/> and returns every
/// file in path order. Each page found can be handed on at once, so parsing starts with the walk.
/// </summary>
internal static class SiteWalker
{
    /// <summary>
    /// Every file under the root (with a page's or template's size and time) in path order; folders
    /// and entries that could not be read go to <paramref name="skipped"/>. <paramref name="onPageFound"/>
    /// is called, from any thread, for each page or template that is not empty.
    /// </summary>
    public static List<ListedEntry> Walk(IFolderLister lister, List<LoadProblem> skipped, Action<string>? onPageFound)
    {
        // Sized for the folders expected, if known: growing the table is a good part of a re-run's walk.
        var listings = new ConcurrentDictionary<string, List<ListedEntry>>(Environment.ProcessorCount, Math.Max(lister.ExpectedFolders, 31), StringComparer.Ordinal);
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
                    var listed = lister.List(folder, problems);
                    listings[folder] = listed;
                    foreach (var entry in listed)
                    {
                        // What the loader would parse: a page or template that is not empty (see SiteLoader).
                        if (!entry.IsFolder && entry.Length != 0 && FileClassifier.IsTextCandidate(entry.Path)) onPageFound?.Invoke(entry.Path);
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
        var files = new List<ListedEntry>(listings.Values.Sum(listed => listed.Count));
        // Each listing is sorted so that walking the tree depth first yields the files in path order:
        // cheaper than sorting every path of the site at the end.
        var stack = new Stack<(List<ListedEntry> Entries, int Next)>();
        if (listings.TryGetValue(string.Empty, out var top)) stack.Push((top, 0));
        while (stack.TryPop(out var frame))
        {
            for (var i = frame.Next; i < frame.Entries.Count; i++)
            {
                var entry = frame.Entries[i];
                if (!entry.IsFolder)
                {
                    files.Add(entry);
                    continue;
                }
                if (!listings.TryGetValue(entry.Path, out var inner)) continue;
                stack.Push((frame.Entries, i + 1));
                stack.Push((inner, 0));
                break;
            }
        }
        skipped.AddRange(problems);
        return files;
    }
}
