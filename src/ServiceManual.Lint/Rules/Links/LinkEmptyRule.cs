using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Site;

namespace ServiceManual.Lint.Rules.Links;

/// <summary>SM304: a link with no target at all, <c>[text]()</c> or <c>href=""</c>.</summary>
public sealed class LinkEmptyRule : ISiteRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM304", "link-empty", "Link target is empty", "links", Severity.Error, IsFixable: true);

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        foreach (var link in context.Links)
        {
            if (link.Outcome != LinkOutcome.Empty || link.Link.Kind == LinkKind.FrontMatter) continue; // breadcrumbs: SM201
            var text = string.IsNullOrWhiteSpace(link.Link.Text) ? string.Empty : $" '{link.Link.Text}'";
            var message = $"link{text} has an empty target; readers following it reload the page";
            // [Open standards]() where one page is titled "Open standards": that page, certainly.
            if (link.Link.Kind is LinkKind.Inline or LinkKind.Image && LinkTargetMissingRule.PageTitled(context.Site, link.Link.Text) is { } titled && context.Site.UrlOf(titled) is { } url)
            {
                context.Report(link, message, $"did you mean '{url}'?", VerifiedFix.ForLink(context, link, url, $"point the link at '{url}'", expected: titled.Path));
                continue;
            }
            context.Report(link, message, "add the URL the link should go to, or remove the link");
        }
    }
}
