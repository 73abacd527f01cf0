using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Rules;

/// <summary>SM104: a front matter key written twice; YAML readers silently keep the last value.</summary>
internal sealed class FrontMatterDuplicateKeyRule : IPageRule
{
    internal static readonly RuleMessage DuplicateKey = new("duplicate-key", "key '{key}' appears again (first on line {line}); only this last value is used");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.FrontMatterDuplicateKey, "front-matter-duplicate-key", "Front matter key appears twice", RuleCategory.FrontMatter, Severity.Warning, IsFixable: false) { IsThreadSafe = true, Messages = [DuplicateKey], Reads = SiteReads.None };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(PageContext context)
    {
        var frontMatter = context.Page.FrontMatter;
        if (frontMatter?.Root is not { } root) return;
        // Positions are worked out only for the duplicates: most pages have none. A page has a dozen
        // keys or so: comparing each with those before it costs less than a dictionary per page.
        var entries = root.Entries;
        var first = entries.Count > SmallMapping ? new Dictionary<string, YamlScalar>(StringComparer.Ordinal) : null;
        for (var i = 0; i < entries.Count; i++)
        {
            var key = entries[i].Key;
            if (FirstBefore(entries, i, first) is { } earlier)
            {
                context.Report(frontMatter.GetSpan(key), DuplicateKey.With(key.Value, frontMatter.GetSpan(earlier).Line.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    "remove one of them");
                continue;
            }
            first?.Add(key.Value, key);
        }
    }

    private const int SmallMapping = 32;

    // The first key before entries[index] with the same name, if any.
    private static YamlScalar? FirstBefore(IReadOnlyList<KeyValuePair<YamlScalar, YamlValue>> entries, int index, Dictionary<string, YamlScalar>? first)
    {
        var name = entries[index].Key.Value;
        if (first is not null) return first.GetValueOrDefault(name);
        for (var j = 0; j < index; j++)
        {
            if (entries[j].Key.Value == name) return entries[j].Key;
        }
        return null;
    }
}
