using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Rules;

/// <summary>SM102: a page lacks a front matter key its kind requires (the rule set says which).</summary>
internal sealed class FrontMatterRequiredKeyRule : IPageRule
{
    internal static readonly RuleMessage MissingKey = new("missing-key", "front matter has no '{key}': {which} must have {required}");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.FrontMatterRequiredKey, "front-matter-required-key", "Front matter lacks a required key", RuleCategory.FrontMatter, Severity.Error, IsFixable: false) { IsThreadSafe = true, Messages = [MissingKey], Reads = SiteReads.Files };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(PageContext context)
    {
        var frontMatter = context.Page.FrontMatter;
        if (frontMatter is null || frontMatter.Error is not null) return;
        // A redirect_to page is only a redirect (jekyll-redirect-from writes it): it needs no layout or title.
        if (context.Page.Publishing.RedirectTo is not null && context.Configuration.Jekyll.RedirectsFrom) return;
        var layout = context.Site.Output.LayoutOf(context.Page);
        var kind = context.Configuration.SiteVocabulary.KindOf(layout);
        foreach (var key in kind.Required)
        {
            if (frontMatter.Get(key) is not null and not YamlScalar { IsNull: true }) continue;
            // A value _config.yml's defaults give the page counts as set.
            if (context.Site.Output.DefaultOf(context.Page, key) is not null) continue;
            var which = layout is { } named ? $"{kind.Kind} pages (layout '{named}')" : $"{kind.Kind} pages";
            context.Report(context.Page.Source.GetSpan(0, 3), MissingKey.With(key, which, string.Join(", ", kind.Required)),
                $"add a line '{key}: ...' between the '---' lines");
        }
    }
}
