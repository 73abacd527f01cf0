using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Rules.FrontMatter;

/// <summary>SM103: a front matter value of the wrong type, not among the allowed values, or a layout that does not exist.</summary>
public sealed class FrontMatterValueRule : IPageRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM103", "front-matter-value", "Front matter value is not allowed", "front-matter", Severity.Error, IsFixable: true);

    /// <inheritdoc />
    public void Check(PageContext context)
    {
        var frontMatter = context.Page.FrontMatter;
        if (frontMatter?.Root is not { } root) return;
        var ruleSet = context.Site.Configuration.RuleSet;

        foreach (var (key, value) in root.Entries)
        {
            if (value is YamlScalar { IsNull: true }) continue;
            if (ruleSet.Types.TryGetValue(key.Value, out var type) && TypeName(value) != type)
            {
                context.Report(frontMatter.GetSpan(value), $"'{key.Value}' must be a {type}, not a {TypeName(value)}");
                continue;
            }
            if (ruleSet.Values.TryGetValue(key.Value, out var allowed))
            {
                IEnumerable<YamlValue> items = value is YamlSequence sequence ? sequence.Items : [value];
                foreach (var item in items.OfType<YamlScalar>()) CheckAllowed(context, frontMatter, key.Value, item, allowed);
            }
        }

        if (root.Get("layout") is YamlScalar { IsNull: false } layout && context.Site.FindLayout(layout.Value) is null)
        {
            var layouts = context.Site.Templates.Where(t => t.Path.StartsWith("_layouts/", StringComparison.Ordinal))
                .Select(t => Path.GetFileNameWithoutExtension(t.Path)).ToArray();
            var close = EditDistance.Closest(layout.Value, layouts, 2);
            context.Report(frontMatter.GetSpan(layout), $"layout '{layout.Value}' does not exist: no _layouts/{layout.Value}.html",
                close is { } c ? $"did you mean '{c.Value}'?" : null,
                close is { } certain ? YamlScalarEdit.Replace(frontMatter, layout, certain.Value, $"use layout '{certain.Value}'") : null);
        }
    }

    private static void CheckAllowed(PageContext context, Documents.FrontMatter frontMatter, string key, YamlScalar item, IReadOnlyList<string> allowed)
    {
        if (allowed.Contains(item.Value)) return;
        // A difference of case or a small typo has one certain intended value.
        var intended = allowed.FirstOrDefault(a => a.Equals(item.Value, StringComparison.OrdinalIgnoreCase))
            ?? EditDistance.Closest(item.Value, allowed, 2)?.Value;
        context.Report(frontMatter.GetSpan(item), $"{key} '{item.Value}' is not one of: {string.Join(", ", allowed)}",
            intended is null ? null : $"did you mean '{intended}'?",
            intended is null ? null : YamlScalarEdit.Replace(frontMatter, item, intended, $"use '{intended}'"));
    }

    private static string TypeName(YamlValue value) => value switch
    {
        YamlSequence => "list",
        YamlMapping => "mapping",
        _ => "string",
    };
}
