using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Documents.Kramdown;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// Fixes that are offered only once they provably work: the edit is applied to the page's text in
/// memory, the edited link (or breadcrumb, or navigation list) is read back from that text as the
/// parser reads it, and resolved again by the same resolver, against the same site and server as the
/// check. A fix whose new link would not be served (fragment included), would land elsewhere, or
/// would raise another link finding is dropped, and the finding keeps only its hint.
/// </summary>
internal static class VerifiedFix
{
    /// <summary>
    /// A fix that replaces a link's whole URL with <paramref name="newUrl"/>, or null unless the new
    /// link is served without another finding (and, where given, lands on <paramref name="expected"/>).
    /// </summary>
    /// <param name="context">The rule's context: its resolver and site are the check's.</param>
    /// <param name="link">The link as resolved by the check.</param>
    /// <param name="newUrl">The URL text to write.</param>
    /// <param name="description">What the fix does, for people.</param>
    /// <param name="expected">The source path the new link must reach (the page the old link meant), when known.</param>
    /// <param name="external">Whether the new URL is another site's (a scheme the author left out): it then need only read back as written.</param>
    public static Fix? ForLink(SiteContext context, LinkResolution link, string newUrl, string description, string? expected = null, bool external = false)
    {
        if (!LinkRewriter.IsRewritable(link.Link) || link.Link.Kind == LinkKind.FrontMatter) return null;
        // A link that already works cleanly has nothing to fix.
        if (IsClean(link)) return null;
        var source = link.Source.Source;
        var offset = link.Link.Offset;
        var length = link.Link.Length;
        // Only a URL written literally is replaced (no escapes or entities that the edit would lose).
        if (length > 0 && !source.TextSpan.Slice(offset, length).SequenceEqual(link.Link.Url)) return null;
        var edit = new TextEdit(offset, length, newUrl);
        if (ReadBack(source.Text, link.Link, edit) is not { } url) return null;

        var resolved = context.Resolve(link.Source, link.Link with { Url = url, Length = newUrl.Length });
        var works = external
            ? resolved.Outcome == LinkOutcome.External
            : IsClean(resolved) && (expected is null || resolved.Target?.Path == expected);
        return works ? new Fix(description, [edit]) : null;
    }

    /// <summary>As <see cref="ForLink(SiteContext, LinkResolution, string, string, string?, bool)"/>, from a link rule.</summary>
    public static Fix? ForLink(LinkContext context, LinkResolution link, string newUrl, string description, string? expected = null, bool external = false) =>
        ForLink(context.Inner, link, newUrl, description, expected, external);

    /// <summary>
    /// A fix that sets a breadcrumb's url, kept only if the edited front matter, parsed again, gives a
    /// crumb url that resolves to <paramref name="intended"/>.
    /// </summary>
    public static Fix? ForBreadcrumb(SiteContext context, Page page, Fix? fix, Page intended)
    {
        if (fix is not { Edits: [var edit] }) return null;
        // A crumb is front matter: only that is parsed again (one per broken crumb on a large site).
        var edited = edit.Offset + edit.Length <= page.BodyOffset ? Reparse(context, page, fix, page.BodyOffset) : Reparse(context, page, fix);
        if (edited is null) return null;
        var crumb = edited.CrumbLinks.FirstOrDefault(l => l.Offset >= edit.Offset && l.Offset <= edit.Offset + edit.NewText.Length);
        if (crumb is null) return null;
        var resolved = context.Resolve(page, crumb);
        return IsClean(resolved) && resolved.Target?.Page?.Path == intended.Path ? fix : null;
    }

