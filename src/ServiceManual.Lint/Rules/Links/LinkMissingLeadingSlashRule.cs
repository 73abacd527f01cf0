using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Site;

namespace ServiceManual.Lint.Rules.Links;

/// <summary>SM305: <c>service-manual/x.html</c> written without its leading slash, so it only works from the root.</summary>
public sealed class LinkMissingLeadingSlashRule : ISiteRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM305", "link-missing-leading-slash", "Relative link only works from the site root", "links", Severity.Error, IsFixable: true);

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        foreach (var link in context.Links)
        {
            if (link.Outcome != LinkOutcome.MissingLeadingSlash) continue;
            var written = LinkRewriter.Written(link);
            var fixedUrl = "/" + written;
            var fix = VerifiedFix.ForLink(context, link, fixedUrl, "add the leading slash", expected: link.Target?.Path);
            context.Report(link, $"link '{link.Link.Url}' is relative to this page and does not exist here; it only works from the site root",
                $"add the leading slash: '{fixedUrl}'", fix);
        }
    }
}
