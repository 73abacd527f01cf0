using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Site;

/// <summary>
/// The whole site as Jekyll would build and serve it: every page and template parsed once, every
/// asset's path, and the index from URLs to files. This is the only place that knows Jekyll's
/// (and the server's) rules for turning a URL into a file.
/// </summary>
public sealed class JekyllSite
{
    private readonly Dictionary<string, Page> pagesByStem = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Page> indexPagesByFolder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Page> templatesByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Page> pagesByPath = new(StringComparer.Ordinal);
    private readonly HashSet<string> assets;
    private readonly HashSet<string> topLevelNames = new(StringComparer.Ordinal);
    private readonly Dictionary<Page, HashSet<string>> anchorCache = [];

    internal JekyllSite(string root, LintConfiguration configuration, IReadOnlyList<Page> pages, IReadOnlyList<Page> templates,
        IEnumerable<string> assets, IReadOnlyList<LoadProblem> problems, IReadOnlyList<StaticMarkdown> staticMarkdown, IReadOnlyList<LoadProblem> skipped)
    {
        Root = root;
        Configuration = configuration;
        Pages = pages;
        Templates = templates;
        Problems = problems;
        StaticMarkdown = staticMarkdown;
        Skipped = skipped;
        // Built in two halves side by side (a re-run with the cache spends a good part of its time
        // here): the asset set and the index by path on another core, the indexes by stem here. Each
        // half gathers the top-level names it sees; they are few, and joined at the end.
        var byPathAndAssets = Task.Run(() =>
        {
            pagesByPath.EnsureCapacity(pages.Count);
            foreach (var page in pages) pagesByPath[page.Path] = page;
            foreach (var template in templates) templatesByPath[template.Path] = template;
            var assetSet = new HashSet<string>(assets, StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var asset in assetSet) AddTopLevelName(names, asset);
            return (assetSet, names);
        });
        pagesByStem.EnsureCapacity(pages.Count);
        foreach (var page in pages)
        {
            var stem = Stem(page.Path);
            pagesByStem[stem] = page;
            if (stem == "index" || stem.EndsWith("/index", StringComparison.Ordinal)) indexPagesByFolder[stem.Length == 5 ? string.Empty : stem[..^6]] = page;
            AddTopLevelName(topLevelNames, page.Path);
        }
        (this.assets, var assetNames) = byPathAndAssets.GetAwaiter().GetResult();
        topLevelNames.UnionWith(assetNames);
    }

    /// <summary>The absolute path of the site root.</summary>
    public string Root { get; }

    /// <summary>The configuration the site was loaded with.</summary>
    public LintConfiguration Configuration { get; }

    /// <summary>Rendered pages (Markdown or HTML with front matter), sorted by path.</summary>
    public IReadOnlyList<Page> Pages { get; }

    /// <summary>Layouts and includes, sorted by path.</summary>
    public IReadOnlyList<Page> Templates { get; }

    /// <summary>Files that could not be read as text.</summary>
    public IReadOnlyList<LoadProblem> Problems { get; }

    /// <summary>Entries the walker did not follow or could not read (symbolic links, unreadable folders).</summary>
    public IReadOnlyList<LoadProblem> Skipped { get; }

    /// <summary>Markdown files without (recognisable) front matter: served raw, not rendered.</summary>
    public IReadOnlyList<StaticMarkdown> StaticMarkdown { get; }

    /// <summary>Every file served as is (images, PDFs, static HTML, Markdown without front matter).</summary>
    public IReadOnlyCollection<string> Assets => assets;

    /// <summary>The page or template at a site-relative source path, if it was parsed.</summary>
    public Page? FindFile(string path) =>
        pagesByPath.TryGetValue(path, out var page) ? page : templatesByPath.GetValueOrDefault(path);

    /// <summary>Whether a file is served at exactly this site-relative path.</summary>
    public bool HasAsset(string path) => assets.Contains(path);

