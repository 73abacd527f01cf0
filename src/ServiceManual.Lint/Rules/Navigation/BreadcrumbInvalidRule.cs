using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Rules;

/// <summary>SM201: a breadcrumb without a title or url, or whose url is not a page of the site.</summary>
internal sealed class BreadcrumbInvalidRule : IPageRule
{
    internal static readonly RuleMessage NotMapping = new("not-mapping", "breadcrumb must be a mapping with 'title' and 'url'");
    internal static readonly RuleMessage NoTitle = new("no-title", "breadcrumb has no 'title'");
    internal static readonly RuleMessage NoUrl = new("no-url", "breadcrumb has no 'url'");
    internal static readonly RuleMessage NotAPage = new("not-a-page", "breadcrumb '{title}' points at '{url}', which is not a page of the site");
    internal static readonly RuleMessage NotThisSite = new("not-this-site", "breadcrumb '{title}' points at '{url}', which is not a page of this site");
    internal static readonly RuleMessage PointsAtFile = new("points-at-file", "breadcrumb '{title}' points at the file '{url}', not a page");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.BreadcrumbInvalid, "breadcrumb-invalid", "Breadcrumb lacks a title or url, or its url is not a page", RuleCategory.Navigation, Severity.Error, IsFixable: true) { IsThreadSafe = true, Messages = [NotMapping, NoTitle, NoUrl, NotAPage, NotThisSite, PointsAtFile], Reads = SiteReads.Files | SiteReads.FrontMatter };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(PageContext pageContext)
    {
        // Only a rule set that says so makes breadcrumbs: lists trails (the Service Manual's does).
        if (!pageContext.Configuration.SiteVocabulary.Breadcrumbs) return;
        var page = pageContext.Page;
        var context = pageContext.Inner;
        var frontMatter = page.FrontMatter;
        if (frontMatter?.Root is null) return;
        foreach (var crumb in Breadcrumbs.Of(page, context))
        {
            var at = frontMatter.GetSpan(crumb.Node);
            if (crumb.Node is not YamlMapping)
            {
                context.Report(page, page.Path, at, NotMapping);
                continue;
            }
            if (crumb.Title is null or { IsNull: true } || crumb.Title.Value.Trim().Length == 0) context.Report(page, page.Path, at, NoTitle, "add 'title:' with the label readers see");
            if (crumb.Url is null or { IsNull: true } || crumb.Url.Value.Trim().Length == 0)
            {
                context.Report(page, page.Path, at, NoUrl, "add 'url:' with the site-absolute path of the page");
                continue;
            }
            switch (crumb.Resolution)
            {
                case { Outcome: LinkOutcome.Missing }:
                {
                    var intended = IntendedAncestor(context.Site, page, crumb);
                    var url = intended is null ? null : context.UrlOf(intended);
                    context.Report(page, page.Path, frontMatter.GetSpan(crumb.Url), NotAPage.With(crumb.Title?.Value, crumb.Url.Value),
                        url is null ? null : $"did you mean '{url}'?",
                        url is null ? null : VerifiedFix.ForBreadcrumb(context, page, YamlScalarEdit.Replace(frontMatter, crumb.Url, url, $"point the breadcrumb at '{url}'"), intended!));
                    break;
                }
                case { Outcome: LinkOutcome.External or LinkOutcome.OtherApplication or LinkOutcome.NotServedBySite or LinkOutcome.UnsafeScheme or LinkOutcome.LocalFile }:
                    context.Report(page, page.Path, frontMatter.GetSpan(crumb.Url), NotThisSite.With(crumb.Title?.Value, crumb.Url.Value),
                        "a breadcrumb leads to a page of this site: use its site-absolute path");
                    break;
                case { Outcome: LinkOutcome.Found, Target.Page: null }:
                    context.Report(page, page.Path, frontMatter.GetSpan(crumb.Url), PointsAtFile.With(crumb.Title?.Value, crumb.Url.Value));
                    break;
            }
        }
    }

    // Certain only when exactly one ancestor page of this page has the crumb's label as its title.
    private static Page? IntendedAncestor(JekyllSite site, Page page, Breadcrumb crumb)
    {
        if (crumb.Title?.Value is not { Length: > 0 } label) return null;
        var path = site.TreePath(page);
        var titled = PagesByTitle.GetValue(site, static site => site.Pages.Where(p => p.Title is not null).ToLookup(p => p.Title!, StringComparer.Ordinal));
        var matches = titled[label].Where(p => Breadcrumbs.IsAncestor(site.TreePath(p), path)).Take(2).ToArray();
        return matches.Length == 1 ? matches[0] : null;
    }

    // Built once per site, on the first broken crumb: a site with thousands of them asks thousands of times.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JekyllSite, ILookup<string, Page>> PagesByTitle = [];
}
