using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Text;

/// <summary>
/// A file's decoded text with an index of line starts, to turn offsets into 1-based positions.
/// Once a page is parsed the loader lets the text go (a large site's text would dominate memory)
/// and keeps only the index, the length and a hash; the few pages that a fix, a code frame or a
/// message needs are asked of the run's <see cref="IReleasedTexts"/> service, which reads them
/// again and is checked against the hash.
/// </summary>
internal sealed class SourceText
{
    private readonly int[] lineStarts;
    private readonly UInt128 hash;
    private string? text;
    // Where to get the text again: the run's service and the file's path from the site root (not a
    // closure per page: a large site keeps tens of thousands of these until the run ends).
    private IReleasedTexts? released;
    private string? name;

    /// <summary>Indexes <paramref name="text"/>; CRLF, LF and a lone CR each end a line.</summary>
    public SourceText(string text)
    {
        int[]? scratch = null;
        this.text = text;
        Length = text.Length;
        hash = Hash(text);
        lineStarts = IndexLines(text, ref scratch);
    }

    /// <summary>As <see cref="SourceText(string)"/>, gathering line starts in <paramref name="lineScratch"/> (a parser thread's, reused from file to file).</summary>
    internal SourceText(string text, ref int[]? lineScratch)
    {
        this.text = text;
        Length = text.Length;
        hash = Hash(text);
        lineStarts = IndexLines(text, ref lineScratch);
    }

    private static int[] IndexLines(string text, ref int[]? reusable)
    {
        // Gathered in the scratch buffer, then copied once into a right-sized array.
        var scratch = reusable ?? new int[4096];
        var span = text.AsSpan();
        var count = 1;
        for (var at = span.IndexOfAny('\r', '\n'); at >= 0;)
        {
            if (span[at] == '\r' && at + 1 < span.Length && span[at + 1] == '\n') at++;
            if (count == scratch.Length) Array.Resize(ref scratch, scratch.Length * 2);
            scratch[count++] = at + 1;
            var next = span[(at + 1)..].IndexOfAny('\r', '\n');
            at = next < 0 ? -1 : at + 1 + next;
        }
        if (scratch.Length <= 1 << 16) reusable = scratch;
        scratch[0] = 0;
        return scratch.AsSpan(0, count).ToArray();
    }

    /// <summary>A text known only by its index, length and hash (from the cache), asked of <paramref name="released"/> by <paramref name="relativePath"/> when needed.</summary>
    internal SourceText(int length, UInt128 hash, int[] lineStarts, IReleasedTexts released, string relativePath)
    {
        Length = length;
        this.hash = hash;
        this.lineStarts = lineStarts;
        this.released = released;
        name = relativePath;
    }

    /// <summary>The XXH128 of the text: same hash, same text.</summary>
    internal UInt128 ContentHash => hash;

    /// <summary>Where each line starts (0-based offsets).</summary>
    internal ReadOnlySpan<int> LineStarts => lineStarts;

    /// <summary>The whole text (asked of the run's released-text service if it was released).</summary>
    /// <exception cref="IOException">The file changed since it was read, or cannot be read.</exception>
    public string Text => Volatile.Read(ref text) ?? new string(TextOfReleased());

    /// <summary>The whole text without making a string: the text itself, or, once released, valid until the thread asks for another released text.</summary>
    /// <exception cref="IOException">The file changed since it was read, or cannot be read.</exception>
    internal ReadOnlySpan<char> TextSpan => Volatile.Read(ref text) ?? TextOfReleased();

    private ReadOnlySpan<char> TextOfReleased()
    {
        if (released is null || name is null) throw new InvalidOperationException("the text was released without a way to get it again");
        return released.TextOf(this, name);
    }

    /// <summary>What a released-text service throws when the file's text is no longer the one indexed.</summary>
    internal static IOException ChangedSince(string relativePath) =>
        new($"{relativePath}: the file changed while smlint was running (or since its cache was written with the same size and time); run smlint again");

    /// <summary>The number of characters.</summary>
    public int Length { get; }

    /// <summary>Whether <paramref name="candidate"/> is exactly the text that was indexed.</summary>
    public bool Matches(string candidate) => Matches(candidate.AsSpan());

    /// <summary>Whether <paramref name="candidate"/> is exactly the text that was indexed.</summary>
    internal bool Matches(ReadOnlySpan<char> candidate) => candidate.Length == Length && Hash(candidate) == hash;

    /// <summary>Lets the text go; <see cref="Text"/> asks <paramref name="service"/> for the file at <paramref name="relativePath"/> when it is needed later.</summary>
    internal void Release(IReleasedTexts service, string relativePath)
    {
        released = service;
        name = relativePath;
        Volatile.Write(ref text, null);
    }
    // XXH128: a change detector, not a defence (whoever can change the file can change it anyway),
    // and about twenty times faster than SHA-256 over a whole site's text.
    private static UInt128 Hash(ReadOnlySpan<char> value) =>
        System.IO.Hashing.XxHash128.HashToUInt128(System.Runtime.InteropServices.MemoryMarshal.AsBytes(value));

    /// <summary>Number of lines (a final line ending does not start a new one).</summary>
    public int LineCount => lineStarts[^1] == Length && lineStarts.Length > 1 ? lineStarts.Length - 1 : lineStarts.Length;

    /// <summary>The 1-based line and column of a 0-based character offset.</summary>
    public (int Line, int Column) GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, Length);
        var index = LineIndexOf(offset);
        return (index + 1, offset - lineStarts[index] + 1);
    }

    // The 0-based line an offset (within the text) is on: the last line starting at or before it.
    private int LineIndexOf(int offset)
    {
        var index = lineStarts.AsSpan().BinarySearch(offset);
        return index < 0 ? ~index - 1 : index;
    }

    /// <summary>The span covering <paramref name="length"/> characters from <paramref name="offset"/>.</summary>
    public SourceSpan GetSpan(int offset, int length)
    {
        var end = Math.Clamp(offset + Math.Max(length, 0), 0, Length);
        offset = Math.Clamp(offset, 0, Length);
        var line = LineIndexOf(offset);
        // The end is nearly always on the same line (a URL, an id, a value): walked to from the
        // start's line rather than searched for again. Every link and id of a site asks for a span.
        var endLine = line;
        while (endLine + 1 < lineStarts.Length && lineStarts[endLine + 1] <= end) endLine++;
        return new SourceSpan(line + 1, offset - lineStarts[line] + 1, endLine + 1, end - lineStarts[endLine] + 1);
    }

    /// <summary>The 0-based offset where a 1-based line starts.</summary>
    public int GetLineStart(int line) => lineStarts[Math.Clamp(line - 1, 0, lineStarts.Length - 1)];

    /// <summary>The text of a 1-based line, without its line ending.</summary>
    public string GetLine(int line) => GetLineSpan(line).ToString();

    /// <summary>As <see cref="GetLine"/>, without making a string.</summary>
    internal ReadOnlySpan<char> GetLineSpan(int line)
    {
        if (line < 1 || line > lineStarts.Length) return [];
        var start = lineStarts[line - 1];
        var all = TextSpan;
        var end = line < lineStarts.Length ? lineStarts[line] : Length;
        while (end > start && (all[end - 1] == '\n' || all[end - 1] == '\r')) end--;
        return all[start..end];
    }
}
