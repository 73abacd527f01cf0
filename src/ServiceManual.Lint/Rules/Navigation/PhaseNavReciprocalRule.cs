using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Rules;

/// <summary>SM212: phase navigation that is not reciprocal: if A's next phase is B, B's previous phase must be A.</summary>
internal sealed class PhaseNavReciprocalRule : ISiteRule
{
    internal static readonly RuleMessage NotReciprocal = new("not-reciprocal", "previous phase links to {back}, but the page whose next phase is this one is {page}");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.PhaseNavReciprocal, "phase-nav-reciprocal", "Phase navigation is not reciprocal", RuleCategory.Navigation, Severity.Error, IsFixable: false) { IsThreadSafe = true, Messages = [NotReciprocal], Reads = SiteReads.Files | SiteReads.FrontMatter | SiteReads.Lists };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        if (!PhaseNavigation.AnyLintedPhasePage(context)) return;
        var navigation = new PhaseNavigation(context);
        foreach (var phase in navigation.Order)
        {
            // Only the page of each phase takes part; other pages of a phase (ideal-alphas.md) may point onwards too.
            if (navigation.PageOf(phase) is not { } page || navigation.ListOf(page) is not { } list) continue;
            var next = navigation.ItemsOf(page, list).FirstOrDefault(i => i.Role is PhaseNavRole.Next or PhaseNavRole.Final);
            if (next?.Target is not { } target || navigation.PhaseOf(target) != next.NamedPhase || navigation.ListOf(target) is not { } targetList) continue;
            var back = navigation.ItemsOf(target, targetList).FirstOrDefault(i => i.Role == PhaseNavRole.Previous);
            // A previous item naming the wrong phase is SM211's; here the phases agree but the pages do not.
            if (back?.Target is not { } backTarget || navigation.PhaseOf(backTarget) != back.NamedPhase || ReferenceEquals(backTarget, page)) continue;
            context.Report(target, target.Path, back.Item.Link!.Span,
                NotReciprocal.With(backTarget.Path, page.Path),
                $"link '{back.Item.Link.Text}' to {context.UrlOf(page)}");
        }
    }
}
