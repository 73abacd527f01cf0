using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Site;

namespace ServiceManual.Lint.Rules.Links;

/// <summary>SM303: a relative link whose <c>..</c> segments climb above the site root.</summary>
public sealed class LinkEscapesRootRule : ISiteRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM303", "link-escapes-root", "Link escapes the site root", "links", Severity.Error, IsFixable: false);

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        foreach (var link in context.Links)
        {
            if (link.Outcome != LinkOutcome.EscapesRoot) continue;
            context.Report(link, $"link '{link.Link.Url}' climbs above the site root; nothing outside the site can be served",
                "use a site-absolute path such as '/service-manual/...'");
        }
    }
}
