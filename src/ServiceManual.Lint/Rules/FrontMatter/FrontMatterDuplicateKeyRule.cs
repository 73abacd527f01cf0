using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Rules.FrontMatter;

/// <summary>SM104: a front matter key written twice; YAML readers silently keep the last value.</summary>
public sealed class FrontMatterDuplicateKeyRule : IPageRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM104", "front-matter-duplicate-key", "Front matter key appears twice", "front-matter", Severity.Warning, IsFixable: false);

    /// <inheritdoc />
    public void Check(PageContext context)
    {
        var frontMatter = context.Page.FrontMatter;
        if (frontMatter?.Root is not { } root) return;
        // Positions are worked out only for the duplicates: most pages have none.
        var first = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
        foreach (var (key, _) in root.Entries)
        {
            if (first.TryGetValue(key.Value, out var earlier))
            {
                context.Report(frontMatter.GetSpan(key), $"key '{key.Value}' appears again (first on line {frontMatter.GetSpan(earlier).Line}); only this last value is used",
                    "remove one of them");
                continue;
            }
            first[key.Value] = key;
        }
    }
}
