using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.External;

namespace ServiceManual.Lint.Rules.External;

/// <summary>SM310: the other site answered that the page is not there (404, 410, another 4xx) or its redirects go round in a loop.</summary>
public sealed class ExternalLinkBrokenRule : IExternalLinkRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM310", "external-link-broken", "External link answers with an error", "external", Severity.Error, IsFixable: false);

    void IExternalLinkRule.Check(SiteContext context, IReadOnlyList<ExternalLink> links)
    {
        foreach (var link in links)
        {
            if (link.Result.Status != ExternalStatus.Broken) continue;
            context.Report(link.Link, $"external link '{link.Link.Link.Url}' is broken: {link.Result.Detail}");
        }
    }
}
