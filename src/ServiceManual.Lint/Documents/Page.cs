using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Documents;

/// <summary>What a file is to Jekyll.</summary>
public enum FileKind
{
    /// <summary>A Markdown or HTML file with front matter: rendered and served as a page.</summary>
    Page,
    /// <summary>A layout in <c>_layouts/</c> or an include in <c>_includes/</c>: part of other pages.</summary>
    Template,
}

/// <summary>A file parsed once: front matter, anchors, links and suppressions.</summary>
public sealed class Page
{
    private PageBody? body;
    private Func<PageBody>? loadBody;
    private object? bodyLock;
    private readonly string? layout;
    private readonly string? title;
    private readonly IReadOnlyList<Link> crumbLinks;
    private readonly PublishingFacts publishing;

    internal Page(string path, FileKind kind, SourceText source, FrontMatter? frontMatter, int bodyOffset,
        IReadOnlyList<Anchor> anchors, IReadOnlyList<Link> links, IReadOnlyList<AttributedList> lists, IReadOnlyList<string> includes, Suppressions suppressions)
    {
        Path = path;
        Kind = kind;
        body = new PageBody(source, frontMatter, bodyOffset, anchors, links, lists, includes, suppressions);
        layout = frontMatter?.GetString("layout");
        title = frontMatter?.GetString("title");
        crumbLinks = links.Where(l => l.Kind == LinkKind.FrontMatter).ToArray();
        publishing = PublishingFacts.Of(frontMatter);
    }

    /// <summary>
    /// A page a page source already knows (the cache's, on a re-run): what every run needs of every
    /// page (layout, title, breadcrumb links) at once, the rest loaded by <paramref name="loadBody"/>
    /// when first asked for, which for most pages of a re-run is never.
    /// </summary>
    internal Page(string path, FileKind kind, string? layout, string? title, IReadOnlyList<Link> crumbLinks, PublishingFacts publishing, Func<PageBody> loadBody)
    {
        this.publishing = publishing;
        Path = path;
        Kind = kind;
        this.layout = layout;
        this.title = title;
        this.crumbLinks = crumbLinks;
        this.loadBody = loadBody;
    }

    /// <summary>Everything of a page but its path, kind and summary.</summary>
    internal sealed record PageBody(SourceText Source, FrontMatter? FrontMatter, int BodyOffset, IReadOnlyList<Anchor> Anchors,
        IReadOnlyList<Link> Links, IReadOnlyList<AttributedList> Lists, IReadOnlyList<string> Includes, Suppressions Suppressions);

    /// <summary>The body, parsed or loaded (what a page source stores).</summary>
    internal PageBody Body
    {
        // Links are resolved on every core, and a link reads its target's ids: two threads may ask
        // for a cached page's body at once, and both must get the same one (rules match links by identity).
        get => body ?? LazyInitializer.EnsureInitialized(ref body, ref bodyLock, () =>
        {
            var loaded = loadBody!();
            loadBody = null;
            return loaded;
        });
    }

    /// <summary>Path relative to the site root, with forward slashes.</summary>
    public string Path { get; }

    /// <summary>Page or template.</summary>
    public FileKind Kind { get; }

    /// <summary>The decoded text.</summary>
    internal SourceText Source => Body.Source;

    /// <summary>The front matter; null for templates without any.</summary>
    public FrontMatter? FrontMatter => Body.FrontMatter;

    /// <summary>Where the content after the front matter starts.</summary>
    public int BodyOffset => Body.BodyOffset;

    /// <summary>Ids defined in this file itself (headers, attribute lists, HTML).</summary>
    internal IReadOnlyList<Anchor> Anchors => Body.Anchors;

    /// <summary>Every link in the file, in document order per kind.</summary>
    public IReadOnlyList<Link> Links => Body.Links;

    /// <summary>The <c>breadcrumbs[].url</c> links of the front matter (the first of <see cref="Links"/>).</summary>
    internal IReadOnlyList<Link> CrumbLinks => crumbLinks;

    /// <summary>Lists with kramdown classes, such as <c>{:.phase-nav}</c>.</summary>
    internal IReadOnlyList<AttributedList> Lists => Body.Lists;

    /// <summary>Files named by literal <c>{% include name %}</c> tags.</summary>
    public IReadOnlyList<string> Includes => Body.Includes;

    /// <summary>Inline <c>smlint-disable</c> comments.</summary>
    internal Suppressions Suppressions => Body.Suppressions;

    /// <summary>The <c>layout</c> front matter value, if any.</summary>
    public string? Layout => layout;

    /// <summary>The <c>title</c> front matter value, if any.</summary>
    public string? Title => title;

    /// <summary>The front matter values that decide where Jekyll publishes the page.</summary>
    internal PublishingFacts Publishing => publishing;

    private Dictionary<int, string>? rememberedLines;

    /// <summary>
    /// The text of a 1-based line, for code frames: remembered from the cache for lines that have
    /// findings (so a re-run prints them without reading the file or decoding the page), else read.
    /// </summary>
    /// <exception cref="IOException">The file changed since it was read, or cannot be read.</exception>
    internal string GetLine(int line) =>
        rememberedLines is not null && rememberedLines.TryGetValue(line, out var text) ? text : Source.GetLine(line);

    /// <summary>Remembers a line's text, read back from the cache.</summary>
    internal void RememberLine(int line, string text) => (rememberedLines ??= [])[line] = text;

    /// <summary>True for Markdown (kramdown) files, false for HTML.</summary>
    public bool IsMarkdown => IsMarkdownPath(Path);

    // Jekyll's default markdown_ext: markdown, mkdown, mkdn, mkd, md.
    internal static bool IsMarkdownPath(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".mkdown", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mkdn", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".mkd", StringComparison.OrdinalIgnoreCase);
}
