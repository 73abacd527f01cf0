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
    // Where to read the text again: the file's path from the site root (not a closure per page: a
    // large site keeps tens of thousands of these until the run ends).
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

    /// <summary>A text known only by its index, length and hash (from the cache), read from <paramref name="relativePath"/> under <paramref name="root"/> when needed.</summary>
    internal SourceText(int length, UInt128 hash, int[] lineStarts, string root, string relativePath)
    {
        Length = length;
        this.hash = hash;
        this.lineStarts = lineStarts;
        this.root = root;
        name = relativePath;
    }

    /// <summary>The XXH128 of the text: same hash, same text.</summary>
    internal UInt128 ContentHash => hash;

    /// <summary>Where each line starts (0-based offsets).</summary>
    internal ReadOnlySpan<int> LineStarts => lineStarts;

    /// <summary>The whole text (read again from the file if it was released).</summary>
    /// <exception cref="IOException">The file changed since it was read, or cannot be read.</exception>
    public string Text => Volatile.Read(ref text) ?? new string(TextSpan);

    /// <summary>
    /// The whole text without making a string: the text itself, or, once released, the file read
    /// back into this thread's buffer, valid until the thread reads another file back.
    /// </summary>
    /// <exception cref="IOException">The file changed since it was read, or cannot be read.</exception>
    internal ReadOnlySpan<char> TextSpan
    {
        get
        {
            if (Volatile.Read(ref text) is { } kept) return kept;
            // Reports and fixes visit a file's findings together: the file read back last on this
            // thread stays in its buffer. Read into buffers reused from file to file, so a report
            // quoting lines of thousands of files makes no garbage of their texts: late in a run the
            // heap is full of pages, and a collection then is the dearest of the run.
            if (!ReferenceEquals(reloadedSource, this))
            {
                reloadedSource = null;
                if (name is null) throw new InvalidOperationException("the text was released without a way to read it again");
                var read = ReadUtf8(Path.Combine(root!, name), name, ref reloadedChars);
                if (read != Length || Hash(reloadedChars!.AsSpan(0, read)) != hash)
                {
                    throw new IOException($"{name}: the file changed while smlint was running (or since its cache was written with the same size and time); run smlint again");
                }
                reloadedSource = this;
            }
            return reloadedChars!.AsSpan(0, Length);
        }
    }

    // Which text the thread's buffer holds, and the buffer (the characters stay: they are the text).
    [ThreadStatic]
    private static SourceText? reloadedSource;

    [ThreadStatic]
    private static char[]? reloadedChars;

    /// <summary>Reads a UTF-8 file into <paramref name="chars"/> (replaced by a larger one when it is too small); returns the number of characters.</summary>
    /// <exception cref="IOException">The file cannot be read, or is not UTF-8 any more.</exception>
    private static int ReadUtf8(string fullPath, string name, ref char[]? chars)
    {
        // The loader's own read, into the thread's byte buffer; a file now too large reads as empty,
        // which the length check then reports as changed.
        var bytes = Site.SiteLoader.ReadAtMost(fullPath, Array.MaxLength - 1, out _);
        // UTF-8 never decodes to more UTF-16 characters than it has bytes.
        if (chars is null || chars.Length < bytes.Length) chars = new char[Math.Max(bytes.Length, 64 * 1024)];
        try
        {
            return Site.SiteLoader.StrictUtf8.GetChars(bytes, chars);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new IOException($"{name}: the file is not valid UTF-8 any more; run smlint again");
        }
    }

    /// <summary>The number of characters.</summary>
    public int Length { get; }

    /// <summary>Whether <paramref name="candidate"/> is exactly the text that was indexed.</summary>
    public bool Matches(string candidate) => candidate.Length == Length && Hash(candidate) == hash;

    /// <summary>Lets the text go; <see cref="Text"/> reads the file at <paramref name="relativePath"/> under <paramref name="root"/> when it is needed later.</summary>
    internal void Release(string root, string relativePath)
    {
        this.root = root;
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
