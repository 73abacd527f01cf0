using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Text;

/// <summary>A file's decoded text with an index of line starts, to turn offsets into 1-based positions.</summary>
public sealed class SourceText
{
    private readonly int[] lineStarts;

    /// <summary>Indexes <paramref name="text"/>; CRLF, LF and a lone CR each end a line.</summary>
    public SourceText(string text)
    {
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }
        lineStarts = starts.ToArray();
    }

    /// <summary>The whole text.</summary>
    public string Text { get; }

    /// <summary>Number of lines (a final line ending does not start a new one).</summary>
    public int LineCount => lineStarts[^1] == Text.Length && lineStarts.Length > 1 ? lineStarts.Length - 1 : lineStarts.Length;

    /// <summary>The 1-based line and column of a 0-based character offset.</summary>
    public (int Line, int Column) GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(lineStarts, offset);
        if (index < 0) index = ~index - 1;
        return (index + 1, offset - lineStarts[index] + 1);
    }

    /// <summary>The span covering <paramref name="length"/> characters from <paramref name="offset"/>.</summary>
    public SourceSpan GetSpan(int offset, int length)
    {
        var (line, column) = GetPosition(offset);
        var (endLine, endColumn) = GetPosition(offset + Math.Max(length, 0));
        return new SourceSpan(line, column, endLine, endColumn);
    }

    /// <summary>The 0-based offset where a 1-based line starts.</summary>
    public int GetLineStart(int line) => lineStarts[Math.Clamp(line - 1, 0, lineStarts.Length - 1)];

    /// <summary>The text of a 1-based line, without its line ending.</summary>
    public string GetLine(int line)
    {
        if (line < 1 || line > lineStarts.Length) return string.Empty;
        var start = lineStarts[line - 1];
        var end = line < lineStarts.Length ? lineStarts[line] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r')) end--;
        return Text[start..end];
    }
}
