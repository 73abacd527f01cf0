using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Cli.LanguageServer;

/// <summary>
/// Converts between the protocol's positions (0-based lines, UTF-16 columns), the library's spans
/// (1-based lines and columns) and offsets in a text. A line ends at <c>\n</c>, <c>\r\n</c> or a lone
/// <c>\r</c>, as the protocol counts lines.
/// </summary>
internal static class TextPositions
{
    /// <summary>The offset of <paramref name="position"/> in <paramref name="text"/>; a column past the line's end is its end, a line past the last is the text's end.</summary>
    public static int OffsetOf(string text, Position position)
    {
        var offset = 0;
        for (var line = 0; line < position.Line; line++)
        {
            var next = text.IndexOfAny(['\r', '\n'], offset);
            if (next < 0) return text.Length;
            offset = next + (text[next] == '\r' && next + 1 < text.Length && text[next + 1] == '\n' ? 2 : 1);
        }
        var end = text.IndexOfAny(['\r', '\n'], offset);
        if (end < 0) end = text.Length;
        return Math.Min(offset + Math.Max(position.Character, 0), end);
    }

    /// <summary>The position of <paramref name="offset"/> in <paramref name="text"/>.</summary>
    public static Position PositionOf(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        int line = 0, lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            var c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, offset - lineStart);
    }

    /// <summary>The range of <paramref name="length"/> characters at <paramref name="offset"/>.</summary>
    public static Range RangeOf(string text, int offset, int length) => new(PositionOf(text, offset), PositionOf(text, offset + length));

    /// <summary>A library span (1-based, end exclusive) as a protocol range.</summary>
    public static Range RangeOf(SourceSpan span)
    {
        var start = new Position(Math.Max(span.Line - 1, 0), Math.Max(span.Column - 1, 0));
        var end = span.EndLine <= 0 ? start : new Position(span.EndLine - 1, Math.Max(span.EndColumn - 1, 0));
        return new Range(start, end.Line < start.Line || (end.Line == start.Line && end.Character < start.Character) ? start : end);
    }

    /// <summary>The text with one change applied: the whole text when <paramref name="range"/> is null.</summary>
    public static string Apply(string text, Range? range, string newText)
    {
        if (range is null) return newText;
        var start = OffsetOf(text, range.Start);
        var end = Math.Max(OffsetOf(text, range.End), start);
        return string.Concat(text.AsSpan(0, start), newText, text.AsSpan(end));
    }

    /// <summary>Whether two ranges share a position (touching counts, so a cursor at a finding's edge finds it).</summary>
    public static bool Touches(Range a, Range b) => Compare(a.Start, b.End) <= 0 && Compare(b.Start, a.End) <= 0;

    public static int Compare(Position a, Position b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Character.CompareTo(b.Character);

    /// <summary>The text of 0-based <paramref name="line"/>, without its line break, and the offset it starts at.</summary>
    public static (int Start, string Text) Line(string text, int line)
    {
        var start = OffsetOf(text, new Position(line, 0));
        var end = text.IndexOfAny(['\r', '\n'], start);
        if (end < 0) end = text.Length;
        return (start, text[start..end]);
    }
}
