using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Tests;

/// <summary>Positions are what every finding points at: checked against counting lines by hand.</summary>
public sealed class SourceTextTests
{
    [TestCase("")]
    [TestCase("one line")]
    [TestCase("a\nbb\n\nccc\n")]
    [TestCase("crlf\r\nlines\r\n\r\nend")]
    [TestCase("lone\rcarriage\rreturns\r")]
    [TestCase("\n\n\nmixed\r\n\rx")]
    public void Every_span_starts_and_ends_where_counting_lines_by_hand_says(string text)
    {
        var source = new SourceText(text);
        for (var offset = -1; offset <= text.Length + 1; offset++)
        {
            for (var length = -1; length <= text.Length + 1; length++)
            {
                var start = ByHand(text, offset);
                var end = ByHand(text, offset + Math.Max(length, 0));
                var span = source.GetSpan(offset, length);
                Assert.That((span.Line, span.Column, span.EndLine, span.EndColumn), Is.EqualTo((start.Line, start.Column, end.Line, end.Column)),
                    $"offset {offset}, length {length} in {text.Replace("\r", "\\r").Replace("\n", "\\n")}");
                Assert.That(source.GetPosition(offset), Is.EqualTo(start));
            }
        }
    }

    // CRLF, LF and a lone CR each end a line; offsets outside the text are taken as its ends.
    private static (int Line, int Column) ByHand(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        int line = 1, lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue; // the LF ends this line
            if (text[i] is '\n' or '\r') { line++; lineStart = i + 1; }
        }
        return (line, offset - lineStart + 1);
    }
}
