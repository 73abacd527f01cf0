using ServiceManual.Lint.Diagnostics;

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
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, _) in root.Entries)
        {
            var span = frontMatter.GetSpan(key);
            if (first.TryGetValue(key.Value, out var firstLine))
            {
                context.Report(span, $"key '{key.Value}' appears again (first on line {firstLine}); only this last value is used",
                    "remove one of them");
                continue;
            }
            first[key.Value] = span.Line;
        }
    }
}
