using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.External;

namespace ServiceManual.Lint.Rules.External;

/// <summary>SM311: the other site cannot be reached at all: its name does not resolve, it refuses connections, TLS fails.</summary>
public sealed class ExternalLinkUnreachableRule : IExternalLinkRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM311", "external-link-unreachable", "External link's host cannot be reached", "external", Severity.Error, IsFixable: false);

    void IExternalLinkRule.Check(SiteContext context, IReadOnlyList<ExternalLink> links)
    {
        foreach (var link in links)
        {
            if (link.Result.Status != ExternalStatus.Unreachable) continue;
            context.Report(link.Link, $"external link '{link.Link.Link.Url}' is unreachable: {link.Result.Detail}");
        }
    }
}
