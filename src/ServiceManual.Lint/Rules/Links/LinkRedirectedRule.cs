using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// SM308: a link to an old URL that jekyll-redirect-from keeps alive (<c>redirect_from:</c> on the
/// page that moved). It works, through a redirect page; the page's own URL is the fix.
/// </summary>
internal sealed class LinkRedirectedRule : ILinkRule
{
    internal static readonly RuleMessage Redirected = new("redirected", "link '{url}' reaches '{path}' only through a redirect (its redirect_from); link to the page itself");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.LinkRedirected, "link-redirected", "Link goes through a redirect", RuleCategory.Links, Severity.Warning, IsFixable: true) { IsThreadSafe = true, Messages = [Redirected], Reads = SiteReads.Files | SiteReads.FrontMatter };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(LinkContext context)
    {
        var link = context.Link;
        if (link.RedirectsTo is null || link.Outcome is not (LinkOutcome.Found or LinkOutcome.FragmentMissing) || link.Target?.Page is not { } page) return;
        if (context.UrlOf(page) is not { } url) return;
        var written = LinkRewriter.Written(link);
        var fix = VerifiedFix.ForLink(context, link, url + LinkRewriter.Suffix(written), $"point the link at '{url}'", expected: link.Target.Path);
        context.Report(Redirected.With(link.Link.Url, page.Path),
            $"write '{url}'", fix);
    }
}
