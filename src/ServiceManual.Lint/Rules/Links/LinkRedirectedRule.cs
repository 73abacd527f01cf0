using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Site;

namespace ServiceManual.Lint.Rules.Links;

/// <summary>
/// SM308: a link to an old URL that jekyll-redirect-from keeps alive (<c>redirect_from:</c> on the
/// page that moved). It works, through a redirect page; the page's own URL is the fix.
/// </summary>
public sealed class LinkRedirectedRule : ISiteRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM308", "link-redirected", "Link goes through a redirect", "links", Severity.Warning, IsFixable: true);

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        foreach (var link in context.Links)
        {
            if (link.RedirectsTo is null || link.Outcome is not (LinkOutcome.Found or LinkOutcome.FragmentMissing) || link.Target?.Page is not { } page) continue;
            if (context.Site.UrlOf(page) is not { } url) continue;
            var written = LinkRewriter.Written(link);
            var fix = VerifiedFix.ForLink(context, link, url + LinkRewriter.Suffix(written), $"point the link at '{url}'", expected: link.Target.Path);
            context.Report(link, $"link '{link.Link.Url}' reaches '{page.Path}' only through a redirect (its redirect_from); link to the page itself",
                $"write '{url}'", fix);
        }
    }
}
