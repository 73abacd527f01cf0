using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// SM303: a relative link whose <c>..</c> segments climb above the site root. Browsers stop at the
/// root, so it reaches its target; it is fragile (it breaks when the page moves) and misleading.
/// One that reaches nothing is SM301's.
/// </summary>
internal sealed class LinkEscapesRootRule : ILinkRule
{
    internal static readonly RuleMessage EscapesRoot = new("escapes-root", "link '{url}' climbs above the site root; browsers stop at the root, so it only works by accident");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.LinkEscapesRoot, "link-escapes-root", "Link climbs above the site root", RuleCategory.Links, Severity.Warning, IsFixable: true) { IsThreadSafe = true, Messages = [EscapesRoot], Reads = SiteReads.Files };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(LinkContext context)
    {
        var link = context.Link;
        if (link.Outcome != LinkOutcome.EscapesRoot) return;
        var url = link.Target is { } target ? LinkRewriter.UrlFor(context.Site, target, link.TargetPath ?? string.Empty) : null;
        var fix = url is null ? null : VerifiedFix.ForLink(context, link, url + LinkRewriter.Suffix(LinkRewriter.Written(link)), $"point the link at '{url}'", expected: link.Target!.Path);
        context.Report(EscapesRoot.With(link.Link.Url),
            url is null ? "use a site-absolute path" : $"write '{url}'", fix);
    }
}
