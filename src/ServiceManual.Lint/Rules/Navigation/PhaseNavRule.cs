using System.Text;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// SM211: a phase page's navigation list is missing or wrong. It must come after the content as
/// a <c>{:.phase-nav}</c> list whose first item is "Next phase: X" (or "Final phase: X" before the
/// last phase) linking to X's page, then "Previous phase: Y" linking to Y's page; the first phase
/// has no previous and the last no next. Each link's text names the phase its target declares.
/// </summary>
internal sealed class PhaseNavRule : ISiteRule
{
    internal static readonly RuleMessage NoList = new("no-list", "phase page '{phase}' has no {{:.{class}}} navigation list");
    internal static readonly RuleMessage Lacks = new("lacks", "phase navigation lacks '{label}'");
    internal static readonly RuleMessage ExtraItem = new("extra-item", "phase navigation has an extra item: '{text}' ({phase} {needs})");
    internal static readonly RuleMessage WrongItem = new("wrong-item", "phase navigation item {number} says '{text}' but should say '{label}' ({wanted} comes {direction} {phase})");
    internal static readonly RuleMessage WrongPhase = new("wrong-phase", "'{text}' links to {path}, which declares phase '{declared}', not '{wanted}'");
    internal static readonly RuleMessage NotAPage = new("not-a-page", "'{text}' does not link to a page");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.PhaseNav, "phase-nav", "Phase page navigation is missing or wrong", RuleCategory.Navigation, Severity.Error, IsFixable: true) { IsThreadSafe = true, Messages = [NoList, Lacks, ExtraItem, WrongItem, WrongPhase, NotAPage], Reads = SiteReads.Files | SiteReads.FrontMatter | SiteReads.Lists };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        if (!PhaseNavigation.AnyLintedPhasePage(context)) return;
        var navigation = new PhaseNavigation(context);
        foreach (var page in navigation.PhasePages.Where(p => context.IsLinted(p.Path)))
        {
            var phase = navigation.PhaseOf(page)!;
            var expected = navigation.Expected(phase);
            var list = navigation.ListOf(page);
            if (list is null)
            {
                if (expected.Count == 0) continue;
                var lastLine = page.Source.LineCount;
                context.Report(page, page.Path, new SourceSpan(lastLine, 1, lastLine, 1), NoList.With(phase, context.Configuration.SiteVocabulary.PhaseNav.ClassName),
                    $"end the page with: {string.Join(" / ", expected.Select(e => navigation.Label(e.Role, e.Phase)))}", Regenerate(context, navigation, page, expected, null));
                continue;
            }

            var items = navigation.ItemsOf(page, list);
            var problems = new List<(int Line, SourceSpan Span, RuleMessage Message)>();
            for (var i = 0; i < Math.Max(items.Count, expected.Count); i++)
            {
                var item = i < items.Count ? items[i] : null;
                var want = i < expected.Count ? expected[i] : ((PhaseNavRole Role, string Phase)?)null;
                var span = item?.Item.Link?.Span ?? page.Source.GetSpan(list.Offset, 0);
                if (item is null)
                {
                    problems.Add((span.Line, span, Lacks.With(navigation.Label(want!.Value.Role, want.Value.Phase))));
                    continue;
                }
                if (want is null)
                {
                    problems.Add((span.Line, span, ExtraItem.With(item.Item.Link?.Text, phase, expected.Count == 0 ? "has no neighbours" : "needs only " + string.Join(" and ", expected.Select(e => $"'{navigation.Label(e.Role, e.Phase)}'")))));
                    continue;
                }
                var (role, wantedPhase) = want.Value;
                var wantedLabel = navigation.Label(role, wantedPhase);
                var roleMatches = item.Role == role || (role == PhaseNavRole.Final && item.Role == PhaseNavRole.Next);
                if (!roleMatches || item.NamedPhase != wantedPhase)
                {
                    problems.Add((span.Line, span, WrongItem.With((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), item.Item.Link?.Text, wantedLabel, wantedPhase, role == PhaseNavRole.Previous ? "before" : "after", phase)));
                    continue;
                }
                // A phase page that lost its phase: key is SM102's finding, not a second one here.
                if (item.Target is { } target && navigation.PhaseOf(target) is var declared && declared != wantedPhase
                    && !(declared is null && navigation.IsPhaseKindPage(target)))
                {
                    problems.Add((span.Line, span, WrongPhase.With(item.Item.Link?.Text, target.Path, declared ?? "(none)", wantedPhase)));
                }
                else if (item.Target is null && item.Resolution is not null)
                {
                    problems.Add((span.Line, span, NotAPage.With(item.Item.Link?.Text)));
                }
            }
            if (problems.Count == 0) continue;
            var fix = Regenerate(context, navigation, page, expected, list);
            foreach (var (_, span, message) in problems) context.Report(page, page.Path, span, message, fix is null ? null : "regenerate the list", fix);
        }
    }

    // The list in the site's own style: the next item in bold, links in the URL style the page (or site) already uses.
    private static Fix? Regenerate(SiteContext context, PhaseNavigation navigation, Page page, IReadOnlyList<(PhaseNavRole Role, string Phase)> expected, AttributedList? existing)
    {
        // What the fix needs of the page's text, read (back) once.
        var written = page.Source.TextSpan;
        var newline = written.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var endsWithNewline = written is [.., '\n'];
        var existingItemsLength = existing is null ? 0 : written.Slice(existing.Offset, existing.Length).TrimEnd("\r\n").Length;
        var withHtml = UsesHtmlExtension(navigation, existing ?? navigation.PhasePages.Select(navigation.ListOf).FirstOrDefault(l => l is not null));
        var lines = new List<string>();
        var targets = new List<Page>();
        foreach (var (role, phase) in expected)
        {
            var target = navigation.PageOf(phase);
            if (target is null) return null; // which page is that phase's is not certain
            targets.Add(target);
            if (context.UrlOf(target) is not { } url) return null; // a phase page Jekyll does not publish
            if (withHtml && !url.EndsWith(".html", StringComparison.Ordinal)) url += ".html";
            var link = $"[{navigation.Label(role, phase)}]({url})";
            lines.Add(role == PhaseNavRole.Previous ? $"* {link}" : $"* **{link}**");
        }
        var text = string.Join(newline, lines);
        if (existing is not null)
        {
            // Replace the items only; the attribute list line and what follows stay as they are.
            return VerifiedFix.ForNavigation(context, page, new Fix("regenerate the phase navigation", [new TextEdit(existing.Offset, existingItemsLength, text)]), targets);
        }
        var end = page.Source.Length;
        var separator = endsWithNewline ? newline : newline + newline;
        var block = new StringBuilder(separator).Append("{:.").Append(context.Configuration.SiteVocabulary.PhaseNav.ClassName).Append('}').Append(newline).Append(text).Append(newline);
        return VerifiedFix.ForNavigation(context, page, new Fix("add the phase navigation", [new TextEdit(end, 0, block.ToString())]), targets);
    }

    private static bool UsesHtmlExtension(PhaseNavigation navigation, AttributedList? list) =>
        list?.Items.Any(i => i.Link?.Url.Split('#')[0].EndsWith(".html", StringComparison.Ordinal) == true) == true;
}