    /// <summary>
    /// The URL a page is served at (with the base URL): <c>/a/b</c> and <c>/a</c> for
    /// <c>a/b.md</c> and <c>a/index.md</c> when extensionless, <c>/a/b.html</c> and <c>/a/</c> in Jekyll style.
    /// </summary>
    public string UrlOf(Page page)
    {
        var stem = Stem(page.Path);
        var isIndex = stem == "index" || stem.EndsWith("/index", StringComparison.Ordinal);
        var path = Configuration.Serving switch
        {
            ServingStyle.Jekyll when isIndex => "/" + stem[..^5],
            ServingStyle.Jekyll => "/" + stem + ".html",
            _ when isIndex => "/" + stem[..^5].TrimEnd('/'),
            _ => "/" + stem,
        };
        var baseUrl = Configuration.BaseUrl == "/" ? string.Empty : Configuration.BaseUrl;
        return path == "/" && baseUrl.Length > 0 ? baseUrl : baseUrl + path;
    }

    /// <summary>
    /// Finds what is served at a site-relative path (no leading slash, no base URL, decoded):
    /// <c>a/b.html</c>, <c>a/b</c> and <c>a/b/</c> all find <c>a/b.md</c>; <c>a</c>, <c>a/</c>,
    /// <c>a/index</c> and <c>a/index.html</c> find <c>a/index.md</c>; anything else must be an asset by exact path.
    /// </summary>
    public ServedTarget? Resolve(string path)
    {
        if (assets.Contains(path)) return new ServedTarget(path, null);
        var stem = path.TrimEnd('/');
        if (stem.EndsWith(".html", StringComparison.Ordinal)) stem = stem[..^5];
        if (stem == "index") stem = string.Empty;
        else if (stem.EndsWith("/index", StringComparison.Ordinal)) stem = stem[..^6];
        if (indexPagesByFolder.TryGetValue(stem, out var index)) return new ServedTarget(index.Path, index);
        if (pagesByStem.TryGetValue(stem, out var page)) return new ServedTarget(page.Path, page);
        if (assets.Contains(stem + ".html")) return new ServedTarget(stem + ".html", null);
        return null;
    }

    /// <summary>Whether a site-relative path lies in the part of the URL space this site serves.</summary>
    public bool Serves(string path)
    {
        if (Configuration.Paths.Count == 0)
        {
            if (path.Length == 0) return indexPagesByFolder.ContainsKey(string.Empty);
            var first = FirstSegment(path);
            var names = topLevelNames.GetAlternateLookup<ReadOnlySpan<char>>();
            return names.Contains(first) || names.Contains(first[..StemLength(first)]);
        }
        return ServedUnderPaths(path);
    }

    // "/" + path equal to a configured prefix or under it; compared in place (asked for every
    // site-absolute link), with no string or delegate made per call.
    private bool ServedUnderPaths(string path)
    {
        var paths = Configuration.Paths;
        for (var i = 0; i < paths.Count; i++)
        {
            var prefix = paths[i];
            if (prefix == "/") return true;
            var under = prefix.AsSpan(1); // a configured prefix starts with '/'
            if (path.AsSpan().StartsWith(under, StringComparison.Ordinal) && (path.Length == under.Length || path[under.Length] == '/')) return true;
        }
        return false;
    }

    /// <summary>
    /// Whether a fragment can target <paramref name="id"/> on a page (see <see cref="AnchorsOf"/>).
    /// The page's own ids are searched where they are; only layouts and includes, shared by many
    /// pages, have their ids gathered into a set, so checking a site's fragments builds no set per page.
    /// </summary>
    public bool HasAnchor(Page page, string id)
    {
        foreach (var anchor in page.Anchors)
        {
            if (anchor.Id == id) return true;
        }
        foreach (var include in page.Includes)
        {
            if (FindInclude(include) is { } included && AnchorsOf(included).Contains(id)) return true;
        }
        return page.Layout is { } layout && FindLayout(layout) is { } layoutPage && AnchorsOf(layoutPage).Contains(id);
    }

    /// <summary>
    /// Every id a fragment can target on a page: its own headers and HTML ids, and those of its
    /// layout chain and literal includes (the skip link's <c>#content</c> lives in a layout).
    /// </summary>
    public IReadOnlySet<string> AnchorsOf(Page page)
    {
        lock (anchorCache)
        {
            if (anchorCache.TryGetValue(page, out var cached)) return cached;
            var ids = new HashSet<string>(StringComparer.Ordinal);
            CollectAnchors(page, ids, new HashSet<Page>());
            anchorCache[page] = ids;
            return ids;
        }
    }

