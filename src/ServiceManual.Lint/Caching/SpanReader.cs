using System.Text;

namespace ServiceManual.Lint.Caching;

/// <summary>Reads what <see cref="BinaryWriter"/> wrote (7-bit counts, length-prefixed UTF-8), straight from a span; any overrun is <see cref="InvalidDataException"/>.</summary>
internal ref struct SpanReader(ReadOnlySpan<byte> bytes)
{
    private const int MaxCount = 1 << 24;
    private const int MaxSharedBytes = 512;
    private readonly ReadOnlySpan<byte> bytes = bytes;

    public int Position { get; set; }

    public readonly bool AtEnd => Position == bytes.Length;

    public byte ReadByte() => Position < bytes.Length ? bytes[Position++] : throw new InvalidDataException("truncated");

    public int ReadInt32() => System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));

    public long ReadInt64() => System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

    public int ReadCount()
    {
        var count = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var part = ReadByte();
            count |= (part & 0x7F) << shift;
            if (part < 0x80) return count is >= 0 and <= MaxCount ? count : throw new InvalidDataException("bad count");
        }
        throw new InvalidDataException("bad count");
    }

    public string ReadString() => Encoding.UTF8.GetString(Take(ReadCount()));

    /// <summary>
    /// A string that repeats across the file (a file name such as <c>index.md</c>), as its pooled
    /// copy: no string is made for one seen before. A re-run reads every folder's listing, and what
    /// it allocates, it pays for again in page faults.
    /// </summary>
    public string ReadSharedString()
    {
        var utf8 = Take(ReadCount());
        if (utf8.Length > MaxSharedBytes) return Encoding.UTF8.GetString(utf8);
        // As long as the bytes (UTF-8 never has fewer bytes than characters): a stack buffer is cleared first.
        Span<char> chars = stackalloc char[utf8.Length];
        return Text.StringPool.Share(chars[..Encoding.UTF8.GetChars(utf8, chars)]);
    }

    public void SkipString() => Take(ReadCount());

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > bytes.Length - Position) throw new InvalidDataException("truncated");
        var taken = bytes.Slice(Position, length);
        Position += length;
        return taken;
    }
}
