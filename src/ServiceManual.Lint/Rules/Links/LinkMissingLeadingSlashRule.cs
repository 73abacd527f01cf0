using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Rules;

/// <summary>SM305: <c>service-manual/x.html</c> written without its leading slash, so it only works from the root.</summary>
internal sealed class LinkMissingLeadingSlashRule : ILinkRule
{
    internal static readonly RuleMessage RootRelative = new("root-relative", "link '{url}' is relative to this page and does not exist here; it only works from the site root");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.LinkMissingLeadingSlash, "link-missing-leading-slash", "Relative link only works from the site root", RuleCategory.Links, Severity.Error, IsFixable: true) { IsThreadSafe = true, Messages = [RootRelative], Reads = SiteReads.Files };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(LinkContext context)
    {
        var link = context.Link;
        if (link.Outcome != LinkOutcome.MissingLeadingSlash) return;
        var written = LinkRewriter.Written(link);
        var fixedUrl = "/" + written;
        var fix = VerifiedFix.ForLink(context, link, fixedUrl, "add the leading slash", expected: link.Target?.Path);
        context.Report(RootRelative.With(link.Link.Url),
            $"add the leading slash: '{fixedUrl}'", fix);
    }
}
