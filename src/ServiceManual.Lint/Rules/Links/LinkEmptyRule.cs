using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Rules;

/// <summary>SM304: a link with no target at all, <c>[text]()</c> or <c>href=""</c>.</summary>
internal sealed class LinkEmptyRule : ILinkRule
{
    internal static readonly RuleMessage EmptyTarget = new("empty-target", "link{text} has an empty target; readers following it reload the page");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.LinkEmpty, "link-empty", "Link target is empty", RuleCategory.Links, Severity.Error, IsFixable: true) { IsThreadSafe = true, Messages = [EmptyTarget], Reads = SiteReads.Files | SiteReads.FrontMatter };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(LinkContext context)
    {
        var link = context.Link;
        if (link.Outcome != LinkOutcome.Empty || link.Link.Kind == LinkKind.FrontMatter) return; // breadcrumbs: SM201
        var text = string.IsNullOrWhiteSpace(link.Link.Text) ? string.Empty : $" '{link.Link.Text}'";
        var message = EmptyTarget.With(text);
        // [Open standards]() where one page is titled "Open standards": that page, certainly.
        if (link.Link.Kind is LinkKind.Inline or LinkKind.Image && LinkTargetMissingRule.PageTitled(context.Site, link.Link.Text) is { } titled && context.UrlOf(titled) is { } url)
        {
            context.Report(message, $"did you mean '{url}'?", VerifiedFix.ForLink(context, link, url, $"point the link at '{url}'", expected: titled.Path));
            return;
        }
        context.Report(message, "add the URL the link should go to, or remove the link");
    }
}
