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
    internal Page(string path, FileKind kind, SourceText source, FrontMatter? frontMatter, int bodyOffset,
        IReadOnlyList<Anchor> anchors, IReadOnlyList<Link> links, IReadOnlyList<AttributedList> lists, IReadOnlyList<string> includes, Suppressions suppressions)
    {
        Path = path;
        Kind = kind;
        Source = source;
        FrontMatter = frontMatter;
        BodyOffset = bodyOffset;
        Anchors = anchors;
        Links = links;
        Lists = lists;
        Includes = includes;
        Suppressions = suppressions;
    }

    /// <summary>Path relative to the site root, with forward slashes.</summary>
    public string Path { get; }

    /// <summary>Page or template.</summary>
    public FileKind Kind { get; }

    /// <summary>The decoded text.</summary>
    public SourceText Source { get; }

    /// <summary>The front matter; null for templates without any.</summary>
    public FrontMatter? FrontMatter { get; }

    /// <summary>Where the content after the front matter starts.</summary>
    public int BodyOffset { get; }

    /// <summary>Ids defined in this file itself (headers, attribute lists, HTML).</summary>
    public IReadOnlyList<Anchor> Anchors { get; }

    /// <summary>Every link in the file, in document order per kind.</summary>
    public IReadOnlyList<Link> Links { get; }

    /// <summary>Lists with kramdown classes, such as <c>{:.phase-nav}</c>.</summary>
    public IReadOnlyList<AttributedList> Lists { get; }

    /// <summary>Files named by literal <c>{% include name %}</c> tags.</summary>
    public IReadOnlyList<string> Includes { get; }

    /// <summary>Inline <c>smlint-disable</c> comments.</summary>
    public Suppressions Suppressions { get; }

    /// <summary>The <c>layout</c> front matter value, if any.</summary>
    public string? Layout => FrontMatter?.GetString("layout");

    /// <summary>The <c>title</c> front matter value, if any.</summary>
    public string? Title => FrontMatter?.GetString("title");

    /// <summary>True for Markdown (kramdown) files, false for HTML.</summary>
    public bool IsMarkdown => IsMarkdownPath(Path);

    internal static bool IsMarkdownPath(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);
}
