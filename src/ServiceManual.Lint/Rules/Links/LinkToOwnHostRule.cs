using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// SM306: a full URL on the site's own production host (such as <c>https://www.gov.uk/service-manual/...</c>)
/// where a site-absolute path would do: it leaves preview builds for production and hides broken links
/// from link checkers that skip external URLs. Broken ones are reported by SM301/SM302 instead.
/// </summary>
internal sealed class LinkToOwnHostRule : ILinkRule
{
    internal static readonly RuleMessage OwnHost = new("own-host", "link '{url}' points at this site's production host; link within the site instead");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.LinkOwnHost, "link-own-host", "Link to the site's own host should be site-absolute", RuleCategory.Links, Severity.Warning, IsFixable: true) { IsThreadSafe = true, Messages = [OwnHost], Reads = SiteReads.Files };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(LinkContext context)
    {
        var link = context.Link;
        // {{ site.url }}/x is the author's deliberate full URL (feeds, e-mails): not this rule's business.
        if (!link.ViaOwnHost || link.FromLiquid || link.Outcome != LinkOutcome.Found || link.Target is null || link.TargetPath is null) return;
        var written = LinkRewriter.Written(link);
        var relative = LinkRewriter.UrlFor(context.Site, link.Target, link.TargetPath) + LinkRewriter.Suffix(written);
        context.Report(OwnHost.With(link.Link.Url),
            $"write '{relative}'", VerifiedFix.ForLink(context, link, relative, "make the link site-absolute", expected: link.Target.Path));
    }
}
