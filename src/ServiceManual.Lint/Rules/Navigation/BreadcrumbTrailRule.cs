using System.Collections.Concurrent;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Rules.Navigation;

/// <summary>
/// SM202: a breadcrumb trail that does not follow the site's hierarchy: it must start at the home
/// page, list ancestors of the page (by served URL) from the root down, and not list the page itself.
/// </summary>
public sealed class BreadcrumbTrailRule : ISiteRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM202", "breadcrumb-trail", "Breadcrumb trail does not follow the site's hierarchy", "navigation", Severity.Warning, IsFixable: false);

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        // Only a rule set that says so makes breadcrumbs: lists trails (the Service Manual's does).
        if (!context.Configuration.RuleSet.Breadcrumbs) return;
        var site = context.Site;
        var home = site.Serve(context.Configuration.RuleSet.Home.TrimStart('/')).File?.Page;
        // Trails lead to the same few pages (home, a section): their served paths are worked out once.
        var targetPaths = new ConcurrentDictionary<Page, string>();
        // Each page's trail is checked on its own, on every core; the lambda's context (shadowing the
        // rule's, so the shared one cannot be reached by mistake) reports to that page's own list.
        context.CheckEachInParallel(context.LintedPages, (page, context) =>
        {
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
                    context.Report(page, page.Path, span, $"breadcrumb trail starts at '{crumb.Url.Value}' instead of the home page '{context.Configuration.RuleSet.Home}'");
                }
                else if (ReferenceEquals(target, page))
                {
                    context.Report(page, page.Path, span, $"breadcrumb '{crumb.Title?.Value}' is the page itself; a trail lists only the pages above it",
                        "remove this breadcrumb");
                }
                else if (!Breadcrumbs.IsAncestor(targetPath, path))
                {
                    context.Report(page, page.Path, span, $"breadcrumb '{crumb.Title?.Value}' ({targetPath}) is not above this page ({path}) in the site");
                }
                else if (targetPath.Length <= previousDepth)
                {
                    context.Report(page, page.Path, span, $"breadcrumb '{crumb.Title?.Value}' is out of order: a trail runs from the home page down");
                }
                previousDepth = Math.Max(previousDepth, targetPath.Length);
            }
        });
    }
}
