using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Site;

namespace ServiceManual.Lint.Rules.Navigation;

/// <summary>One entry of a page's <c>breadcrumbs:</c> list, with its URL already resolved.</summary>
internal sealed record Breadcrumb(Page Page, YamlValue Node, YamlScalar? Title, YamlScalar? Url, LinkResolution? Resolution)
{
    /// <summary>The page the crumb leads to, when its URL resolves to one.</summary>
    public Page? Target => TargetOf(Resolution);

    /// <summary>The page a crumb's resolved URL leads to, if any (a missing fragment still names the page).</summary>
    public static Page? TargetOf(LinkResolution? resolution) =>
        resolution is { Outcome: LinkOutcome.Found or LinkOutcome.FragmentMissing, Target.Page: { } page } ? page : null;
}

/// <summary>Reads breadcrumb trails and compares served URLs, shared by the breadcrumb rules.</summary>
internal static class Breadcrumbs
{
    public static IReadOnlyList<Breadcrumb> Of(Page page, SiteContext context)
    {
        if (page.FrontMatter?.Get("breadcrumbs") is not YamlSequence crumbs) return [];
        // Only the crumbs' own links: the label majority reads every page's trail, not every link.
        var resolutions = page.CrumbLinks.ToDictionary(l => l.Offset, l => context.Resolve(page, l));
        var result = new List<Breadcrumb>();
        foreach (var item in crumbs.Items)
        {
            var mapping = item as YamlMapping;
            var title = mapping?.Get("title") as YamlScalar;
            var url = mapping?.Get("url") as YamlScalar;
            LinkResolution? resolution = null;
            if (url is { IsNull: false }) resolutions.TryGetValue(page.FrontMatter.GetWrittenRange(url).Offset, out resolution);
            result.Add(new Breadcrumb(page, item, title, url, resolution));
        }
        return result;
    }

    /// <summary>A page's served path without base URL, <c>.html</c> or trailing slash: <c>/service-manual/agile</c>.</summary>
    public static string ServedPath(JekyllSite site, Page page)
    {
        var url = site.UrlOf(page);
        var baseUrl = site.Configuration.BaseUrl;
        if (baseUrl != "/" && url.StartsWith(baseUrl, StringComparison.Ordinal)) url = url[baseUrl.Length..];
        if (url.EndsWith(".html", StringComparison.Ordinal)) url = url[..^5];
        url = url.TrimEnd('/');
        return url.Length == 0 ? "/" : url;
    }

    /// <summary>Whether <paramref name="ancestor"/> is a proper ancestor of <paramref name="path"/> in the URL tree.</summary>
    public static bool IsAncestor(string ancestor, string path) =>
        ancestor == "/" ? path != "/" : path.StartsWith(ancestor + "/", StringComparison.Ordinal);
}
