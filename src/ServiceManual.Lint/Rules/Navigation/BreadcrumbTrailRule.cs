using System.Collections.Concurrent;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// SM202: a breadcrumb trail that does not follow the site's hierarchy: it must start at the home
/// page, list ancestors of the page (by served URL) from the root down, and not list the page itself.
/// </summary>
internal sealed class BreadcrumbTrailRule : IPageRule
{
    internal static readonly RuleMessage NotHome = new("not-home", "breadcrumb trail starts at '{url}' instead of the home page '{home}'");
    internal static readonly RuleMessage Self = new("self", "breadcrumb '{title}' is the page itself; a trail lists only the pages above it");
    internal static readonly RuleMessage NotAbove = new("not-above", "breadcrumb '{title}' ({target}) is not above this page ({path}) in the site");
    internal static readonly RuleMessage OutOfOrder = new("out-of-order", "breadcrumb '{title}' is out of order: a trail runs from the home page down");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.BreadcrumbTrail, "breadcrumb-trail", "Breadcrumb trail does not follow the site's hierarchy", RuleCategory.Navigation, Severity.Warning, IsFixable: false) { IsThreadSafe = true, Messages = [NotHome, Self, NotAbove, OutOfOrder], Reads = SiteReads.Files };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(PageContext pageContext)
    {
        // Only a rule set that says so makes breadcrumbs: lists trails (the Service Manual's does).
        if (!pageContext.Configuration.SiteVocabulary.Breadcrumbs) return;
        var site = pageContext.Site;
        var page = pageContext.Page;
        var context = pageContext.Inner;
        var (home, targetPaths) = PerSite.GetValue(site, static site =>
            Tuple.Create(site.Serve(site.Configuration.SiteVocabulary.Home.TrimStart('/')).File?.Page, new ConcurrentDictionary<Page, string>()));
        var crumbs = Breadcrumbs.Of(page, context);
        if (crumbs.Count == 0 || page.FrontMatter is not { } frontMatter) return;
        var path = site.TreePath(page);
        var previousDepth = -1;
        for (var i = 0; i < crumbs.Count; i++)
        {
            var crumb = crumbs[i];
            if (crumb.Target is not { } target || crumb.Url is null) continue; // SM201 reports crumbs that lead nowhere
            var span = frontMatter.GetSpan(crumb.Url);
            var targetPath = targetPaths.GetOrAdd(target, t => site.TreePath(t));
            if (i == 0 && home is not null && !ReferenceEquals(target, home))
            {
                context.Report(page, page.Path, span, NotHome.With(crumb.Url.Value, context.Configuration.SiteVocabulary.Home));
            }
            else if (ReferenceEquals(target, page))
            {
                context.Report(page, page.Path, span, Self.With(crumb.Title?.Value),
                    "remove this breadcrumb");
            }
            else if (!Breadcrumbs.IsAncestor(targetPath, path))
            {
                context.Report(page, page.Path, span, NotAbove.With(crumb.Title?.Value, targetPath, path));
            }
            else if (targetPath.Length <= previousDepth)
            {
                context.Report(page, page.Path, span, OutOfOrder.With(crumb.Title?.Value));
            }
            previousDepth = Math.Max(previousDepth, targetPath.Length);
        }
    }

    // The home page, and the served paths of the few pages trails lead to (home, a section): worked out once per site, not per page.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JekyllSite, Tuple<Page?, ConcurrentDictionary<Page, string>>> PerSite = [];
}
