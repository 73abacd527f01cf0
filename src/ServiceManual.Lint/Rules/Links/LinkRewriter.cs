using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Sites;
using ServiceManual.Lint.Sites.Publishing;

namespace ServiceManual.Lint.Rules;

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
    /// The site-absolute URL of a served target, in the style the link used where the server serves
    /// that style too (<c>.html</c> or not, a trailing slash or not), else as the site's own links
    /// write it. Null when the target is not published.
    /// </summary>
    public static string? UrlFor(JekyllSite site, ServedTarget target, string originalPath)
    {
        if (target.Page is null) return site.WithBaseUrl("/" + Permalinks.Escape(target.Path));
        if (site.UrlOf(target.Page) is not { } url) return null;
        var styled = url;
        if (originalPath.EndsWith(".html", StringComparison.Ordinal) && !url.EndsWith(".html", StringComparison.Ordinal) && !url.EndsWith('/')) styled = url + ".html";
        else if (originalPath.EndsWith('/') && !url.EndsWith('/')) styled = url + "/";
        return styled != url && Reaches(site, styled, target) ? styled : url;
    }

    /// <summary>Whether a site-absolute URL (with the base URL, escaped) is served and lands on the target.</summary>
    public static bool Reaches(JekyllSite site, string url, ServedTarget target)
    {
        var baseUrl = site.Configuration.BaseUrl == "/" ? string.Empty : site.Configuration.BaseUrl;
        var path = Uri.UnescapeDataString(Strip(url));
        if (!path.StartsWith(baseUrl + "/", StringComparison.Ordinal)) return false;
        var served = site.Serve(path[(baseUrl.Length + 1)..]).File;
        return served is not null && served.Source == target.Path;

        static string Strip(string url)
        {
            var cut = url.IndexOfAny(['?', '#']);
            return cut < 0 ? url : url[..cut];
        }
    }

    /// <summary>True for links in Markdown or HTML whose URL text a fix may rewrite.</summary>
    public static bool IsRewritable(Link link) => link.Kind != LinkKind.Autolink && !link.Url.Contains("{{", StringComparison.Ordinal) && !link.Url.Contains("{%", StringComparison.Ordinal);
}
