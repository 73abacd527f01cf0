using System.Text;

namespace ServiceManual.Lint.Caching;

/// <summary>Reads what <see cref="BinaryWriter"/> wrote (7-bit counts, length-prefixed UTF-8), straight from a span; any overrun is <see cref="InvalidDataException"/>.</summary>
internal ref struct SpanReader(ReadOnlySpan<byte> bytes)
{
    private const int MaxCount = 1 << 24;
    private const int MaxSharedBytes = 512;
    private readonly ReadOnlySpan<byte> bytes = bytes;

    public int Position { get; set; }

    /// <summary>The run's pool that <see cref="ReadSharedString"/> shares strings through (none: each is a new string).</summary>
    public Text.StringPool? Strings { get; init; }

    public readonly bool AtEnd => Position == bytes.Length;

    public byte ReadByte() => Position < bytes.Length ? bytes[Position++] : throw new InvalidDataException("truncated");

    public int ReadInt32() => System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));

    public long ReadInt64() => System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

    public ulong ReadUInt64() => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(Take(sizeof(ulong)));

    public bool ReadBoolean() => ReadByte() != 0;

    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    /// <summary>A number <see cref="BinaryWriter.Write7BitEncodedInt"/> wrote: any <see cref="int"/>, negative ones included.</summary>
    public int Read7BitEncodedInt() => (int)Read7BitEncoded(maxBytes: 5, lastByteLimit: 0b1111);

    /// <summary>A number <see cref="BinaryWriter.Write7BitEncodedInt64"/> wrote.</summary>
    public long Read7BitEncodedInt64() => (long)Read7BitEncoded(maxBytes: 10, lastByteLimit: 0b1);

    // Seven bits a byte, low bits first; the last byte may only carry the bits the type has left (as BinaryReader checks).
    private ulong Read7BitEncoded(int maxBytes, byte lastByteLimit)
    {
        ulong value = 0;
        for (var i = 0; i < maxBytes - 1; i++)
        {
            var part = ReadByte();
            value |= (ulong)(part & 0x7F) << (7 * i);
            if (part < 0x80) return value;
        }
        var last = ReadByte();
        return last <= lastByteLimit ? value | (ulong)last << (7 * (maxBytes - 1)) : throw new InvalidDataException("bad 7-bit number");
    }

    /// <summary>A count or length: a 7-bit number no larger than any the cache writes, so a damaged one cannot ask for a huge array.</summary>
    public int ReadCount()
    {
        var count = Read7BitEncodedInt();
        return count is >= 0 and <= MaxCount ? count : throw new InvalidDataException("bad count");
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
        if (utf8.Length > MaxSharedBytes || Strings is null) return Encoding.UTF8.GetString(utf8);
        // As long as the bytes (UTF-8 never has fewer bytes than characters): a stack buffer is cleared first.
        Span<char> chars = stackalloc char[utf8.Length];
        return Strings.Share(chars[..Encoding.UTF8.GetChars(utf8, chars)]);
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
