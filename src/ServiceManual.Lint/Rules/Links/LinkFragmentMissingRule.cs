using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Site;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Rules.Links;

/// <summary>SM302: a <c>#fragment</c> that names no id on the target page, as kramdown would generate ids.</summary>
public sealed class LinkFragmentMissingRule : ISiteRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM302", "link-fragment-missing", "Link fragment does not exist on the target page", "links", Severity.Error, IsFixable: false);

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        foreach (var link in context.Links)
        {
            if (link.Outcome != LinkOutcome.FragmentMissing || link.Target?.Page is not { } target || link.Fragment is null) continue;
            var ids = context.Site.AnchorsOf(target);
            var nearest = EditDistance.Closest(link.Fragment, ids, Math.Max(3, link.Fragment.Length / 3));
            var suggestion = nearest is { } n ? $"did you mean '#{n.Value}'?" : null;
            var where = ReferenceEquals(target, link.Source) ? "this page" : $"'{target.Path}'";
            context.Report(link, $"fragment '#{link.Fragment}' does not exist on {where}", suggestion);
        }
    }
}
