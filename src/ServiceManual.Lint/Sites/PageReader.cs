using System.Collections.Concurrent;
using System.Text;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Sites;

/// <summary>
/// Reads a page's bytes as strict UTF-8, never past a size limit: the loader's read, and the
/// read again of a page that a fix, the cache or a code frame needs (one reader, so all of them
/// refuse the same files in the same way).
/// </summary>
internal static class PageReader
{
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A page's text for the loader; null, with the reason in <paramref name="problems"/>, for a file that is not UTF-8 text within the limit.</summary>
    public static string? Read(string fullPath, string relative, long limit, ConcurrentBag<LoadProblem> problems)
    {
        ReadOnlySpan<byte> bytes;
        try
        {
            bytes = ReadAtMost(fullPath, limit, out var length);
            if (length > limit)
            {
                problems.Add(TooLarge(relative, length, limit));
                return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new LoadProblem(relative, SourceSpan.FileStart, $"cannot read file: {e.Message}"));
            return null;
        }
        return Decode(bytes, relative, problems);
    }

    /// <summary>What the loader reports of a page over the size limit.</summary>
    public static LoadProblem TooLarge(string relative, long length, long limit) =>
        new(relative, SourceSpan.FileStart, $"file is {length / 1024} KB, over the {limit / 1024} KB limit for a page (limits.max-page-bytes); it was not checked");

    /// <summary>
    /// A page's bytes as text, refused as the loader refuses a file read from disk (UTF-16, NUL
    /// bytes, invalid UTF-8): also the check of an editor's unsaved text, so both are judged alike.
    /// </summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, string relative, ConcurrentBag<LoadProblem> problems)
    {
        if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            problems.Add(new LoadProblem(relative, SourceSpan.FileStart, "file is UTF-16 (it starts with a UTF-16 byte order mark); Jekyll expects UTF-8: save it as UTF-8"));
            return null;
        }
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0 && LooksLikeUtf16(bytes))
        {
            problems.Add(new LoadProblem(relative, SourceSpan.FileStart, "file looks like UTF-16 (every other byte is zero); Jekyll expects UTF-8: save it as UTF-8"));
            return null;
        }
        if (nul >= 0)
        {
            var (line, column) = LineOfByte(bytes, nul);
            problems.Add(new LoadProblem(relative, new SourceSpan(line, column, line, column + 1), "file contains a NUL byte: it is binary or corrupt, not a text page"));
            return null;
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var (line, column) = LineOfByte(bytes, e.Index);
            problems.Add(new LoadProblem(relative, new SourceSpan(line, column, line, column + 1), $"file is not valid UTF-8 (byte 0x{bytes[Math.Clamp(e.Index, 0, bytes.Length - 1)]:X2}); save it as UTF-8"));
            return null;
        }
    }

    /// <summary>Reads a page again (for a fix, the cache or a code frame), as strict UTF-8 within <paramref name="limit"/> bytes.</summary>
    /// <exception cref="IOException">The file cannot be read or is now over the limit.</exception>
    /// <exception cref="DecoderFallbackException">The file is no longer UTF-8.</exception>
    public static string ReadAgain(string fullPath, long limit)
    {
        var bytes = ReadAtMost(fullPath, limit, out var length);
        if (length > limit) throw new IOException($"file is {length / 1024} KB, over the {limit / 1024} KB limit for a page");
        return StrictUtf8.GetString(bytes);
    }

    /// <summary>As <see cref="ReadAgain"/>, into <paramref name="chars"/> (replaced by a larger one when it is too small); returns the number of characters.</summary>
    public static int ReadAgainInto(string fullPath, long limit, ref char[]? chars)
    {
        var bytes = ReadAtMost(fullPath, limit, out var length);
        if (length > limit) throw new IOException($"file is {length / 1024} KB, over the {limit / 1024} KB limit for a page");
        // UTF-8 never decodes to more UTF-16 characters than it has bytes.
        if (chars is null || chars.Length < bytes.Length) chars = new char[Math.Max(bytes.Length, 64 * 1024)];
        return StrictUtf8.GetChars(bytes, chars);
    }

    // Mostly-ASCII text in UTF-16 has a zero in every other byte.
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes)
    {
        var sample = Math.Min(bytes.Length, 4096) & ~1;
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample; i += 2)
        {
            if (bytes[i] == 0) evenZeros++;
            if (bytes[i + 1] == 0) oddZeros++;
        }
        return sample > 0 && Math.Max(evenZeros, oddZeros) > sample / 2 * 0.4;
    }

    // One open, one fstat, one read into the thread's buffer (its parse workspace's, reused from
    // file to file: the bytes only live until they are decoded). Reading stops at the length the
    // file had when opened, or at its end if it is shorter (or has grown by then); never past the limit.
    private static ReadOnlySpan<byte> ReadAtMost(string fullPath, long limit, out long lengthOnDisk)
    {
        // No read-ahead hint: a page is read whole in one call, and the hint is a system call of its own.
        using var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        lengthOnDisk = RandomAccess.GetLength(handle);
        if (lengthOnDisk > limit) return [];
        var workspace = ParseWorkspace.Current;
        var buffer = workspace.ReadBuffer is { } reusable && reusable.Length > lengthOnDisk ? reusable : new byte[Math.Max(lengthOnDisk + 1, 64 * 1024)];
        if (buffer.Length <= MaxReusedBufferBytes) workspace.ReadBuffer = buffer;
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, limit + 1));
            var read = RandomAccess.Read(handle, buffer.AsSpan(filled), filled);
            if (read == 0) break;
            filled += read;
            if (filled > limit) throw new IOException($"file grew past the {limit / 1024} KB limit while being read");
            // As long as the length said: the whole file (one read, not a second one to see the end).
            if (filled == lengthOnDisk) break;
        }
        return buffer.AsSpan(0, filled);
    }

    private const int MaxReusedBufferBytes = 4 * 1024 * 1024;

    private static (int Line, int Column) LineOfByte(ReadOnlySpan<byte> bytes, int index)
    {
        index = Math.Clamp(index, 0, bytes.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (bytes[i] == '\n') { line++; lineStart = i + 1; }
        }
        return (line, index - lineStart + 1);
    }
}
