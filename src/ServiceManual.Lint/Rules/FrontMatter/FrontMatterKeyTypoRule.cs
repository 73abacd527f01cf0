using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Rules;

/// <summary>SM105: a key that differs from a known key only by case or a small typo (<c>breadcrumb:</c>, <c>Status:</c>).</summary>
internal sealed class FrontMatterKeyTypoRule : IPageRule
{
    internal static readonly RuleMessage KeyTypo = new("key-typo", "unknown key '{key}' is probably '{intended}', so the site ignores it");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.FrontMatterKeyTypo, "front-matter-key-typo", "Front matter key looks like a misspelt known key", RuleCategory.FrontMatter, Severity.Warning, IsFixable: true) { IsThreadSafe = true, Messages = [KeyTypo], Reads = SiteReads.None };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<string>, HashSet<string>> KnownSets = [];

    /// <inheritdoc />
    public void Check(PageContext context)
    {
        var frontMatter = context.Page.FrontMatter;
        if (frontMatter?.Root is not { } root) return;
        var known = context.Configuration.SiteVocabulary.KnownKeys;
        // Every key of every page is looked up: in a set made once per list of known keys.
        var knownSet = KnownSets.GetValue(known, list => list.ToHashSet(StringComparer.Ordinal));
        HashSet<string>? present = null;
        for (var i = 0; i < root.Entries.Count; i++)
        {
            var key = root.Entries[i].Key;
            if (knownSet.Contains(key.Value)) continue;
            if (Intended(key.Value, known) is not { } intended) continue;
            // Renaming onto a key that is already there would make a duplicate: then only report.
            present ??= root.Entries.Select(e => e.Key.Value).ToHashSet(StringComparer.Ordinal);
            var fix = present.Contains(intended) ? null : YamlScalarEdit.Replace(frontMatter, key, intended, $"rename the key to '{intended}'");
            context.Report(frontMatter.GetSpan(key), KeyTypo.With(key.Value, intended), $"did you mean '{intended}'?", fix);
        }
    }

    // A difference of case, or a small typo in a longer key. (Its own method: a lambda capturing the
    // key would make its closure for every key of every page, known ones included.)
    private static string? Intended(string key, IReadOnlyList<string> known) =>
        known.FirstOrDefault(k => k.Equals(key, StringComparison.OrdinalIgnoreCase))
        ?? (key.Length >= 5 ? EditDistance.Closest(key, known, key.Length >= 8 ? 2 : 1)?.Value : null);
}
