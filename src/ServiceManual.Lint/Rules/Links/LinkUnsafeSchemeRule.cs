using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Site;

namespace ServiceManual.Lint.Rules.Links;

/// <summary>
/// SM307: a <c>javascript:</c>, <c>vbscript:</c> or <c>data:</c> URL in content or front matter. It
/// runs or embeds content instead of linking to a page: a script in a pull request, or a phishing
/// page that no link checker follows.
/// </summary>
public sealed class LinkUnsafeSchemeRule : ISiteRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM307", "link-unsafe-scheme", "Link runs script or embeds data instead of linking", "links", Severity.Error, IsFixable: false);

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        foreach (var link in context.Links)
        {
            if (link.Outcome != LinkOutcome.UnsafeScheme) continue;
            var scheme = link.Link.Url.Trim()[..link.Link.Url.Trim().IndexOf(':')].ToLowerInvariant();
            context.Report(link, $"link '{Shorten(link.Link.Url)}' uses the '{scheme}:' scheme: it runs or embeds content instead of linking to a page",
                "link to a page or file of the site, or to an https: URL");
        }
    }

    private static string Shorten(string url) => url.Length <= 60 ? url : url[..57] + "...";
}
