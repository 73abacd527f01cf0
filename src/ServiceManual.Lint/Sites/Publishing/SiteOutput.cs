using Microsoft.Extensions.FileSystemGlobbing;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Sites.Publishing;

/// <summary>One file of the built site, as <c>jekyll build</c> writes it into <c>_site</c>.</summary>
/// <param name="Path">Its path in <c>_site</c> (decoded, no leading slash).</param>
/// <param name="Page">The page rendered into it, if any.</param>
/// <param name="Source">The source file it comes from (a page's path, a static file's, or the page a redirect leads to).</param>
/// <param name="RedirectTo">For a jekyll-redirect-from page: the URL it sends readers on to.</param>
internal sealed record OutputFile(string Path, Page? Page, string Source, string? RedirectTo = null);

/// <summary>
/// What <c>jekyll build</c> writes: every published page, post and collection document at its
/// permalink, every static file at its own path, redirect pages where jekyll-redirect-from puts
/// them. Pages Jekyll does not publish (drafts, <c>published: false</c>, future posts, documents of
/// collections without <c>output</c>) have no URL. Servers answer requests from this alone.
/// </summary>
internal sealed class SiteOutput
{
    private readonly Dictionary<string, OutputFile> files = new(StringComparer.Ordinal);
    private readonly HashSet<string> folders = new(StringComparer.Ordinal) { string.Empty };
    private readonly Dictionary<Page, string> urls = [];
    // An output made by With shares the first output's files and URLs (copying them would put a
    // megabyte on the large object heap per keystroke on a 10,000-page site, and a full collection
    // every few): what differs is kept here, a few entries, one per file edited since.
    private readonly Dictionary<string, OutputFile>? swappedFiles;
    private readonly Dictionary<Page, string>? swappedUrls;
    private readonly HashSet<Page>? replaced;
    private Dictionary<string, OutputFile>? merged;
    private readonly Dictionary<string, Page> postsByName = new(StringComparer.Ordinal);

    private readonly FrontMatterDefaults defaults;
    private readonly TimeZoneInfo? siteZone;
    private readonly JekyllConfiguration jekyll;
    private readonly int major;
    private readonly bool future;
    private readonly DateTimeOffset now;
    // Output paths two sources were written to (the first kept): a page there cannot be swapped alone.
    private readonly HashSet<string> contested = new(StringComparer.Ordinal);

    internal SiteOutput(IReadOnlyList<Page> pages, IEnumerable<string> staticFiles, LintConfiguration configuration, DateTimeOffset now)
    {
        jekyll = configuration.Jekyll;
        this.now = now;
        var major = this.major = configuration.JekyllVersion?.Major ?? 4;
        var future = this.future = jekyll.Future ?? major < 3;
        defaults = new FrontMatterDefaults(jekyll.Defaults, jekyll.CollectionsDir);
        siteZone = Permalinks.Zone(jekyll.Variables.GetValueOrDefault("timezone"));
        foreach (var page in pages)
        {
            var url = UrlOf(page, jekyll, major, future, now);
            if (url is null) continue;
            urls[page] = url;
            Add(new OutputFile(Permalinks.OutputPath(url, OutputExtension(page.Path)), page, page.Path));
        }
        foreach (var file in staticFiles)
        {
            if (StaticOutputPath(file, jekyll) is { } output) Add(new OutputFile(output, null, file));
        }
        if (jekyll.RedirectsFrom) AddRedirects(pages);
        foreach (var generated in jekyll.GeneratedFiles) Add(new OutputFile(generated, null, generated));
    }

    // The output of the previous site with one page's parse swapped for another's (see With).
    private SiteOutput(SiteOutput previous, Page old, Page updated, string url)
    {
        jekyll = previous.jekyll;
        major = previous.major;
        future = previous.future;
        now = previous.now;
        defaults = previous.defaults;
        siteZone = previous.siteZone;
        // Never changed once made, so shared: the same files are in the same folders.
        folders = previous.folders;
        postsByName = previous.postsByName;
        heldBack = previous.heldBack;
        contested = previous.contested;
        files = previous.files;
        urls = previous.urls;
        var path = Permalinks.OutputPath(url, OutputExtension(updated.Path));
        swappedFiles = previous.swappedFiles is null ? new(StringComparer.Ordinal) : new(previous.swappedFiles, StringComparer.Ordinal);
        swappedFiles[path] = File(path, previous)! with { Page = updated };
        swappedUrls = previous.swappedUrls is null ? [] : new(previous.swappedUrls);
        replaced = previous.replaced is null ? [] : [.. previous.replaced];
        // The old parse is the shared table's or an earlier swap's.
        if (!swappedUrls.Remove(old)) replaced.Add(old);
        swappedUrls[updated] = url;
    }

