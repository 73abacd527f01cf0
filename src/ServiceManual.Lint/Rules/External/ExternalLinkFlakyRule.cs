using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.External;

namespace ServiceManual.Lint.Rules;

/// <summary>SM312: the other site failed only in ways that pass (server errors, timeouts, rate limits), retries included: a warning, so a bad day elsewhere does not fail CI.</summary>
internal sealed class ExternalLinkFlakyRule : IExternalLinkRule
{
    internal static readonly RuleMessage Flaky = new("flaky", "external link '{url}' did not answer properly: {detail}");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.ExternalLinkFlaky, "external-link-flaky", "External link did not answer properly, even after retries", RuleCategory.External, Severity.Warning, IsFixable: false) { IsThreadSafe = true, Messages = [Flaky], Reads = SiteReads.None };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    void IExternalLinkRule.Check(SiteContext context, IReadOnlyList<ExternalLink> links)
    {
        foreach (var link in links)
        {
            if (link.Result.Status != ExternalStatus.Flaky) continue;
            context.Report(link.Link, Flaky.With(link.Link.Link.Url, link.Result.Detail));
        }
    }
}