    /// <summary>All pages served under this last path segment (<c>agile</c> finds <c>agile.md</c> and <c>agile/index.md</c>), for "did you mean".</summary>
    public IEnumerable<Page> PagesNamed(string slug) => (pagesBySlug ??= Pages.ToLookup(p => LastSegment(ServedStem(p))))[slug];

    /// <summary>Served paths of the pages in a folder (index pages count for their folder's parent).</summary>
    public IEnumerable<string> ServedStemsIn(string folder) => (stemsByFolder ??= Pages.Select(ServedStem).Distinct().ToLookup(FolderOf))[folder];

    /// <summary>Assets with this file name, in any folder.</summary>
    public IEnumerable<string> AssetsNamed(string name) => (assetsByName ??= assets.ToLookup(a => LastSegment(a)))[name];

    /// <summary>Assets in a folder.</summary>
    public IEnumerable<string> AssetsIn(string folder) => (assetsByFolder ??= assets.ToLookup(FolderOf))[folder];

    /// <summary>The path a page is served at, without extension, base URL or leading slash (<c>a/b</c>, <c>a</c> for <c>a/index.md</c>).</summary>
    public static string ServedStem(Page page)
    {
        var stem = Stem(page.Path);
        return stem == "index" ? string.Empty : stem.EndsWith("/index", StringComparison.Ordinal) ? stem[..^6] : stem;
    }

    // Built on first use: only runs with broken links need them.
    private ILookup<string, Page>? pagesBySlug;
    private ILookup<string, string>? stemsByFolder;
    private ILookup<string, string>? assetsByName;
    private ILookup<string, string>? assetsByFolder;

    private void CollectAnchors(Page page, HashSet<string> ids, HashSet<Page> visited)
    {
        if (!visited.Add(page)) return;
        foreach (var anchor in page.Anchors) ids.Add(anchor.Id);
        foreach (var include in page.Includes)
        {
            if (FindInclude(include) is { } included) CollectAnchors(included, ids, visited);
        }
        if (page.Layout is { } layout && FindLayout(layout) is { } layoutPage) CollectAnchors(layoutPage, ids, visited);
    }

    /// <summary>The layout file a <c>layout:</c> value names, if it exists.</summary>
    public Page? FindLayout(string name) => layoutsByName.TryGetValue(name, out var known) ? known : layoutsByName.GetOrAdd(name, FindLayoutFile(name));

    // Every page names a layout, and the rules ask for it often: each name is looked up once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Page?> layoutsByName = new(StringComparer.Ordinal);

    private Page? FindInclude(string name) => templatesByPath.GetValueOrDefault("_includes/" + name);

    private static readonly string[] LayoutExtensions = ["", ".html", ".md", ".markdown"];

    private Page? FindLayoutFile(string name)
    {
        foreach (var extension in LayoutExtensions)
        {
            if (templatesByPath.TryGetValue("_layouts/" + name + extension, out var layout)) return layout;
        }
        return null;
    }

    private static void AddTopLevelName(HashSet<string> names, string path)
    {
        var first = FirstSegment(path);
        if (!names.GetAlternateLookup<ReadOnlySpan<char>>().Contains(first)) names.Add(first.ToString());
    }

    private static ReadOnlySpan<char> FirstSegment(string path)
    {
        var slash = path.IndexOf('/');
        return slash < 0 ? path : path.AsSpan(0, slash);
    }

    /// <summary>The source path without its extension (what Jekyll's output path is built from).</summary>
    internal static string Stem(string path) => path[..StemLength(path)];

    private static int StemLength(ReadOnlySpan<char> path)
    {
        var slash = path.LastIndexOf('/');
        var dot = path.LastIndexOf('.');
        return dot > slash + 1 ? dot : path.Length;
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('/') + 1)..];

    internal static string FolderOf(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : string.Empty;
}

/// <summary>What a URL serves: a rendered page, or an asset when <see cref="Page"/> is null.</summary>
public sealed record ServedTarget(string Path, Page? Page);