    /// <summary>
    /// This output with the parse of one page replaced by another parse of the same file, made
    /// without going over every page again; null when the swap could change more than that page's
    /// own file (its URL, whether it is published, its redirects, a post's names, a path two sources
    /// are written to), for the caller to build the output afresh.
    /// </summary>
    internal SiteOutput? With(Page old, Page updated)
    {
        // A page's URL comes from its path and its publishing facts alone (with the configuration
        // and the build time, which are this output's): the same facts, the same URL.
        if (old.Path != updated.Path || InPostsFolder(old.Path) || UrlOf(old) is not { } url || !SameFacts(old.Publishing, updated.Publishing)) return null;
        var path = Permalinks.OutputPath(url, OutputExtension(updated.Path));
        if (contested.Contains(path) || File(path) is not { } own || !ReferenceEquals(own.Page, old)) return null;
        return new SiteOutput(this, old, updated, url);
    }

    private static bool SameFacts(PublishingFacts a, PublishingFacts b) =>
        a.Permalink == b.Permalink && a.Published == b.Published && a.Date == b.Date && a.Slug == b.Slug && a.RedirectTo == b.RedirectTo
        && a.Categories.SequenceEqual(b.Categories, StringComparer.Ordinal) && a.RedirectFrom.SequenceEqual(b.RedirectFrom, StringComparer.Ordinal);

    private readonly List<string> heldBack = [];

    /// <summary>Posts and documents dated in the future, which Jekyll holds back until their time (the cache's shape includes them).</summary>
    public IReadOnlyList<string> HeldBack => heldBack;

    /// <summary>Every file of the built site, by its path in <c>_site</c>.</summary>
    public IReadOnlyDictionary<string, OutputFile> Files => swappedFiles is null ? files : merged ??= Merged();

    private Dictionary<string, OutputFile> Merged()
    {
        var all = new Dictionary<string, OutputFile>(files, StringComparer.Ordinal);
        foreach (var (path, file) in swappedFiles!) all[path] = file;
        return all;
    }

    /// <summary>The file at this path of <c>_site</c>, if any.</summary>
    public OutputFile? File(string path) => File(path, this);

    private static OutputFile? File(string path, SiteOutput output) =>
        output.swappedFiles is not null && output.swappedFiles.TryGetValue(path, out var swapped) ? swapped : output.files.GetValueOrDefault(path);

    /// <summary>Whether this path of <c>_site</c> is a folder.</summary>
    public bool IsFolder(string path) => folders.Contains(path.TrimEnd('/'));

    /// <summary>Jekyll's <c>page.url</c> (decoded, without the base URL), or null when the page is not published.</summary>
    public string? UrlOf(Page page) =>
        swappedUrls is null ? urls.GetValueOrDefault(page)
        : swappedUrls.TryGetValue(page, out var url) ? url : replaced!.Contains(page) ? null : urls.GetValueOrDefault(page);

    /// <summary>
    /// The value a <c>defaults:</c> scope of <c>_config.yml</c> gives a page for a key, which counts
    /// wherever the page's own front matter does not set it (a layout set there is set).
    /// </summary>
    public string? DefaultOf(Page page, string key) => jekyll.Defaults.Count == 0 ? null : defaults.Value(page.Path, TypeOf(page.Path), key);

    /// <summary>Whether a file is one of Jekyll's pages (not a post or a collection document).</summary>
    public bool IsPlainPage(Page page) => TypeOf(page.Path) is "pages";

    /// <summary>The layout a page is rendered with: its own <c>layout:</c>, else its front matter defaults'.</summary>
    public string? LayoutOf(Page page) => page.Layout ?? DefaultOf(page, "layout");

