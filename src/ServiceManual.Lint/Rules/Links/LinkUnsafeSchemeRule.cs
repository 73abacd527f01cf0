using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// SM307: a <c>javascript:</c>, <c>vbscript:</c> or <c>data:</c> URL in content or front matter. It
/// runs or embeds content instead of linking to a page: a script in a pull request, or a phishing
/// page that no link checker follows.
/// </summary>
internal sealed class LinkUnsafeSchemeRule : ILinkRule
{
    internal static readonly RuleMessage UnsafeScheme = new("unsafe-scheme", "link '{url}' uses the '{scheme}:' scheme: it runs or embeds content instead of linking to a page");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.LinkUnsafeScheme, "link-unsafe-scheme", "Link runs script or embeds data instead of linking", RuleCategory.Links, Severity.Error, IsFixable: false) { IsThreadSafe = true, Messages = [UnsafeScheme], Reads = SiteReads.None };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(LinkContext context)
    {
        var link = context.Link;
        if (link.Outcome != LinkOutcome.UnsafeScheme) return;
        var scheme = link.Link.Url.Trim()[..link.Link.Url.Trim().IndexOf(':')].ToLowerInvariant();
        context.Report(UnsafeScheme.With(Shorten(link.Link.Url), scheme),
            "link to a page or file of the site, or to an https: URL");
    }

    private static string Shorten(string url) => url.Length <= 60 ? url : url[..57] + "...";
}
