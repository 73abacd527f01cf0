using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ServiceManual.Lint.Documents.Kramdown;

/// <summary>
/// The text of a header as kramdown's parsers see it after span parsing (its <c>raw_text</c> when
/// ids are made from the parsed header): the text of emphasis and link text, never an image's
/// alt text, raw HTML or a footnote marker. kramdown-parser-gfm keeps code spans and the characters
/// of entities; kramdown's own <c>auto_id_stripping</c> keeps only plain text. Both turn
/// <c>--</c> and <c>---</c> into dashes that the id then drops.
/// </summary>
internal static class KramdownHeadingInlines
{
    /// <summary>The text of <paramref name="heading"/>'s inlines between source offsets <paramref name="start"/> and <paramref name="end"/> (exclusive).</summary>
    public static string Text(HeadingBlock heading, string source, int start, int end, bool gfm)
    {
        var text = new StringBuilder(end - start);
        // A header without markup is left without inlines (PlainTextBlocksExtension): its text is its source.
        if (heading.Inline is { } inlines) Append(inlines, source, start, end, gfm, text);
        else AppendTypographic(source.AsSpan(start, end - start), text);
        return text.ToString();
    }

    private static void Append(ContainerInline container, string source, int start, int end, bool gfm, StringBuilder text)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            if (inline.Span.Start >= end) break;
            switch (inline)
            {
                case LiteralInline literal:
                    AppendLiteral(literal, start, end, text);
                    break;
                case CodeInline code when inline.Span.Start >= start:
                    // kramdown reads a lone backtick with white space on both sides as a backtick.
                    if (code.DelimiterCount == 1 && IsSpaced(source, code.Span.Start, start)) AppendTypographic(source.AsSpan(code.Span.Start, Math.Min(code.Span.End + 1, end) - code.Span.Start), text);
                    else if (gfm) text.Append(code.Content);
                    break;
                case HtmlEntityInline entity when gfm && inline.Span.Start >= start:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case AutolinkInline autolink when inline.Span.Start >= start:
                    text.Append(autolink.Url);
                    break;
                case HtmlInline when inline.Span.Start > start && source[inline.Span.Start - 1] == '<':
                    // "<<b>>": kramdown reads "<<" as a guillemet first, so "b>" is text, not a tag.
                    AppendTypographic(source.AsSpan(inline.Span.Start + 1, Math.Min(inline.Span.End + 1, end) - inline.Span.Start - 1), text);
                    break;
                case LinkInline { IsImage: true }:
                case HtmlInline:
                    break;
                case ContainerInline inner:
                    Append(inner, source, start, end, gfm, text);
                    break;
            }
        }
    }

    private static bool IsSpaced(string source, int backtick, int textStart) =>
        backtick + 1 < source.Length && char.IsWhiteSpace(source[backtick + 1])
        && (backtick == textStart || char.IsWhiteSpace(source[backtick - 1]));

    private static void AppendLiteral(LiteralInline literal, int start, int end, StringBuilder text)
    {
        var content = literal.Content;
        if (content.Length != literal.Span.Length || content.Start != literal.Span.Start)
        {
            // An escaped character ("\-" is a hyphen, never part of a dash), whole or not at all.
            if (literal.Span.Start >= start && literal.Span.End < end) text.Append(content.AsSpan());
            return;
        }
        // Source text: clip it to the header text (a literal can run on into " ## {#id}").
        var from = Math.Max(start, content.Start);
        var to = Math.Min(end, content.End + 1);
        if (to > from) AppendTypographic(content.AsSpan().Slice(from - content.Start, to - from), text);
    }

    // kramdown's typographic symbols made of hyphens: "---" and "--" become dashes, which no id keeps.
    private static void AppendTypographic(ReadOnlySpan<char> span, StringBuilder text)
    {
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == '-' && i + 1 < span.Length && span[i + 1] == '-')
            {
                i += i + 2 < span.Length && span[i + 2] == '-' ? 2 : 1;
                continue;
            }
            text.Append(span[i]);
        }
    }
}