    // The type a defaults scope names a file by: posts, drafts, a collection's label, or pages.
    private string TypeOf(string path) =>
        InPostsFolder(path) ? "posts" : IsUnder(path, "_drafts") ? "drafts" : jekyll.CollectionOf(path) is var (collection, _) ? collection.Label : "pages";

    /// <summary>The post a <c>{% post_url %}</c> tag names (<c>2010-07-21-name</c>, or <c>folder/2010-07-21-name</c>).</summary>
    public Page? PostNamed(string name) => postsByName.GetValueOrDefault(name);

    private void Add(OutputFile file)
    {
        // Two sources written to one path: Jekyll warns of the conflict and keeps one; the first is kept here.
        if (!files.TryAdd(file.Path, file))
        {
            contested.Add(file.Path);
            return;
        }
        for (var slash = file.Path.LastIndexOf('/'); slash > 0; slash = file.Path.LastIndexOf('/', slash - 1))
        {
            if (!folders.Add(file.Path[..slash])) break;
        }
    }

    private string? UrlOf(Page page, JekyllConfiguration jekyll, int major, bool future, DateTimeOffset now)
    {
        var path = page.Path;
        var facts = page.Publishing;
        var fileName = path[(path.LastIndexOf('/') + 1)..];
        var extension = Path.GetExtension(fileName);
        var outputExtension = OutputExtension(path);
        if (IsUnder(path, "_drafts")) return null;
        if (InPostsFolder(path))
        {
            if (PostsFolder(path) is not { } postsFolder) return null; // _posts outside collections_dir: not read
            if (Permalinks.ParsePostName(fileName) is not { } post) return null;
            // Jekyll 4's publisher reads 'published' from the file's own front matter, not its defaults.
            if (IsFalse(facts.Published)) return null;
            var dated = facts.Date is { } when && Permalinks.ParseInstant(when, siteZone) is { } instant ? instant : Permalinks.AtSiteTime(post.Date.ToDateTime(TimeOnly.MinValue), siteZone);
            var date = SiteTime(dated);
            if (!future && dated > now)
            {
                heldBack.Add(path);
                return null;
            }
            // The folders above _posts, then the front matter's (Jekyll merges them).
            var categories = CategoriesFromPath(postsFolder[(jekyll.CollectionsDir.Length == 0 ? 0 : jekyll.CollectionsDir.Length + 1)..]).Concat(facts.Categories).ToArray();
            var permalink = facts.Permalink ?? defaults.Value(path, "posts", "permalink") ?? (jekyll.PostsPermalink is { } posts ? StyleTemplate(posts) : Permalinks.PostTemplate(jekyll.Permalink));
            var slug = (facts.Slug ?? post.Slug).TrimEnd('.');
            var relative = path[(postsFolder.Length + "_posts/".Length)..];
            var postUrl = Permalinks.Fill(permalink, name => DocumentPlaceholder(name, "posts", "/" + relative[..^extension.Length], fileName[..^extension.Length], slug, categories, date, outputExtension));
            // {% post_url name %}, {% post_url sub/name %} (a folder inside _posts) and {% post_url blog/name %} (blog/_posts).
            postsByName.TryAdd(fileName[..^extension.Length], page);
            postsByName.TryAdd(relative[..^extension.Length], page);
            var categoryFolder = postsFolder[(jekyll.CollectionsDir.Length == 0 ? 0 : jekyll.CollectionsDir.Length + 1)..];
            if (categoryFolder.Length > 0) postsByName.TryAdd(categoryFolder + relative[..^extension.Length], page);
            return postUrl;
        }
        if (jekyll.CollectionOf(path) is var (collection, folder))
        {
            if (!collection.Output) return null;
            if (IsFalse(facts.Published)) return null;
            var permalink = facts.Permalink ?? defaults.Value(path, collection.Label, "permalink")
                ?? collection.Permalink ?? (major < 3 ? "/:collection/:path:output_ext" : Permalinks.AddSuffix("/:collection/:path", jekyll.Permalink));
            var relative = path[(folder.Length + 1)..];
            var basename = fileName[..^extension.Length];
            // A dated name (2020-03-04-launch.md) gives a document its date and slug, as a post's does.
            var datedName = Permalinks.ParsePostName(fileName);
            // A document without a date is dated when the site is built.
            var dated = facts.Date is { } when && Permalinks.ParseInstant(when, siteZone) is { } instant ? instant
                : datedName is { } named ? Permalinks.AtSiteTime(named.Date.ToDateTime(TimeOnly.MinValue), siteZone) : now;
            var date = SiteTime(dated);
            if (!future && dated > now)
            {
                heldBack.Add(path);
                return null;
            }
            var slug = (facts.Slug ?? datedName?.Slug ?? basename).TrimEnd('.');
            return Permalinks.Fill(StyleTemplate(permalink), name => DocumentPlaceholder(name, collection.Label, "/" + relative[..^extension.Length].TrimEnd('.'), basename, slug, facts.Categories, date, outputExtension));
        }
        if (IsFalse(facts.Published)) return null;
        var isIndex = Path.GetFileNameWithoutExtension(fileName) == "index";
        var pagePermalink = facts.Permalink ?? defaults.Value(path, "pages", "permalink");
        var template = pagePermalink ?? Permalinks.PageTemplate(outputExtension == ".html", isIndex, jekyll.Permalink, major);
        var dir = path.LastIndexOf('/') is var slash and >= 0 ? "/" + path[..slash] : string.Empty;
        // A page's placeholders are a hash, replaced as plain substrings in this order (URL#generate_url_from_hash):
        // ":basename_x" is the basename followed by "_x"; what is not a key stays as written.
        var pageUrl = template
            .Replace(":path", dir, StringComparison.Ordinal)
            .Replace(":basename", Path.GetFileNameWithoutExtension(fileName).TrimEnd('.'), StringComparison.Ordinal)
            .Replace(":output_ext", outputExtension, StringComparison.Ordinal);
        return Permalinks.Sanitise(pageUrl);
    }

