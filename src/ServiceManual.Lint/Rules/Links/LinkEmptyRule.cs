using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Site;

namespace ServiceManual.Lint.Rules.Links;

/// <summary>SM304: a link with no target at all, <c>[text]()</c> or <c>href=""</c>.</summary>
public sealed class LinkEmptyRule : ISiteRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM304", "link-empty", "Link target is empty", "links", Severity.Error, IsFixable: false);

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        foreach (var link in context.Links)
        {
            if (link.Outcome != LinkOutcome.Empty || link.Link.Kind == LinkKind.FrontMatter) continue; // breadcrumbs: SM201
            var text = string.IsNullOrWhiteSpace(link.Link.Text) ? string.Empty : $" '{link.Link.Text}'";
            context.Report(link, $"link{text} has an empty target; readers following it reload the page", "add the URL the link should go to, or remove the link");
        }
    }
}
