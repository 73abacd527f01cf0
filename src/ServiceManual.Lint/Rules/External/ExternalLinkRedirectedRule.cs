using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.External;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// SM313: the URL is permanently redirected (301 or 308): the page has moved and says so; the new
/// URL (where the permanent redirects lead, the link's fragment kept) is the fix. Temporary
/// redirects (302, 303, 307) are how some sites work and are not reported.
/// </summary>
internal sealed class ExternalLinkRedirectedRule : IExternalLinkRule
{
    internal static readonly RuleMessage Redirected = new("redirected", "external link '{url}' is permanently redirected to '{target}'");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.ExternalLinkRedirected, "external-link-redirected", "External link is permanently redirected", RuleCategory.External, Severity.Warning, IsFixable: true) { IsThreadSafe = true, Messages = [Redirected], Reads = SiteReads.Files };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    void IExternalLinkRule.Check(SiteContext context, IReadOnlyList<ExternalLink> links)
    {
        foreach (var link in links)
        {
            if (link.Result is not { Status: ExternalStatus.Ok, PermanentRedirect: { } moved }) continue;
            var target = link.Fragment is null || moved.Contains('#') ? moved : moved + "#" + Uri.EscapeDataString(link.Fragment).Replace("%2D", "-");
            // Read back as kramdown reads it, so the edited link is still this one URL.
            var fix = VerifiedFix.ForLink(context, link.Link, target, $"point the link at '{target}'", external: true);
            context.Report(link.Link, Redirected.With(link.Link.Link.Url, target), $"write '{target}'", fix);
        }
    }
}