    // The wall-clock time in the site's timezone (UTC when none): what :year, :day and :hour show.
    private DateTime SiteTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, siteZone ?? TimeZoneInfo.Utc).DateTime;

    // A built-in style name given as a collection's permalink means its template.
    private static string StyleTemplate(string permalink) => permalink.Contains(':') || permalink.Contains('/') ? permalink : Permalinks.PostTemplate(permalink);

    private static string? DocumentPlaceholder(string name, string collection, string path, string basename, string slug, IReadOnlyList<string> categories, DateTime date, string outputExtension) => name switch
    {
        "collection" => collection,
        "path" => path,
        "name" => Permalinks.Slugify(basename, pretty: false, cased: false),
        "title" => Permalinks.Slugify(slug, pretty: true, cased: true),
        "slug" => Permalinks.Slugify(slug, pretty: false, cased: false),
        "categories" => string.Join('/', categories.Select(c => c.ToLowerInvariant()).Distinct(StringComparer.Ordinal)),
        "slugified_categories" => string.Join('/', categories.Select(c => Permalinks.Slugify(c, pretty: false, cased: false)).Distinct(StringComparer.Ordinal)),
        "output_ext" => outputExtension,
        _ => Permalinks.DatePart(name, date),
    };

    // "blog/_posts/x.md" -> the folder before "_posts/" ("blog/"), or "" for "_posts/x.md"; null when not a post.
    // With collections_dir, posts live under it (the folder is then relative to it, and _posts outside it are not read).
    private string? PostsFolder(string path)
    {
        if (!InPostsFolder(path)) return null;
        var prefix = jekyll.CollectionsDir.Length == 0 ? string.Empty : jekyll.CollectionsDir + "/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var within = path[prefix.Length..];
        if (within.StartsWith("_posts/", StringComparison.Ordinal)) return prefix;
        var at = within.IndexOf("/_posts/", StringComparison.Ordinal);
        return at < 0 ? null : prefix + within[..(at + 1)];
    }

    private static bool InPostsFolder(string path) => path.StartsWith("_posts/", StringComparison.Ordinal) || path.Contains("/_posts/", StringComparison.Ordinal);

    private static string[] CategoriesFromPath(string postsFolder) => postsFolder.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder + "/", StringComparison.Ordinal) || path.Contains("/" + folder + "/", StringComparison.Ordinal);

    private static bool IsFalse(string? value) => value is not null && value.Trim().ToLowerInvariant() is "false" or "no" or "off";

    /// <summary>The extension of the file Jekyll writes for a source file: Markdown becomes HTML, Sass CSS.</summary>
    internal static string OutputExtension(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            // Jekyll's default markdown_ext.
            ".markdown" or ".mkdown" or ".mkdn" or ".mkd" or ".md" => ".html",
            ".scss" or ".sass" => ".css",
            ".coffee" => ".js",
            _ => Path.GetExtension(path),
        };
    }

    // Static files are copied to their own path; those in a collection only when it has output
    // (under its label, without the underscore); none under _posts or _drafts.
    private static string? StaticOutputPath(string file, JekyllConfiguration jekyll)
    {
        if (InPostsFolder(file) || IsUnder(file, "_drafts")) return null;
        if (jekyll.CollectionOf(file) is var (collection, folder)) return collection.Output ? collection.Label + file[folder.Length..] : null;
        return file;
    }

    // jekyll-redirect-from: a page at each redirect_from URL that sends readers to the page; a page
    // with redirect_to is itself such a page.
    private void AddRedirects(IReadOnlyList<Page> pages)
    {
        foreach (var page in pages)
        {
            if (UrlOf(page) is not { } url) continue;
            foreach (var from in page.Publishing.RedirectFrom)
            {
                var decoded = Uri.UnescapeDataString(from.Trim());
                var fromUrl = Permalinks.Sanitise(decoded);
                Add(new OutputFile(Permalinks.OutputPath(fromUrl, ".html"), null, page.Path, url));
            }
            if (page.Publishing.RedirectTo is { } to && files.TryGetValue(Permalinks.OutputPath(url, OutputExtension(page.Path)), out var own) && ReferenceEquals(own.Page, page))
            {
                files[own.Path] = own with { RedirectTo = to.Trim() };
            }
        }
    }

    /// <summary>Jekyll's front matter defaults: the values of the scopes that match a file, later ones and deeper paths winning.</summary>
    private sealed class FrontMatterDefaults
    {
        private readonly IReadOnlyList<JekyllDefault> defaults;
        private readonly Matcher?[] globs;
        private readonly string collectionsPrefix;

        // With collections_dir, paths are compared without it, the scopes' and the files' alike.
        public FrontMatterDefaults(IReadOnlyList<JekyllDefault> defaults, string collectionsDir)
        {
            collectionsPrefix = collectionsDir.Length == 0 ? string.Empty : collectionsDir + "/";
            this.defaults = defaults.Select(d => d with { ScopePath = WithoutCollectionsDir(d.ScopePath) }).ToArray();
            globs = this.defaults.Select(d => d.ScopePath.Contains('*') ? NewMatcher(d.ScopePath) : null).ToArray();
        }

        private string WithoutCollectionsDir(string path) =>
            collectionsPrefix.Length > 0 && path.StartsWith(collectionsPrefix, StringComparison.Ordinal) ? path[collectionsPrefix.Length..] : path;

        public string? Value(string path, string type, string key)
        {
            path = WithoutCollectionsDir(path);
            string? value = null;
            var bestDepth = -1;
            for (var i = 0; i < defaults.Count; i++)
            {
                var scope = defaults[i];
                if (!scope.Values.TryGetValue(key, out var candidate)) continue;
                // 'post' and 'page' are the old names of 'posts' and 'pages', still honoured.
                if (scope.ScopeType is { } scopeType && (scopeType switch { "post" => "posts", "page" => "pages", _ => scopeType }) != type) continue;
                // A plain path is a string prefix (so 'guide' covers 'guides/x.md'); a glob covers
                // what is under each folder it matches (frontmatter_defaults.rb).
                var matches = globs[i] is { } glob ? GlobCovers(glob, path) : path.StartsWith(scope.ScopePath, StringComparison.Ordinal);
                if (!matches) continue;
                // Jekyll prefers the more specific scope (a longer path, then a type), else the later one.
                var depth = scope.ScopePath.Length * 2 + (scope.ScopeType is null ? 0 : 1);
                if (depth < bestDepth) continue;
                bestDepth = depth;
                value = candidate;
            }
            return value;
        }

        private static bool GlobCovers(Matcher glob, string path)
        {
            if (glob.Match(path).HasMatches) return true;
            for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                if (glob.Match(path[..slash]).HasMatches) return true;
            }
            return false;
        }

        private static Matcher NewMatcher(string pattern)
        {
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(pattern);
            return matcher;
        }
    }
}
