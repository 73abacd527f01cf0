using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Rules.FrontMatter;

namespace ServiceManual.Lint.Rules.Navigation;

/// <summary>
/// SM203: the same page carries different breadcrumb labels on different pages. The label equal to
/// the target page's title is canonical; otherwise the most common one. A label used the same way
/// everywhere is the site's choice, even if it differs from the title.
/// </summary>
public sealed class BreadcrumbLabelRule : ISiteRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM203", "breadcrumb-label", "Breadcrumb labels for the same page disagree", "navigation", Severity.Warning, IsFixable: true);

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        var crumbs = context.Site.Pages.SelectMany(page => Breadcrumbs.Of(page, context))
            .Where(c => c.Target is not null && c.Title is { IsNull: false })
            .GroupBy(c => c.Target!);
        foreach (var group in crumbs)
        {
            var counts = group.GroupBy(c => c.Title!.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            if (counts.Count < 2) continue;
            var title = group.Key.Title;
            string canonical;
            string why;
            if (title is not null && counts.ContainsKey(title))
            {
                canonical = title;
                why = $"the title of {group.Key.Path}";
            }
            else
            {
                var ranked = counts.OrderByDescending(c => c.Value).ToArray();
                if (ranked[0].Value == ranked[1].Value) continue; // no majority: nothing certain to say
                canonical = ranked[0].Key;
                why = "the most common label";
            }
            var usage = string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"'{c.Key}' on {c.Value} page{(c.Value == 1 ? "" : "s")}"));
            foreach (var crumb in group.Where(c => c.Title!.Value != canonical && context.IsLinted(c.Page.Path)))
            {
                var frontMatter = crumb.Page.FrontMatter!;
                context.Report(crumb.Page, crumb.Page.Path, frontMatter.GetSpan(crumb.Title!),
                    $"breadcrumb label '{crumb.Title!.Value}' for {Breadcrumbs.ServedPath(context.Site, group.Key)} differs from '{canonical}', {why} ({usage})",
                    $"use '{canonical}'", YamlScalarEdit.Replace(frontMatter, crumb.Title!, canonical, $"relabel the breadcrumb '{canonical}'"));
            }
        }
    }
}
