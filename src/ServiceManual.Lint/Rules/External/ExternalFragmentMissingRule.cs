using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.External;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// SM314: the other site's page is there but has no element with the link's fragment as its id
/// (or <c>a name</c>), so the reader lands at the top of the page. A warning: pages built by
/// scripts may add ids the HTML does not have.
/// </summary>
internal sealed class ExternalFragmentMissingRule : IExternalLinkRule
{
    internal static readonly RuleMessage MissingFragment = new("missing-fragment", "external link '{url}' points at '#{fragment}', which its page does not have");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.ExternalFragmentMissing, "external-fragment-missing", "External link's #fragment is not on the page", RuleCategory.External, Severity.Warning, IsFixable: false) { IsThreadSafe = true, Messages = [MissingFragment], Reads = SiteReads.None };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    void IExternalLinkRule.Check(SiteContext context, IReadOnlyList<ExternalLink> links)
    {
        foreach (var link in links)
        {
            if (link.Result is not { Status: ExternalStatus.Ok, Ids: { } ids } || link.Fragment is not { } fragment || !ExternalLinkPhase.IsCheckable(fragment)) continue;
            // GitHub renders README headings as id="user-content-x" and a script scrolls to #x.
            if (ids.Contains(fragment) || ids.Contains("user-content-" + fragment)) continue;
            context.Report(link.Link, MissingFragment.With(link.Link.Link.Url, fragment));
        }
    }
}
