using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Text;

/// <summary>
/// A file's decoded text with an index of line starts, to turn offsets into 1-based positions.
/// Once a page is parsed the loader lets the text go (a large site's text would dominate memory)
/// and keeps only the index, the length and a hash; the few pages that a fix, a code frame or a
/// message needs are read again on demand, and checked against the hash.
/// </summary>
public sealed class SourceText
{
    private readonly int[] lineStarts;
    private readonly UInt128 hash;
    private string? text;
    // How to read the text again: a shared reader and the file's path from the site root (not a
    // closure per page: a large site keeps tens of thousands of these until the run ends).
    private Func<string, string>? readFile;
    private string? root;
    private string? name;

    /// <summary>Indexes <paramref name="text"/>; CRLF, LF and a lone CR each end a line.</summary>
    public SourceText(string text)
    {
        this.text = text;
        Length = text.Length;
        hash = Hash(text);
        lineStarts = IndexLines(text);
    }

    private static int[] IndexLines(string text)
    {
        // Gathered in the thread's scratch buffer, then copied once into a right-sized array.
        var scratch = lineScratch ??= new int[4096];
        var span = text.AsSpan();
        var count = 1;
        for (var at = span.IndexOfAny('\r', '\n'); at >= 0; )
        {
            if (span[at] == '\r' && at + 1 < span.Length && span[at + 1] == '\n') at++;
            if (count == scratch.Length) Array.Resize(ref scratch, scratch.Length * 2);
            scratch[count++] = at + 1;
            var next = span[(at + 1)..].IndexOfAny('\r', '\n');
            at = next < 0 ? -1 : at + 1 + next;
        }
        if (scratch.Length <= 1 << 16) lineScratch = scratch;
        scratch[0] = 0;
        return scratch.AsSpan(0, count).ToArray();
    }

    [ThreadStatic]
    private static int[]? lineScratch;

    /// <summary>A text known only by its index, length and hash (from the cache); <paramref name="readFile"/> reads it when needed.</summary>
    internal SourceText(int length, UInt128 hash, int[] lineStarts, Func<string, string> readFile, string root, string relativePath)
    {
        Length = length;
        this.hash = hash;
        this.lineStarts = lineStarts;
        this.readFile = readFile;
        this.root = root;
        name = relativePath;
    }

    /// <summary>The XXH128 of the text: same hash, same text.</summary>
    internal UInt128 ContentHash => hash;

    /// <summary>Where each line starts (0-based offsets).</summary>
    internal ReadOnlySpan<int> LineStarts => lineStarts;

    /// <summary>The whole text (read again from the file if it was released).</summary>
    /// <exception cref="IOException">The file changed since it was read, or cannot be read.</exception>
    public string Text
    {
        get
        {
            var current = Volatile.Read(ref text);
            if (current is not null) return current;
            // Reports and fixes visit a file's findings together: the last text read again on this
            // thread is kept, not every one (thousands of findings must not bring back the site's text).
            if (lastReloaded is { } last && ReferenceEquals(last.Source, this)) return last.Text;
            var reloaded = readFile is null ? throw new InvalidOperationException("the text was released without a way to read it again") : readFile(Path.Combine(root!, name!));
            if (!Matches(reloaded)) throw new IOException($"{name ?? "a file"}: the file changed while smlint was running (or since its cache was written with the same size and time); run smlint again");
            lastReloaded = (this, reloaded);
            return reloaded;
        }
    }

    [ThreadStatic]
    private static (SourceText Source, string Text)? lastReloaded;

    /// <summary>The number of characters.</summary>
    public int Length { get; }

    /// <summary>Whether <paramref name="candidate"/> is exactly the text that was indexed.</summary>
    public bool Matches(string candidate) => candidate.Length == Length && Hash(candidate) == hash;

    /// <summary>Lets the text go; <see cref="Text"/> reads the file at <paramref name="relativePath"/> under <paramref name="root"/> with <paramref name="readFile"/> when it is needed later.</summary>
    internal void Release(Func<string, string> readFile, string root, string relativePath)
    {
        this.readFile = readFile;
        this.root = root;
        name = relativePath;
        Volatile.Write(ref text, null);
    }

    // XXH128: a change detector, not a defence (whoever can change the file can change it anyway),
    // and about twenty times faster than SHA-256 over a whole site's text.
    private static UInt128 Hash(string value) =>
        System.IO.Hashing.XxHash128.HashToUInt128(System.Runtime.InteropServices.MemoryMarshal.AsBytes(value.AsSpan()));

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
        var all = Text;
        var end = line < lineStarts.Length ? lineStarts[line] : Length;
        while (end > start && (all[end - 1] == '\n' || all[end - 1] == '\r')) end--;
        return all.AsSpan(start, end - start);
    }
}
