using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.External;

namespace ServiceManual.Lint.Rules;

/// <summary>SM310: the other site answered that the page is not there (404, 410, another 4xx) or its redirects go round in a loop.</summary>
internal sealed class ExternalLinkBrokenRule : IExternalLinkRule
{
    internal static readonly RuleMessage Broken = new("broken", "external link '{url}' is broken: {detail}");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.ExternalLinkBroken, "external-link-broken", "External link answers with an error", RuleCategory.External, Severity.Error, IsFixable: false) { IsThreadSafe = true, Messages = [Broken], Reads = SiteReads.None };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    void IExternalLinkRule.Check(SiteContext context, IReadOnlyList<ExternalLink> links)
    {
        foreach (var link in links)
        {
            if (link.Result.Status != ExternalStatus.Broken) continue;
            context.Report(link.Link, Broken.With(link.Link.Link.Url, link.Result.Detail));
        }
    }
}
