using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Site;

namespace ServiceManual.Lint.Rules.Links;

/// <summary>Builds replacement URLs and the edits that write them, shared by the fixable link rules.</summary>
internal static class LinkRewriter
{
    /// <summary>The URL exactly as written in the file (the bytes a fix replaces).</summary>
    public static string Written(LinkResolution link) => link.Source.Source.TextSpan.Slice(link.Link.Offset, link.Link.Length).ToString();

    /// <summary>The query and fragment of a written URL ("?a#b"), kept by every rewrite.</summary>
    public static string Suffix(string url)
    {
        var cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? string.Empty : url[cut..];
    }

    /// <summary>
    /// The site-absolute URL of a served target, in the style the link used: with <c>.html</c> if
    /// the original had it, with a trailing slash if it had one, else as the site serves it.
    /// </summary>
    public static string UrlFor(JekyllSite site, ServedTarget target, string originalPath)
    {
        if (target.Page is null) return "/" + target.Path;
        var url = site.UrlOf(target.Page);
        var isIndex = JekyllSite.Stem(target.Page.Path).EndsWith("index", StringComparison.Ordinal);
        if (originalPath.EndsWith(".html", StringComparison.Ordinal) && !isIndex && !url.EndsWith(".html", StringComparison.Ordinal)) url += ".html";
        else if (originalPath.EndsWith('/') && !url.EndsWith('/')) url += "/";
        return url;
    }

    /// <summary>A fix that replaces the whole written URL, or null when the URL is not written literally (escapes, entities).</summary>
    public static Fix? Replace(LinkResolution link, string newUrl, string description)
    {
        var written = Written(link);
        if (written != link.Link.Url || link.Link.Length == 0) return null;
        return new Fix(description, [new TextEdit(link.Link.Offset, link.Link.Length, newUrl)]);
    }

    /// <summary>True for links in Markdown or HTML whose URL text a fix may rewrite.</summary>
    public static bool IsRewritable(Link link) => link.Kind != LinkKind.Autolink;
}
