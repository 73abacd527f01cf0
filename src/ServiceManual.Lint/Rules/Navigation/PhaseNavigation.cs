using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Rules;

/// <summary>What a phase navigation item says it is.</summary>
internal enum PhaseNavRole { Next, Final, Previous, Unknown }

/// <summary>A phase navigation item read from the page: its role, the phase its text names, and where its link goes.</summary>
internal sealed record PhaseNavItem(ListItemLink Item, PhaseNavRole Role, string? NamedPhase, LinkResolution? Resolution)
{
    public Page? Target => Resolution is { Outcome: LinkOutcome.Found or LinkOutcome.FragmentMissing, Target.Page: { } page } ? page : null;
}

/// <summary>Phase pages, their order, and their navigation lists, shared by SM211 and SM212.</summary>
internal sealed class PhaseNavigation
{
    private readonly SiteContext context;
    private readonly SiteVocabulary ruleSet;

    public PhaseNavigation(SiteContext context)
    {
        this.context = context;
        ruleSet = context.Configuration.SiteVocabulary;
        PhasePages = context.Site.Pages.Where(p => PhaseOf(p) is not null && ruleSet.IsPhaseKind(ruleSet.KindOf(p.Layout))).ToArray();
    }

    /// <summary>
    /// Whether any page being linted is of a phase kind or names a phase: phase navigation findings
    /// are only ever on such pages, so without one there is nothing to read (a re-run over one
    /// guidance page reads no phase page).
    /// </summary>
    public static bool AnyLintedPhasePage(SiteContext context)
    {
        var ruleSet = context.Configuration.SiteVocabulary;
        if (ruleSet.PhaseOrder.Count == 0) return false; // a rule set without phases (the generic one) has no phase pages
        foreach (var page in context.LintedPages)
        {
            if (ruleSet.IsPhaseKind(ruleSet.KindOf(page.Layout)) || page.FrontMatter?.GetString("phase") is not null) return true;
        }
        return false;
    }

    /// <summary>Pages of a phase kind whose <c>phase:</c> is in the phase order.</summary>
    public IReadOnlyList<Page> PhasePages { get; }

    public IReadOnlyList<string> Order => ruleSet.PhaseOrder;

    /// <summary>Whether the page's layout makes it a phase page, whatever its <c>phase:</c> says.</summary>
    public bool IsPhaseKindPage(Page page) => ruleSet.IsPhaseKind(ruleSet.KindOf(page.Layout));

    public string? PhaseOf(Page page) => context.FrontMatterOf(page)?.GetString("phase") is { } phase && ruleSet.PhaseOrder.Contains(phase) ? phase : null;

    /// <summary>
    /// The page of a phase: the only phase page that declares it, or among several the one named
    /// after it (<c>alpha.md</c> rather than <c>ideal-alphas.md</c>); null when that is not clear.
    /// </summary>
    public Page? PageOf(string phase)
    {
        var pages = PhasePages.Where(p => PhaseOf(p) == phase).ToArray();
        if (pages.Length == 1) return pages[0];
        var named = pages.Where(p => Path.GetFileNameWithoutExtension(p.Path) == phase).ToArray();
        return named.Length == 1 ? named[0] : null;
    }

    public AttributedList? ListOf(Page page) => context.ListsOf(page).FirstOrDefault(l => l.Classes.Contains(ruleSet.PhaseNav.ClassName));

    public IReadOnlyList<PhaseNavItem> ItemsOf(Page page, AttributedList list)
    {
        // The list's links are its items, which the cache watches as the page's lists (read through ListOf).
        var resolutions = context.LinksOfPage(page).ToDictionary(l => l.Link);
        return list.Items.Select(item =>
        {
            var (role, phase) = Read(item.Link?.Text);
            return new PhaseNavItem(item, role, phase, item.Link is { } link && resolutions.TryGetValue(link, out var r) ? r : null);
        }).ToArray();
    }

    /// <summary>The items a phase page should have, in order: next (or final), then previous.</summary>
    public IReadOnlyList<(PhaseNavRole Role, string Phase)> Expected(string phase)
    {
        var index = ruleSet.PhaseOrder.ToList().IndexOf(phase);
        var expected = new List<(PhaseNavRole, string)>();
        if (index + 1 < ruleSet.PhaseOrder.Count)
        {
            var isLast = index + 2 == ruleSet.PhaseOrder.Count;
            expected.Add((isLast ? PhaseNavRole.Final : PhaseNavRole.Next, ruleSet.PhaseOrder[index + 1]));
        }
        if (index > 0) expected.Add((PhaseNavRole.Previous, ruleSet.PhaseOrder[index - 1]));
        return expected;
    }

    public string Label(PhaseNavRole role, string phase) => (role switch
    {
        PhaseNavRole.Next => ruleSet.PhaseNav.Next,
        PhaseNavRole.Final => ruleSet.PhaseNav.Final,
        _ => ruleSet.PhaseNav.Previous,
    }).Replace("{phase}", phase, StringComparison.Ordinal);

    private (PhaseNavRole, string?) Read(string? text)
    {
        if (text is null) return (PhaseNavRole.Unknown, null);
        foreach (var role in new[] { PhaseNavRole.Next, PhaseNavRole.Final, PhaseNavRole.Previous })
        {
            var template = Label(role, "{phase}");
            var cut = template.IndexOf("{phase}", StringComparison.Ordinal);
            var prefix = template[..cut];
            var suffix = template[(cut + 7)..];
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && text.Length > prefix.Length + suffix.Length)
            {
                return (role, text[prefix.Length..^suffix.Length].Trim());
            }
        }
        return (PhaseNavRole.Unknown, null);
    }
}
