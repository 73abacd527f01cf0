using ServiceManual.Lint.Caching;

namespace ServiceManual.Lint.Tests;

/// <summary>The cache files are written with <see cref="BinaryWriter"/> and read back with <see cref="SpanReader"/>: every value must come back as written.</summary>
public sealed class SpanReaderTests
{
    // The pool lives for the process: each test's values are its own.
    private readonly string prefix = Guid.NewGuid().ToString("N");

    [Test]
    public void Numbers_read_back_as_BinaryWriter_wrote_them_negative_and_extreme_ones_included()
    {
        int[] ints = [0, 1, 127, 128, 16_383, 16_384, int.MaxValue, -1, int.MinValue];
        long[] longs = [0, 300, long.MaxValue, -1, long.MinValue];
        using var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            foreach (var value in ints) writer.Write7BitEncodedInt(value);
            foreach (var value in longs) writer.Write7BitEncodedInt64(value);
            writer.Write(ulong.MaxValue - 1);
            writer.Write(true);
            writer.Write(false);
        }
        var reader = new SpanReader(bytes.ToArray());

        var readInts = new int[ints.Length];
        for (var i = 0; i < readInts.Length; i++) readInts[i] = reader.Read7BitEncodedInt();
        var readLongs = new long[longs.Length];
        for (var i = 0; i < readLongs.Length; i++) readLongs[i] = reader.Read7BitEncodedInt64();
        var rest = (reader.ReadUInt64(), reader.ReadBoolean(), reader.ReadBoolean(), reader.AtEnd);

        Assert.Multiple(() =>
        {
            Assert.That(readInts, Is.EqualTo(ints));
            Assert.That(readLongs, Is.EqualTo(longs));
            Assert.That(rest, Is.EqualTo((ulong.MaxValue - 1, true, false, true)));
        });
    }

    [Test]
    public void A_number_with_more_bits_than_its_type_or_cut_short_is_damage()
    {
        // Five bytes for an int whose last byte carries more than the four bits left; ten for a long carrying more than one.
        Assert.Multiple(() =>
        {
            Assert.That(() => new SpanReader(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x10 }).Read7BitEncodedInt(), Throws.InstanceOf<InvalidDataException>());
            Assert.That(() => new SpanReader(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }).Read7BitEncodedInt(), Is.EqualTo(-1));
            Assert.That(() => new SpanReader(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 }).Read7BitEncodedInt64(), Throws.InstanceOf<InvalidDataException>());
            Assert.That(() => new SpanReader(new byte[] { 0x80, 0x80 }).Read7BitEncodedInt(), Throws.InstanceOf<InvalidDataException>());
            Assert.That(() => new SpanReader(new byte[] { 1, 2, 3 }).ReadUInt64(), Throws.InstanceOf<InvalidDataException>());
        });
    }

    [Test]
    public void A_folder_listing_name_read_twice_is_one_string_and_any_name_reads_back_as_written()
    {
        // As BinaryWriter writes them (what the folder cache holds): a name twice, a non-ASCII one, a long one.
        var name = prefix + "-index.md";
        var longName = prefix + new string('n', 600);
        using var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            foreach (var written in new[] { name, name, prefix + "-café.md", longName }) writer.Write(written);
        }
        var reader = new SpanReader(bytes.ToArray()) { Strings = new Text.StringPool() };

        var (first, second, accented, read) = (reader.ReadSharedString(), reader.ReadSharedString(), reader.ReadSharedString(), reader.ReadSharedString());
        var atEnd = reader.AtEnd;

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(name));
            Assert.That(second, Is.SameAs(first));
            Assert.That(accented, Is.EqualTo(prefix + "-café.md"));
            Assert.That(read, Is.EqualTo(longName));
            Assert.That(atEnd);
        });
    }
}
