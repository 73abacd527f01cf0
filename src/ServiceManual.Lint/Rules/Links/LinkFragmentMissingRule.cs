using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Sites;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Rules;

/// <summary>SM302: a <c>#fragment</c> that names no id on the target page, as kramdown would generate ids.</summary>
internal sealed class LinkFragmentMissingRule : ILinkRule
{
    internal static readonly RuleMessage NotHtml = new("not-html", "fragment '#{fragment}' points into '{path}', which is not an HTML page: it targets nothing");
    internal static readonly RuleMessage MissingAnchor = new("missing-anchor", "fragment '#{fragment}' does not exist on {where}");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.LinkFragmentMissing, "link-fragment-missing", "Link fragment does not exist on the target page", RuleCategory.Links, Severity.Error, IsFixable: false) { IsThreadSafe = true, Messages = [NotHtml, MissingAnchor], Reads = SiteReads.Anchors };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(LinkContext context)
    {
        var link = context.Link;
        if (link.Outcome != LinkOutcome.FragmentMissing || link.Target is null || link.Fragment is null) return;
        if (link.Target.Page is not { } target)
        {
            context.Report(NotHtml.With(link.Fragment, link.Target.Path), "remove the fragment");
            return;
        }
        var ids = context.AnchorsOf(target);
        var suggestion = Nearest(link.Fragment, ids) is { } nearest ? $"did you mean '#{nearest}'?" : null;
        var where = ReferenceEquals(target, link.Source) ? "this page" : $"'{target.Path}'";
        context.Report(MissingAnchor.With(link.Fragment, where), suggestion);
    }

    // A reworded heading usually keeps most of its words: try a close spelling, then an id that
    // the fragment starts with (or that starts with the fragment), when only one does.
    private static string? Nearest(string fragment, IReadOnlySet<string> ids)
    {
        if (EditDistance.Closest(fragment, ids, Math.Max(3, fragment.Length / 3)) is { } close) return close.Value;
        var prefixes = ids.Where(id => id.Length >= 4 && (fragment.StartsWith(id, StringComparison.Ordinal) || id.StartsWith(fragment, StringComparison.Ordinal))).Take(2).ToArray();
        if (prefixes.Length == 1) return prefixes[0];
        // "#detailed-help" for "#detailed-contextual-help": the written words, in order, in one id.
        var words = fragment.Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2) return null;
        var containing = ids.Where(id => ContainsInOrder(id.Split('-'), words)).Take(2).ToArray();
        return containing.Length == 1 ? containing[0] : null;
    }

    private static bool ContainsInOrder(string[] haystack, string[] words)
    {
        var at = 0;
        foreach (var word in haystack)
        {
            if (at < words.Length && word == words[at]) at++;
        }
        return at == words.Length;
    }
}
