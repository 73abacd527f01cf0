using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Workspaces;

/// <summary>
/// What one text file adds to a site, as the loader takes it in: a page or template, or a file Jekyll
/// copies as it is (with why a Markdown file is not a page), or a file that could not be taken in
/// (<see cref="Problem"/>) or is only noted (<see cref="Skipped"/>: an empty page); nothing for a file
/// that is not part of the site.
/// </summary>
internal sealed record FileEntry(Page? Page, bool IsAsset, StaticMarkdown? StaticMarkdown, LoadProblem? Problem, LoadProblem? Skipped)
{
    /// <summary>A file that is not part of the site (deleted, excluded, or an empty template).</summary>
    public static readonly FileEntry Absent = new(null, false, null, null, null);
}

/// <summary>
/// The parts a <see cref="JekyllSite"/> is made of, kept in the loader's order (pages, templates,
/// problems and notes by path) so that one file can be swapped for another and a new site made
/// from them that is the one the loader would have made.
/// </summary>
internal sealed class SiteFiles
{
    private readonly List<Page> pages;
    private readonly List<Page> templates;
    private readonly HashSet<string> assets;
    private readonly List<LoadProblem> problems;
    private readonly List<StaticMarkdown> staticMarkdown;
    private readonly List<LoadProblem> skipped;

    private SiteFiles(List<Page> pages, List<Page> templates, HashSet<string> assets, List<LoadProblem> problems, List<StaticMarkdown> staticMarkdown, List<LoadProblem> skipped)
    {
        this.pages = pages;
        this.templates = templates;
        this.assets = assets;
        this.problems = problems;
        this.staticMarkdown = staticMarkdown;
        this.skipped = skipped;
    }

    /// <summary>The parts of a loaded site.</summary>
    public static SiteFiles Of(JekyllSite site) => new([.. site.Pages], [.. site.Templates], new HashSet<string>(site.Assets, StringComparer.Ordinal),
        [.. site.Problems], [.. site.StaticMarkdown], [.. site.Skipped]);

    /// <summary>Whether the site has anything of the file at <paramref name="path"/> (a page, template, served file, problem or note).</summary>
    public bool Knows(string path) =>
        IndexOf(pages, path) >= 0 || IndexOf(templates, path) >= 0 || assets.Contains(path)
        || problems.Exists(p => p.Path == path) || skipped.Exists(p => p.Path == path);

    /// <summary>Whether the walk reported <paramref name="path"/>, or a folder it is in, as not followed or unreadable.</summary>
    public bool IsUnderSkipped(string path) =>
        skipped.Exists(p => p.Path == path || path.StartsWith(p.Path + "/", StringComparison.Ordinal) || p.Path == ".");

    /// <summary>Whatever the site had of the text file at <paramref name="path"/> is replaced by <paramref name="entry"/>.</summary>
    public void Replace(string path, FileEntry entry)
    {
        Remove(pages, path);
        Remove(templates, path);
        assets.Remove(path);
        problems.RemoveAll(p => p.Path == path);
        staticMarkdown.RemoveAll(p => p.Path == path);
        // Only a file's own notes: a folder's (an unreadable folder) stays.
        skipped.RemoveAll(p => p.Path == path);
        if (entry.Page is { } page) Insert(page.Kind == FileKind.Template ? templates : pages, page);
        if (entry.IsAsset) assets.Add(path);
        if (entry.Problem is { } problem) InsertByPath(problems, problem, p => p.Path);
        if (entry.StaticMarkdown is { } note) InsertByPath(staticMarkdown, note, p => p.Path);
        if (entry.Skipped is { } skip) InsertByPath(skipped, skip, p => p.Path);
    }

    /// <summary>The site these parts make.</summary>
    public JekyllSite ToSite(string root, LintConfiguration configuration) =>
        new(root, configuration, pages.ToArray(), templates.ToArray(), assets, problems.ToArray(), staticMarkdown.ToArray(), skipped.ToArray());

    private static int IndexOf(List<Page> sorted, string path)
    {
        int low = 0, high = sorted.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(sorted[middle].Path, path);
            if (order == 0) return middle;
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }
        return ~low;
    }

    private static void Remove(List<Page> sorted, string path)
    {
        var at = IndexOf(sorted, path);
        if (at >= 0) sorted.RemoveAt(at);
    }

    private static void Insert(List<Page> sorted, Page page)
    {
        var at = IndexOf(sorted, page.Path);
        if (at >= 0) sorted[at] = page;
        else sorted.Insert(~at, page);
    }

    // After every entry of a path that sorts before or equal to it: the order a stable sort by path gives.
    private static void InsertByPath<T>(List<T> sorted, T item, Func<T, string> pathOf)
    {
        var path = pathOf(item);
        var at = sorted.Count;
        while (at > 0 && string.CompareOrdinal(pathOf(sorted[at - 1]), path) > 0) at--;
        sorted.Insert(at, item);
    }
}