    /// <summary>
    /// A fix that writes a navigation list, kept only if the edited page, parsed again, has exactly
    /// the expected links in the written text, in order, each served and landing on its page.
    /// </summary>
    public static Fix? ForNavigation(SiteContext context, Page page, Fix? fix, IReadOnlyList<Page> targets)
    {
        if (fix is not { Edits: [var edit] }) return null;
        var edited = Reparse(context, page, fix);
        if (edited is null) return null;
        var written = edited.Links.Where(l => l.Kind != LinkKind.FrontMatter && l.Offset >= edit.Offset && l.Offset < edit.Offset + edit.NewText.Length)
            .OrderBy(l => l.Offset).ToArray();
        if (written.Length != targets.Count) return null;
        for (var i = 0; i < written.Length; i++)
        {
            var resolved = context.Resolve(page, written[i]);
            if (!IsClean(resolved) || resolved.Target?.Page?.Path != targets[i].Path) return null;
        }
        return fix;
    }

    // Served, with no redirect, not through the production host, not above the root: no link rule reports it.
    private static bool IsClean(LinkResolution resolution) =>
        resolution.Outcome == LinkOutcome.Found && resolution.RedirectsTo is null && !resolution.ViaOwnHost;

    private static Page? Reparse(SiteContext context, Page page, Fix fix, int? upTo = null)
    {
        var text = Apply(upTo is { } end ? page.Source.Text[..end] : page.Source.Text, fix.Edits);
        try
        {
            return PageParser.Parse(page.Path, page.Kind, text, context.Configuration.Markdown);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            return null; // an edit that breaks the page's syntax is no fix
        }
    }

    internal static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var result = new System.Text.StringBuilder(text);
        foreach (var edit in edits.OrderByDescending(e => e.Offset)) result.Remove(edit.Offset, edit.Length).Insert(edit.Offset, edit.NewText);
        return result.ToString();
    }

    /// <summary>
    /// The URL the edited link has once the edit is made, read from the edited text with the reader
    /// the parser uses for that syntax; null when the new text would not be read as exactly one URL
    /// in the same place (a blank or a parenthesis that changes where kramdown ends it, a quote that
    /// ends an attribute).
    /// </summary>
    internal static string? ReadBack(string text, Link link, TextEdit edit)
    {
        var newUrl = edit.NewText;
        if (newUrl.Length == 0 || newUrl.AsSpan().IndexOfAny(" \t\r\n\f\v<>\\") >= 0 || newUrl.Any(char.IsControl)) return null;
        // Only the edited link's line and the rest of its paragraph can change how it is read (kramdown
        // reads spans within a block): that window is edited, not a copy of the whole page per fix.
        var from = edit.Offset == 0 ? 0 : text.LastIndexOf('\n', edit.Offset - 1) + 1;
        var blank = text.IndexOf("\n\n", edit.Offset + edit.Length, StringComparison.Ordinal);
        var to = blank < 0 ? text.Length : blank + 1;
        var edited = string.Concat(text.AsSpan(from, edit.Offset - from), newUrl, text.AsSpan(edit.Offset + edit.Length, to - edit.Offset - edit.Length));
        var at = edit.Offset - from;
        switch (link.Kind)
        {
            case LinkKind.Inline or LinkKind.Image:
            {
                var open = at - 1;
                if (open >= 0 && edited[open] == '<') open--;
                while (open >= 0 && edited[open] is ' ' or '\t') open--;
                if (open < 0 || !KramdownLinkDestination.TryReadInline(edited, open, out var start, out var length)) return null;
                return start == at && length == newUrl.Length ? KramdownLinkDestination.UrlOf(newUrl) : null;
            }
            case LinkKind.ReferenceDefinition:
            {
                var label = edited.IndexOf('[');
                if (label < 0 || label > at || !KramdownLinkDestination.TryReadDefinition(edited, label, out var start, out var length)) return null;
                return start == at && length == newUrl.Length ? KramdownLinkDestination.UrlOf(newUrl) : null;
            }
            case LinkKind.HtmlAttribute:
                // No quote, blank or angle bracket: the attribute value ends where it did.
                return newUrl.AsSpan().IndexOfAny("\"'`") >= 0 ? null : System.Net.WebUtility.HtmlDecode(newUrl);
            default:
                return null;
        }
    }
}
