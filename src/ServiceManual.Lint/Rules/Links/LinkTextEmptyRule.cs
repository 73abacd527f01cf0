using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// SM315: a Markdown link with no text, <c>[](/x)</c>. kramdown writes an empty <c>&lt;a&gt;</c>:
/// sighted readers see nothing to click and screen readers announce only "link" or the URL.
/// </summary>
internal sealed class LinkTextEmptyRule : ILinkRule
{
    internal static readonly RuleMessage NoText = new("no-text", "link to '{url}' has no text: readers see nothing to click, and screen readers announce only the URL");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.LinkTextEmpty, "link-text-empty", "Link has no text", RuleCategory.Links, Severity.Warning, IsFixable: false) { IsThreadSafe = true, Messages = [NoText], Reads = SiteReads.None };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(LinkContext context)
    {
        var link = context.Link.Link;
        if (link.Kind != LinkKind.Inline || !string.IsNullOrWhiteSpace(link.Text)) return;
        // The parser keeps only plain text as a link's text: [`code`](/x) has none, yet shows code.
        // Only brackets with nothing but blanks between them are empty.
        if (!HasBlankBrackets(context.Page.Source.TextSpan, link.Offset)) return;
        context.Report(NoText.With(link.Url),
            "write the text readers should see between the brackets");
    }

    // Walks back from the URL over "](" (and a "<" or blanks before the URL) to the '[' and checks that only blanks lie between.
    private static bool HasBlankBrackets(ReadOnlySpan<char> text, int urlOffset)
    {
        var at = urlOffset - 1;
        while (at >= 0 && text[at] is ' ' or '\t' or '\n' or '\r' or '<') at--;
        if (at < 1 || text[at] != '(' || text[at - 1] != ']') return false;
        at -= 2;
        while (at >= 0 && text[at] is ' ' or '\t') at--;
        return at >= 0 && text[at] == '[';
    }
}
