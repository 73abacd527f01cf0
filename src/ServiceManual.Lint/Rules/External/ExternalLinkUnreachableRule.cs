using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.External;

namespace ServiceManual.Lint.Rules;

/// <summary>SM311: the other site cannot be reached at all: its name does not resolve, it refuses connections, TLS fails.</summary>
internal sealed class ExternalLinkUnreachableRule : IExternalLinkRule
{
    internal static readonly RuleMessage Unreachable = new("unreachable", "external link '{url}' is unreachable: {detail}");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.ExternalLinkUnreachable, "external-link-unreachable", "External link's host cannot be reached", RuleCategory.External, Severity.Error, IsFixable: false) { IsThreadSafe = true, Messages = [Unreachable], Reads = SiteReads.None };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    void IExternalLinkRule.Check(SiteContext context, IReadOnlyList<ExternalLink> links)
    {
        foreach (var link in links)
        {
            if (link.Result.Status != ExternalStatus.Unreachable) continue;
            context.Report(link.Link, Unreachable.With(link.Link.Link.Url, link.Result.Detail));
        }
    }
}
