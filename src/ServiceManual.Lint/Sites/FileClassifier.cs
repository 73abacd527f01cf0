using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Sites;

/// <summary>What each file is to Jekyll: a page or template to parse, a file it copies as it is, or one it compiles.</summary>
internal static class FileClassifier
{
    /// <summary>A file whose text is read: Markdown (Jekyll's markdown_ext) or HTML.</summary>
    public static bool IsTextCandidate(string path) => Page.IsMarkdownPath(path) || path.EndsWith(".html", StringComparison.OrdinalIgnoreCase);

    /// <summary>A layout or an include.</summary>
    public static bool IsTemplate(string path) =>
        path.StartsWith("_layouts/", StringComparison.Ordinal) || path.StartsWith("_includes/", StringComparison.Ordinal);

    /// <summary>A dated file in a <c>_posts</c> folder: Jekyll's post reader renders it with or without front matter.</summary>
    public static bool IsPost(string path) =>
        (path.StartsWith("_posts/", StringComparison.Ordinal) || path.Contains("/_posts/", StringComparison.Ordinal))
        && Publishing.Permalinks.ParsePostName(path[(path.LastIndexOf('/') + 1)..]) is not null;

    /// <summary>
    /// Whether a text file is rendered (a template, a post, or a file with front matter); if not,
    /// Jekyll copies it as it is, and <paramref name="staticReason"/> says why a Markdown file is not a page (null for HTML).
    /// </summary>
    public static bool IsRendered(string relative, string text, out string? staticReason)
    {
        staticReason = null;
        if (IsTemplate(relative) || FrontMatterReader.HasFrontMatter(text) || IsPost(relative)) return true;
        if (!relative.EndsWith(".html", StringComparison.OrdinalIgnoreCase)) staticReason = WhyNotAPage(text);
        return false;
    }

    /// <summary>
    /// What a file whose text is not read is served as: itself, or, for Sass and CoffeeScript that
    /// Jekyll compiles, its output (and a source map, as Jekyll 4 writes one). None for a file in
    /// <c>_layouts</c> or <c>_includes</c>.
    /// </summary>
    public static void AddServed(string root, string relative, LintConfiguration configuration, Action<string> add)
    {
        if (IsTemplate(relative)) return;
        if (CompiledOutput(relative) is not { } output)
        {
            add(relative);
            return;
        }
        // Jekyll's Sass converter compiles a file with front matter, and only that (the old
        // jekyll-sass plugin compiled every one); without front matter it is copied as it is.
        var sassPlugin = configuration.Jekyll.Plugins.Contains("jekyll-sass");
        var compiles = sassPlugin || StartsWithFrontMatter(Path.Combine(root, relative));
        add(compiles ? output : relative);
        // Jekyll 4's converter (jekyll-sass-converter 2) writes a source map beside the CSS.
        if (compiles && output.EndsWith(".css", StringComparison.Ordinal) && configuration.Jekyll.SassSourceMaps
            && (configuration.JekyllVersion?.Major ?? 4) >= 4 && !sassPlugin) add(output + ".map");
        if (compiles && sassPlugin) add(relative);
    }

    // Sass and CoffeeScript sources are served compiled (Jekyll's converters, or the jekyll-sass
    // plugin the 2013 Service Manual used): a link to main.css is satisfied by main.scss.
    private static string? CompiledOutput(string path)
    {
        // Spans, not strings: asked of every asset (most of a site's files), and most are neither.
        var name = Path.GetFileName(path.AsSpan());
        if (name.StartsWith('_')) return null; // partials are imported, never served
        var extension = Path.GetExtension(name);
        var output = extension switch { ".scss" or ".sass" => ".css", ".coffee" => ".js", _ => null };
        return output is null ? null : string.Concat(path.AsSpan(0, path.Length - extension.Length), output);
    }

    // The first line of a file is exactly "---": Jekyll reads front matter and converts the file.
    private static bool StartsWithFrontMatter(string fullPath)
    {
        try
        {
            Span<byte> start = stackalloc byte[5];
            using var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            var read = RandomAccess.Read(handle, start, 0);
            var head = start[..read];
            return head.StartsWith("---\n"u8) || head.StartsWith("---\r\n"u8) || head.StartsWith("--- "u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string WhyNotAPage(string text)
    {
        if (text.StartsWith("\uFEFF---", StringComparison.Ordinal)) return "it starts with a byte order mark, so Jekyll does not see the front matter after it";
        if (text.StartsWith("---\r", StringComparison.Ordinal)) return "its first line ends with a lone carriage return, which Jekyll does not take as the front matter's opening '---'";
        if (text.StartsWith("---", StringComparison.Ordinal)) return "its first line is not exactly '---' (trailing characters?), so Jekyll does not see the front matter";
        return StaticMarkdown.NoFrontMatter;
    }
}
