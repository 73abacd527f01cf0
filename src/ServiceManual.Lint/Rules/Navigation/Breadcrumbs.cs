using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Rules;

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
        var result = new Breadcrumb[crumbs.Items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var item = crumbs.Items[i];
            var mapping = item as YamlMapping;
            var title = mapping?.Get("title") as YamlScalar;
            var url = mapping?.Get("url") as YamlScalar;
            result[i] = new Breadcrumb(page, item, title, url, url is { IsNull: false } ? ResolveCrumb(page, page.FrontMatter.GetWrittenRange(url).Offset, context) : null);
        }
        return result;
    }

    // Only the crumbs' own links are resolved: the label majority reads every page's trail, not every
    // link. A trail has a few crumbs, so its links are searched, not indexed.
    private static LinkResolution? ResolveCrumb(Page page, int offset, SiteContext context)
    {
        var links = page.CrumbLinks;
        for (var i = 0; i < links.Count; i++)
        {
            if (links[i].Offset == offset) return context.Resolve(page, links[i]);
        }
        return null;
    }

    /// <summary>Whether <paramref name="ancestor"/> is a proper ancestor of <paramref name="path"/> in the URL tree.</summary>
    public static bool IsAncestor(string ancestor, string path) =>
        ancestor == "/" ? path != "/" : path.StartsWith(ancestor + "/", StringComparison.Ordinal);
}
