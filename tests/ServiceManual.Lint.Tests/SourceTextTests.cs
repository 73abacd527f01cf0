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

    [Test]
    public void A_released_text_is_read_back_for_each_file_in_turn_and_a_changed_file_is_refused()
    {
        using var site = new TestSite().With("a.md", "é one\nalpha two\n").With("b.md", "b one\r\nbeta two\r\n").With("c.md", "gamma\n");
        var released = new Sites.ReleasedTexts(site.Root);
        var sources = new[] { "a.md", "b.md", "c.md" }.Select(name =>
        {
            var source = new SourceText(File.ReadAllText(Path.Combine(site.Root, name)));
            source.Release(released, name);
            return source;
        }).ToArray();
        var (a, b, c) = (sources[0], sources[1], sources[2]);

        // Back and forth between files on one thread: each answer comes from its own file.
        Assert.That(new[] { a.GetLine(2), b.GetLine(2), a.GetLine(1), b.GetLine(1), b.Text },
            Is.EqualTo(new[] { "alpha two", "beta two", "é one", "b one", "b one\r\nbeta two\r\n" }));
        // Read back on another thread too, each thread into its own buffer.
        Assert.That(Task.Run(() => a.GetLine(2)).Result, Is.EqualTo("alpha two"));

        site.With("c.md", "gamma\n".ToUpperInvariant()); // same length, other text
        Assert.That(() => c.GetLine(1), Throws.InstanceOf<IOException>().With.Message.StartsWith("c.md: the file changed while smlint was running"));
        site.With("c.md", "gamm\xff\n", System.Text.Encoding.Latin1); // not UTF-8 any more
        Assert.That(() => c.GetLine(1), Throws.InstanceOf<IOException>().With.Message.EqualTo("c.md: the file is not valid UTF-8 any more; run smlint again"));
        File.Delete(Path.Combine(site.Root, "c.md"));
        Assert.That(() => c.Text, Throws.InstanceOf<IOException>());
        Assert.That(a.GetLine(1), Is.EqualTo("é one"), "a file refused leaves the others readable");
    }
}
