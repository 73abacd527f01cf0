using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Sites.Publishing;

namespace ServiceManual.Lint.Sites;

/// <summary>
/// The whole site as Jekyll would build and serve it: every page and template parsed once, every
/// static file's path, what <c>jekyll build</c> writes (<see cref="Output"/>) and how the site's
/// server answers a request (<see cref="Server"/>). This is the only place that knows Jekyll's and
/// the server's rules for turning a URL into a file, and a page into its URL.
/// </summary>
public sealed class JekyllSite
{
    private readonly Dictionary<string, Page> templatesByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Page> pagesByPath = new(StringComparer.Ordinal);
    // A site made by With shares the first site's table of pages (a copy per keystroke would land on
    // the large object heap of a 10,000-page site): the pages swapped since, by path, are here.
    private readonly Dictionary<string, Page>? swappedPages;
    private readonly HashSet<string> assets;
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
        pagesByPath.EnsureCapacity(pages.Count);
        foreach (var page in pages) pagesByPath[page.Path] = page;
        foreach (var template in templates) templatesByPath[template.Path] = template;
        this.assets = new HashSet<string>(assets, StringComparer.Ordinal);
        Output = new SiteOutput(pages, this.assets, configuration, DateTimeOffset.UtcNow);
        Server = SiteServer.For(configuration.Serving, Output);
        Urls = new object();
    }

    // The site with one file's parse swapped (see With): everything else is the previous site's.
    private JekyllSite(JekyllSite previous, Page old, Page updated, SiteOutput output)
    {
        Root = previous.Root;
        Configuration = previous.Configuration;
        Problems = previous.Problems;
        StaticMarkdown = previous.StaticMarkdown;
        Skipped = previous.Skipped;
        // Never changed once made: shared.
        assets = previous.assets;
        var isTemplate = updated.Kind == FileKind.Template;
        Pages = isTemplate ? previous.Pages : Swapped(previous.Pages, old, updated);
        Templates = isTemplate ? Swapped(previous.Templates, old, updated) : previous.Templates;
        pagesByPath = previous.pagesByPath;
        swappedPages = isTemplate ? previous.swappedPages
            : previous.swappedPages is null ? new(StringComparer.Ordinal) { [updated.Path] = updated }
            : new(previous.swappedPages, StringComparer.Ordinal) { [updated.Path] = updated };
        templatesByPath = isTemplate ? new(previous.templatesByPath, StringComparer.Ordinal) { [updated.Path] = updated } : previous.templatesByPath;
        Output = output;
        Server = ReferenceEquals(output, previous.Output) ? previous.Server : SiteServer.For(Configuration.Serving, output);
        // The same URLs lead to the same files: what was worked out from them holds, the swapped page's entry aside.
        if (previous.linkable is { } list)
        {
            // Not copied (it is on the large object heap): the entries of the swapped page are patched over it.
            var (shared, patches) = list is PatchedList patched ? (patched.Shared, new Dictionary<int, (string Url, OutputFile File)>(patched.Patches)) : (list, new Dictionary<int, (string Url, OutputFile File)>());
            for (var i = 0; i < shared.Count; i++)
            {
                var entry = patches.TryGetValue(i, out var patch) ? patch : shared[i];
                if (ReferenceEquals(entry.File.Page, old)) patches[i] = (entry.Url, entry.File with { Page = updated });
            }
            linkable = new PatchedList(shared, patches);
        }
        byLowerCase = previous.byLowerCase;
        Urls = previous.Urls;
    }

    /// <summary>
    /// This site with the parse of one page or template replaced by another parse of the same file
    /// (an editor's text of it), made without going over every page again; null when the swap could
    /// change what Jekyll writes beyond that page's own file (see <see cref="SiteOutput.With"/>),
    /// for the caller to load the site's parts into a new one.
    /// </summary>
    internal JekyllSite? With(Page old, Page updated)
    {
        if (old.Kind != updated.Kind || old.Path != updated.Path || !ReferenceEquals(FindFile(old.Path), old)) return null;
        var output = updated.Kind == FileKind.Template ? Output : Output.With(old, updated);
        return output is null ? null : new JekyllSite(this, old, updated, output);
    }

    private static Page[] Swapped(IReadOnlyList<Page> pages, Page old, Page updated)
    {
        var copy = pages.ToArray();
        copy[Array.IndexOf(copy, old)] = updated;
        return copy;
    }

    /// <summary>What <c>jekyll build</c> writes into <c>_site</c>.</summary>
    internal SiteOutput Output { get; }

    /// <summary>
    /// The same object for every snapshot made by <see cref="With"/> from this one: they serve the
    /// same URLs from the same source files, so what is worked out from the URLs alone (an index of
    /// them) can be kept across an editor's keystrokes, where a snapshot lives for one.
    /// </summary>
    internal object Urls { get; }

    /// <summary>How the site's server answers requests (the configured serving style).</summary>
    internal SiteServer Server { get; }

    /// <summary>The absolute path of the site root.</summary>
    public string Root { get; }

    /// <summary>The configuration the site was loaded with.</summary>
    public LintConfiguration Configuration { get; }

    /// <summary>Rendered pages (Markdown or HTML with front matter), sorted by path.</summary>
    public IReadOnlyList<Page> Pages { get; }

    /// <summary>Layouts and includes, sorted by path.</summary>
    public IReadOnlyList<Page> Templates { get; }

    /// <summary>Files that could not be read as text.</summary>
    internal IReadOnlyList<LoadProblem> Problems { get; }

    /// <summary>Entries the walker did not follow or could not read (symbolic links, unreadable folders).</summary>
    internal IReadOnlyList<LoadProblem> Skipped { get; }

    /// <summary>Markdown files without (recognisable) front matter: served raw, not rendered.</summary>
    internal IReadOnlyList<StaticMarkdown> StaticMarkdown { get; }

    /// <summary>Every file served as is (images, PDFs, static HTML, Markdown without front matter).</summary>
    public IReadOnlyCollection<string> Assets => assets;

    /// <summary>The page or template at a site-relative source path, if it was parsed.</summary>
    public Page? FindFile(string path) =>
        swappedPages is not null && swappedPages.TryGetValue(path, out var swapped) ? swapped
        : pagesByPath.TryGetValue(path, out var page) ? page : templatesByPath.GetValueOrDefault(path);

    /// <summary>
    /// The pages this site has in place of the parses it shares with the other sites of its
    /// <see cref="Urls"/> (an editor's texts), and those shared parses: a page of the site is either
    /// swapped, or a shared one that <see cref="FindFile"/> still finds. For memos kept per <see cref="Urls"/>.
    /// </summary>
    internal (IEnumerable<Page> Swapped, IEnumerable<Page> Shared) PagesByOrigin =>
        (swappedPages?.Values.Where(p => !ReferenceEquals(pagesByPath.GetValueOrDefault(p.Path), p)) ?? [], pagesByPath.Values);

    /// <summary>Whether a file is served at exactly this site-relative path.</summary>
    public bool HasAsset(string path) => assets.Contains(path);

    /// <summary>
    /// The URL the site's own links use for a page (with the base URL, escaped), or null when Jekyll
    /// does not publish it: <c>/a/b.html</c> and <c>/a/</c> as Jekyll serves them, <c>/a/b</c> and
    /// <c>/a</c> when extensionless; a permalink or a post's date where those say.
    /// </summary>
    public string? UrlOf(Page page) => Output.UrlOf(page) is { } url ? WithBaseUrl(Permalinks.Escape(Server.CanonicalUrl(url))) : null;

    /// <summary>A site path (decoded or not, with a leading slash) with the base URL in front.</summary>
    public string WithBaseUrl(string path)
    {
        var baseUrl = Configuration.BaseUrl == "/" ? string.Empty : Configuration.BaseUrl;
        return path == "/" && baseUrl.Length > 0 ? baseUrl + "/" : baseUrl + path;
    }

    /// <summary>
    /// Where a page sits in the site's URL tree, for breadcrumb ancestry: its URL without base URL,
    /// <c>.html</c>, <c>index.html</c> or trailing slash (<c>/service-manual/agile</c>); a page Jekyll
    /// does not publish sits where its source file is.
    /// </summary>
    public string TreePath(Page page)
    {
        var url = Output.UrlOf(page) ?? "/" + Stem(page.Path);
        if (url.EndsWith("/index.html", StringComparison.Ordinal)) url = url[..^"index.html".Length];
        else if (url.EndsWith(".html", StringComparison.Ordinal)) url = url[..^5];
        url = url.TrimEnd('/');
        return url.Length == 0 ? "/" : url;
    }

    /// <summary>What a reader gets for a site path (decoded, no base URL, no leading slash).</summary>
    internal Served Serve(string path) => Server.Serve(path);

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
        return LayoutPageOf(page) is { } layoutPage && AnchorsOf(layoutPage).Contains(id);
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

    /// <summary>The URL path (decoded, no base URL) each published page and static file is linked at, for "did you mean".</summary>
    internal IReadOnlyList<(string Url, OutputFile File)> LinkableUrls => linkable ??= BuildLinkable();

    private IReadOnlyList<(string Url, OutputFile File)>? linkable;

    private sealed class PatchedList(IReadOnlyList<(string Url, OutputFile File)> shared, Dictionary<int, (string Url, OutputFile File)> patches) : IReadOnlyList<(string Url, OutputFile File)>
    {
        public IReadOnlyList<(string Url, OutputFile File)> Shared => shared;

        public Dictionary<int, (string Url, OutputFile File)> Patches => patches;

        public (string Url, OutputFile File) this[int index] => patches.TryGetValue(index, out var patch) ? patch : shared[index];

        public int Count => shared.Count;

        public IEnumerator<(string Url, OutputFile File)> GetEnumerator()
        {
            for (var i = 0; i < shared.Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>The linkable URLs (no base URL) equal to this one ignoring case and a trailing slash.</summary>
    public IEnumerable<string> UrlsIgnoringCase(string url) =>
        (byLowerCase ??= LinkableUrls.ToLookup(l => l.Url.TrimEnd('/').ToLowerInvariant(), l => l.Url, StringComparer.Ordinal))[url.TrimEnd('/').ToLowerInvariant()];

    private ILookup<string, string>? byLowerCase;

    private List<(string Url, OutputFile File)> BuildLinkable()
    {
        var list = new List<(string, OutputFile)>();
        foreach (var file in Output.Files.Values)
        {
            if (file.RedirectTo is not null && file.Page is null) continue;
            var url = file.Page is not null && Output.UrlOf(file.Page) is { } jekyllUrl ? Server.CanonicalUrl(jekyllUrl) : "/" + file.Path;
            list.Add((url, file));
        }
        list.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return list;
    }

    private void CollectAnchors(Page page, HashSet<string> ids, HashSet<Page> visited)
    {
        if (!visited.Add(page)) return;
        foreach (var anchor in page.Anchors) ids.Add(anchor.Id);
        foreach (var include in page.Includes)
        {
            if (FindInclude(include) is { } included) CollectAnchors(included, ids, visited);
        }
        if (LayoutPageOf(page) is { } layoutPage) CollectAnchors(layoutPage, ids, visited);
    }

    // A page's layout may come from _config.yml's defaults; a layout's own layout is in its front matter.
    private Page? LayoutPageOf(Page page) => (page.Kind == FileKind.Page ? Output.LayoutOf(page) : page.Layout) is { } layout ? FindLayout(layout) : null;

    /// <summary>
    /// Whether Jekyll renders a layout or include into a published page: one named by a published
    /// page's layout chain or by a literal include in it, or any include when some include's name is
    /// made by Liquid. The links of others reach no reader.
    /// </summary>
    public bool IsInUse(Page template)
    {
        var used = usedTemplates ??= FindUsedTemplates();
        return used.Contains(template.Path) || (used.Contains(PageParser.DynamicInclude) && template.Path.StartsWith("_includes/", StringComparison.Ordinal));
    }

    private HashSet<string>? usedTemplates;

    private HashSet<string> FindUsedTemplates()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Page>(Pages.Where(p => Output.UrlOf(p) is not null));
        while (pending.TryPop(out var page))
        {
            if (LayoutPageOf(page) is { } layout && used.Add(layout.Path)) pending.Push(layout);
            foreach (var include in page.Includes)
            {
                if (include == PageParser.DynamicInclude) used.Add(include);
                else if (FindInclude(include) is { } included && used.Add(included.Path)) pending.Push(included);
            }
        }
        return used;
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

    /// <summary>The source path without its extension.</summary>
    internal static string Stem(string path)
    {
        var slash = path.LastIndexOf('/');
        var dot = path.LastIndexOf('.');
        return dot > slash + 1 ? path[..dot] : path;
    }

}

/// <summary>What a URL serves: a rendered page, or an asset when <see cref="Page"/> is null.</summary>
/// <param name="Path">The source file (a page's or static file's path from the site root).</param>
/// <param name="Page">The page, when one is rendered there.</param>
public sealed record ServedTarget(string Path, Page? Page);
