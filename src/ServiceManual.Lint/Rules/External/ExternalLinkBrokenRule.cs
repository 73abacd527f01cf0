using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.External;

namespace ServiceManual.Lint.Rules;

/// <summary>SM310: the other site answered that the page is not there (404, 410, another 4xx) or its redirects go round in a loop.</summary>
internal sealed class ExternalLinkBrokenRule : IExternalLinkRule
{
    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.ExternalLinkBroken, "external-link-broken", "External link answers with an error", RuleCategory.External, Severity.Error, IsFixable: false) { IsThreadSafe = true };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    void IExternalLinkRule.Check(SiteContext context, IReadOnlyList<ExternalLink> links)
    {
        foreach (var link in links)
        {
            if (link.Result.Status != ExternalStatus.Broken) continue;
            context.Report(link.Link, $"external link '{link.Link.Link.Url}' is broken: {link.Result.Detail}");
        }
    }
}
