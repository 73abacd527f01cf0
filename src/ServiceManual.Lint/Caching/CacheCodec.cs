using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Rules;
using ServiceManual.Lint.Sites;
using ServiceManual.Lint.Text;
using YamlDotNet.Core;

namespace ServiceManual.Lint.Caching;

/// <summary>What every run reads of a cached page: its kind, layout, title and breadcrumb links.</summary>
internal readonly record struct PageSummary(FileKind Kind, string? Layout, string? Title, Link[] CrumbLinks, PublishingFacts Publishing)
{
    public static PageSummary Of(Page page) => new(page.Kind, page.Layout, page.Title, [.. page.CrumbLinks], page.Publishing);
}

/// <summary>The index's first fields: which build, configuration and file list it was written for, and its bodies file.</summary>
internal readonly record struct IndexHeader(string Fingerprint, string FileListHash, ulong BodiesId, long BodiesLength, int Count);

/// <summary>A parsed page as the index holds it: its text's hash, where its body is, its summary and facts.</summary>
internal readonly record struct StoredPage(UInt128 ContentHash, BodyLocation Body, PageSummary Summary, PageFacts Facts);

/// <summary>One file's record in the index, as stored: a page, a file Jekyll copies (with why, for Markdown), and its findings with their lines' text.</summary>
internal readonly record struct IndexEntry(string Path, long Length, long Modified, StoredPage? Page, string? StaticReason,
    (Diagnostic Diagnostic, string LineText)[]? Diagnostics, int[] Targets);

/// <summary>
/// Writes parsed pages and findings to the cache and reads them back, field by field: our own
/// format, never a type named in the file, and every count checked, so a damaged or planted cache
/// file is an error that discards the cache, not a crash or an object of the attacker's choosing.
/// </summary>
internal static class CacheCodec
{
    /// <summary>The index file's first bytes, and the version of its format (and the bodies').</summary>
    public static ReadOnlySpan<byte> IndexMagic => "SMLC"u8;
    public const int IndexFormatVersion = 10;

    /// <summary>The folder listings file's first bytes, and the version of its format.</summary>
    public static ReadOnlySpan<byte> FoldersMagic => "SMLF"u8;
    public const int FoldersFormatVersion = 1;

    public static void WriteIndexHeader(BinaryWriter writer, IndexHeader header)
    {
        writer.Write(IndexMagic);
        writer.Write(IndexFormatVersion);
        writer.Write(header.Fingerprint);
        writer.Write(header.FileListHash);
        writer.Write(header.BodiesId);
        writer.Write(header.BodiesLength);
        writer.Write7BitEncodedInt(header.Count);
    }

    /// <summary>The header of an index written with this format and <paramref name="fingerprint"/>; null for any other.</summary>
    public static IndexHeader? ReadIndexHeader(ref SpanReader reader, string fingerprint)
    {
        if (!reader.ReadBytes(IndexMagic.Length).SequenceEqual(IndexMagic)) throw new InvalidDataException("not an index");
        if (reader.ReadInt32() != IndexFormatVersion || reader.ReadString() != fingerprint) return null;
        return new IndexHeader(fingerprint, reader.ReadString(), reader.ReadUInt64(), reader.ReadInt64(), reader.ReadCount());
    }

    private const byte PageEntry = 0, StaticEntry = 1, AssetEntry = 2;

    public static void WriteIndexEntry(BinaryWriter writer, in IndexEntry entry)
    {
        writer.Write(entry.Path);
        writer.Write(entry.Length);
        writer.Write(entry.Modified);
        if (entry.Page is { } page)
        {
            writer.Write(PageEntry);
            WriteHash(writer, page.ContentHash);
            writer.Write(page.Body.Offset);
            writer.Write7BitEncodedInt(page.Body.Length);
            writer.Write(page.Body.Hash);
            WriteSummary(writer, page.Summary);
            WriteHash(writer, page.Facts.Ids);
            WriteHash(writer, page.Facts.Metadata);
        }
        else if (entry.StaticReason is { } reason)
        {
            writer.Write(StaticEntry);
            writer.Write(reason);
        }
        else
        {
            writer.Write(AssetEntry);
        }
        writer.Write(entry.Diagnostics is not null);
        if (entry.Diagnostics is { } diagnostics)
        {
            writer.Write7BitEncodedInt(diagnostics.Length);
            foreach (var (diagnostic, lineText) in diagnostics) WriteDiagnostic(writer, diagnostic, lineText);
        }
        writer.Write7BitEncodedInt(entry.Targets.Length);
        foreach (var target in entry.Targets) writer.Write7BitEncodedInt(target);
    }

    /// <summary>
    /// One file's record. A path that could lead out of the site, a body outside the bodies file
    /// (<paramref name="bodiesLength"/> long) or a rule not in <paramref name="rules"/> is damage.
    /// </summary>
    public static IndexEntry ReadIndexEntry(ref SpanReader reader, long bodiesLength, IReadOnlyDictionary<string, RuleDescriptor> rules)
    {
        var relative = reader.ReadString();
        if (!LintCache.IsSafeRelativePath(relative)) throw new InvalidDataException("bad path");
        long length = reader.ReadInt64(), modified = reader.ReadInt64();
        StoredPage? page = null;
        string? staticReason = null;
        switch (reader.ReadByte())
        {
            case PageEntry:
                var contentHash = ReadHash(ref reader);
                var body = new BodyLocation(reader.ReadInt64(), reader.ReadCount(), reader.ReadUInt64());
                if (body.Offset < sizeof(ulong) || body.Offset + body.Length > bodiesLength) throw new InvalidDataException("bad body location");
                var summary = ReadSummary(ref reader);
                page = new StoredPage(contentHash, body, summary, new PageFacts(ReadHash(ref reader), ReadHash(ref reader)));
                break;
            case StaticEntry:
                staticReason = reader.ReadString();
                break;
            case AssetEntry:
                break;
            default:
                throw new InvalidDataException("bad entry kind");
        }
        (Diagnostic, string)[]? diagnostics = null;
        if (reader.ReadBoolean())
        {
            // Most files have no findings and most link nowhere: no array is made for nothing.
            var found = reader.ReadCount();
            diagnostics = found == 0 ? [] : new (Diagnostic, string)[found];
            for (var j = 0; j < diagnostics.Length; j++)
            {
                var diagnostic = ReadDiagnostic(ref reader, relative, rules, out var lineText);
                diagnostics[j] = (diagnostic, lineText);
            }
        }
        var targetCount = reader.ReadCount();
        var targets = targetCount == 0 ? [] : new int[targetCount];
        for (var j = 0; j < targets.Length; j++) targets[j] = reader.ReadCount();
        return new IndexEntry(relative, length, modified, page, staticReason, diagnostics, targets);
    }

    public static void WriteFoldersHeader(BinaryWriter writer, string fingerprint, int count)
    {
        writer.Write(FoldersMagic);
        writer.Write(FoldersFormatVersion);
        writer.Write(fingerprint);
        writer.Write7BitEncodedInt(count);
    }

    /// <summary>The number of listings in a folders file written with this format and <paramref name="fingerprint"/>; null for any other.</summary>
    public static int? ReadFoldersHeader(ref SpanReader reader, string fingerprint)
    {
        if (!reader.ReadBytes(FoldersMagic.Length).SequenceEqual(FoldersMagic)) throw new InvalidDataException("not a folders file");
        if (reader.ReadInt32() != FoldersFormatVersion || reader.ReadString() != fingerprint) return null;
        return reader.ReadCount();
    }

    // A folder's listing: its path and time, then its entries and problems (which a run decodes
    // only for the folders it reuses: SkipFolderListing passes over them).
    public static void WriteFolderListing(BinaryWriter writer, string path, FolderListing listing)
    {
        writer.Write(path);
        writer.Write(listing.Modified);
        writer.Write7BitEncodedInt(listing.Entries.Length);
        foreach (var entry in listing.Entries)
        {
            writer.Write(entry.Name);
            writer.Write((byte)entry.Kind);
        }
        writer.Write7BitEncodedInt(listing.Problems.Length);
        foreach (var problem in listing.Problems)
        {
            writer.Write(problem.Path);
            writer.Write(problem.Message);
        }
    }

    /// <summary>A listing's path and time; the reader is left at its entries, which <see cref="SkipFolderEntries"/> or <see cref="ReadFolderEntries"/> read.</summary>
    public static (string Path, long Modified) ReadFolderListingStart(ref SpanReader reader)
    {
        var relative = reader.ReadString();
        if (relative.Length > 0 && !LintCache.IsSafeRelativePath(relative)) throw new InvalidDataException("bad folder path");
        return (relative, reader.ReadInt64());
    }

    /// <summary>Passes over a listing's entries and problems; returns how many of the entries are pages or templates.</summary>
    public static int SkipFolderEntries(ref SpanReader reader)
    {
        var entries = reader.ReadCount();
        var textFiles = 0;
        for (var j = 0; j < entries; j++)
        {
            reader.SkipString();
            if (reader.ReadByte() == (byte)FolderEntryKind.Text) textFiles++;
        }
        var problems = reader.ReadCount();
        for (var j = 0; j < 2 * problems; j++) reader.SkipString();
        return textFiles;
    }

    /// <summary>A listing's entries and problems, as of <paramref name="modified"/>; a planted name that could lead the walk out of its folder is damage.</summary>
    public static FolderListing ReadFolderEntries(ref SpanReader reader, long modified)
    {
        var entries = new FolderEntry[reader.ReadCount()];
        for (var j = 0; j < entries.Length; j++)
        {
            var name = reader.ReadSharedString();
            if (name.Length == 0 || name is "." or ".." || name.Contains('/') || name.Contains('\0')) throw new InvalidDataException("bad folder entry");
            var kind = (FolderEntryKind)reader.ReadByte();
            if (kind > FolderEntryKind.Folder) throw new InvalidDataException("bad folder entry kind");
            entries[j] = new FolderEntry(name, kind);
        }
        var problems = new LoadProblem[reader.ReadCount()];
        for (var j = 0; j < problems.Length; j++) problems[j] = new LoadProblem(reader.ReadString(), SourceSpan.FileStart, reader.ReadString());
        return new FolderListing(modified, entries, problems);
    }

    // A page is stored as a summary every run reads (kind, layout, title, breadcrumb links) in the
    // index, and a body in the bodies file, decoded only if a rule asks for it.
    public static void WriteSummary(BinaryWriter writer, PageSummary page)
    {
        writer.Write((byte)page.Kind);
        WriteOptional(writer, page.Layout);
        WriteOptional(writer, page.Title);
        writer.Write7BitEncodedInt(page.CrumbLinks.Length);
        foreach (var link in page.CrumbLinks) WriteLink(writer, link);
        WritePublishing(writer, page.Publishing);
    }

    // Where the page is published is worked out for every page on every run: it is in the summary.
    private static void WritePublishing(BinaryWriter writer, PublishingFacts facts)
    {
        writer.Write(ReferenceEquals(facts, PublishingFacts.None));
        if (ReferenceEquals(facts, PublishingFacts.None)) return;
        WriteOptional(writer, facts.Permalink);
        WriteOptional(writer, facts.Published);
        WriteOptional(writer, facts.Date);
        WriteOptional(writer, facts.Slug);
        WriteStrings(writer, facts.Categories);
        WriteStrings(writer, facts.RedirectFrom);
        WriteOptional(writer, facts.RedirectTo);

        static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
        {
            writer.Write7BitEncodedInt(values.Count);
            foreach (var value in values) writer.Write(value);
        }
    }

    private static PublishingFacts ReadPublishing(ref SpanReader reader)
    {
        if (reader.ReadBoolean()) return PublishingFacts.None;
        var permalink = ReadOptionalShared(ref reader);
        var published = ReadOptionalShared(ref reader);
        var date = ReadOptionalShared(ref reader);
        var slug = ReadOptionalShared(ref reader);
        var categories = ReadStrings(ref reader);
        var redirectFrom = ReadStrings(ref reader);
        return new PublishingFacts(permalink, published, date, slug, categories, redirectFrom, ReadOptionalShared(ref reader));

        static string[] ReadStrings(ref SpanReader reader)
        {
            var values = new string[reader.ReadCount()];
            for (var i = 0; i < values.Length; i++) values[i] = reader.ReadString();
            return values;
        }
    }

    public static byte[] EncodeBody(Page page)
    {
        using var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, System.Text.Encoding.UTF8, leaveOpen: true)) WriteBody(writer, page);
        return bytes.ToArray();
    }

    public static PageSummary ReadSummary(ref SpanReader reader)
    {
        var kind = (FileKind)reader.ReadByte();
        if (kind is not (FileKind.Page or FileKind.Template)) throw new InvalidDataException("bad file kind");
        var layout = ReadOptionalShared(ref reader);
        var title = ReadOptionalShared(ref reader);
        var crumbLinks = new Link[reader.ReadCount()];
        for (var i = 0; i < crumbLinks.Length; i++) crumbLinks[i] = ReadLink(ref reader);
        return new PageSummary(kind, layout, title, crumbLinks, ReadPublishing(ref reader));
    }

    public static Page.PageBody DecodeBody(byte[] body, string path, Link[] crumbLinks, IReleasedTexts released, StringPool? strings)
    {
        var reader = new SpanReader(body) { Strings = strings };
        return ReadBody(ref reader, path, crumbLinks, released);
    }

    private static void WriteBody(BinaryWriter writer, Page page)
    {
        var source = page.Source;
        writer.Write7BitEncodedInt(source.Length);
        WriteHash(writer, source.ContentHash);
        var starts = source.LineStarts;
        writer.Write7BitEncodedInt(starts.Length);
        for (var i = 1; i < starts.Length; i++) writer.Write7BitEncodedInt(starts[i] - starts[i - 1]);
        writer.Write7BitEncodedInt(page.BodyOffset);
        WriteFrontMatter(writer, page.FrontMatter);
        writer.Write7BitEncodedInt(page.Anchors.Count);
        foreach (var anchor in page.Anchors)
        {
            writer.Write(anchor.Id);
            writer.Write7BitEncodedInt(anchor.Line);
        }
        // The breadcrumb links are in the summary; the body has the others.
        writer.Write7BitEncodedInt(page.Links.Count - page.CrumbLinks.Count);
        foreach (var link in page.Links.Skip(page.CrumbLinks.Count)) WriteLink(writer, link);
        writer.Write7BitEncodedInt(page.Lists.Count);
        foreach (var list in page.Lists)
        {
            WriteStrings(writer, list.Classes);
            writer.Write7BitEncodedInt(list.Offset);
            writer.Write7BitEncodedInt(list.Length);
            writer.Write7BitEncodedInt(list.Line);
            writer.Write7BitEncodedInt(list.Items.Count);
            foreach (var item in list.Items)
            {
                writer.Write7BitEncodedInt(item.Line);
                writer.Write(item.IsStrong);
                writer.Write(item.Link is not null);
                if (item.Link is not null) WriteLink(writer, item.Link);
            }
        }
        WriteStrings(writer, page.Includes);
        writer.Write7BitEncodedInt(page.Suppressions.Ranges.Count);
        foreach (var (rule, from, to) in page.Suppressions.Ranges)
        {
            writer.Write(rule);
            writer.Write7BitEncodedInt(from);
            writer.Write7BitEncodedInt(to);
        }
        writer.Write7BitEncodedInt(page.Suppressions.Mentions.Count);
        foreach (var mention in page.Suppressions.Mentions)
        {
            writer.Write(mention.Word);
            writer.Write7BitEncodedInt(mention.Line);
            writer.Write7BitEncodedInt(mention.Column);
            writer.Write((byte)mention.Kind);
        }
    }

    private static Page.PageBody ReadBody(ref SpanReader reader, string path, Link[] crumbLinks, IReleasedTexts released)
    {
        var length = reader.Read7BitEncodedInt();
        var hash = ReadHash(ref reader);
        var starts = new int[reader.ReadCount()];
        if (starts.Length == 0) throw new InvalidDataException("no line starts");
        for (var i = 1; i < starts.Length; i++) starts[i] = starts[i - 1] + reader.Read7BitEncodedInt();
        var source = new SourceText(length, hash, starts, released, path);
        var bodyOffset = reader.Read7BitEncodedInt();
        var frontMatter = ReadFrontMatter(ref reader, source);
        var anchors = new Anchor[reader.ReadCount()];
        for (var i = 0; i < anchors.Length; i++) anchors[i] = new Anchor(reader.ReadSharedString(), reader.Read7BitEncodedInt());
        var links = new Link[crumbLinks.Length + reader.ReadCount()];
        crumbLinks.CopyTo(links, 0);
        for (var i = crumbLinks.Length; i < links.Length; i++) links[i] = ReadLink(ref reader);
        var lists = new AttributedList[reader.ReadCount()];
        for (var i = 0; i < lists.Length; i++)
        {
            var classes = ReadStrings(ref reader);
            int offset = reader.Read7BitEncodedInt(), listLength = reader.Read7BitEncodedInt(), line = reader.Read7BitEncodedInt();
            var items = new ListItemLink[reader.ReadCount()];
            for (var j = 0; j < items.Length; j++)
            {
                var itemLine = reader.Read7BitEncodedInt();
                var isStrong = reader.ReadBoolean();
                var link = reader.ReadBoolean() ? ReadLink(ref reader) : null;
                // The item's link is the same object as the page's (rules look one up by the other).
                items[j] = new ListItemLink(itemLine, link is null ? null : Array.Find(links, l => l == link) ?? link, isStrong);
            }
            lists[i] = new AttributedList(classes, offset, listLength, line, items);
        }
        var includes = ReadStrings(ref reader);
        var ranges = new (string, int, int)[reader.ReadCount()];
        for (var i = 0; i < ranges.Length; i++) ranges[i] = (reader.ReadString(), reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt());
        var mentions = new Suppressions.Mention[reader.ReadCount()];
        for (var i = 0; i < mentions.Length; i++)
        {
            mentions[i] = new Suppressions.Mention(reader.ReadString(), reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt(), (Suppressions.MentionKind)reader.ReadByte());
        }
        return new Page.PageBody(source, frontMatter, bodyOffset, anchors, links, lists, includes, Suppressions.FromRanges(ranges, mentions));
    }

    // A finding is stored with the text of its line, so a re-run's code frame needs neither the file nor the page's body.
    public static void WriteDiagnostic(BinaryWriter writer, Diagnostic diagnostic, string lineText)
    {
        writer.Write(lineText);
        writer.Write(diagnostic.Rule.Id);
        writer.Write((byte)diagnostic.Severity);
        WriteSpan(writer, diagnostic.Span);
        writer.Write(diagnostic.Message);
        WriteOptional(writer, diagnostic.MessageId);
        writer.Write7BitEncodedInt(diagnostic.MessageArguments.Values.Count);
        foreach (var argument in diagnostic.MessageArguments.Values) writer.Write(argument);
        WriteOptional(writer, diagnostic.Suggestion);
        writer.Write(diagnostic.Fix is not null);
        if (diagnostic.Fix is not { } fix) return;
        writer.Write(fix.Description);
        writer.Write7BitEncodedInt(fix.Edits.Count);
        foreach (var edit in fix.Edits)
        {
            writer.Write7BitEncodedInt(edit.Offset);
            writer.Write7BitEncodedInt(edit.Length);
            writer.Write(edit.NewText);
        }
    }

    public static Diagnostic ReadDiagnostic(ref SpanReader reader, string path, IReadOnlyDictionary<string, RuleDescriptor> rules, out string lineText)
    {
        lineText = reader.ReadString();
        var rule = rules.GetValueOrDefault(reader.ReadString()) ?? throw new InvalidDataException("unknown rule");
        var severity = (Severity)reader.ReadByte();
        if (!Enum.IsDefined(severity)) throw new InvalidDataException("bad severity");
        var span = ReadSpan(ref reader);
        var message = reader.ReadString();
        var messageId = ReadOptional(ref reader);
        var arguments = new string[reader.ReadCount()];
        for (var i = 0; i < arguments.Length; i++) arguments[i] = reader.ReadString();
        var suggestion = ReadOptional(ref reader);
        Fix? fix = null;
        if (reader.ReadBoolean())
        {
            var description = reader.ReadString();
            var edits = new TextEdit[reader.ReadCount()];
            for (var i = 0; i < edits.Length; i++) edits[i] = new TextEdit(reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt(), reader.ReadString());
            fix = new Fix(description, edits);
        }
        return new Diagnostic(rule, severity, path, span, message, suggestion, fix) { MessageId = messageId, MessageArguments = new(arguments) };
    }

    public static void WriteStrings(BinaryWriter writer, IReadOnlyCollection<string> values)
    {
        writer.Write7BitEncodedInt(values.Count);
        foreach (var value in values) writer.Write(value);
    }

    public static string[] ReadStrings(ref SpanReader reader)
    {
        var values = new string[reader.ReadCount()];
        for (var i = 0; i < values.Length; i++) values[i] = reader.ReadSharedString();
        return values;
    }

    /// <summary>A 128-bit hash, high half first.</summary>
    public static UInt128 ReadHash(ref SpanReader reader) => new(reader.ReadUInt64(), reader.ReadUInt64());

    public static void WriteHash(BinaryWriter writer, UInt128 hash)
    {
        writer.Write((ulong)(hash >> 64));
        writer.Write((ulong)hash);
    }

    private static void WriteFrontMatter(BinaryWriter writer, FrontMatter? frontMatter)
    {
        writer.Write(frontMatter is not null);
        if (frontMatter is null) return;
        writer.Write7BitEncodedInt(frontMatter.YamlOffset);
        writer.Write7BitEncodedInt(frontMatter.YamlLength);
        // Aliases make a tree a graph: a node met again is written as a reference, so a YAML
        // "billion laughs" stays as small in the cache as it is in memory.
        WriteYaml(writer, frontMatter.Root, new Dictionary<YamlValue, int>(ReferenceEqualityComparer.Instance));
        writer.Write(frontMatter.Error is not null);
        if (frontMatter.Error is { } error)
        {
            writer.Write(error.Message);
            WriteSpan(writer, error.Span);
        }
    }

    private static FrontMatter? ReadFrontMatter(ref SpanReader reader, SourceText source)
    {
        if (!reader.ReadBoolean()) return null;
        int offset = reader.Read7BitEncodedInt(), length = reader.Read7BitEncodedInt();
        var root = ReadYaml(ref reader, []);
        if (root is not (null or YamlMapping)) throw new InvalidDataException("front matter root is not a mapping");
        var error = reader.ReadBoolean() ? new FrontMatterError(reader.ReadString(), ReadSpan(ref reader)) : null;
        return new FrontMatter(source, offset, length, (YamlMapping?)root, error);
    }

    private const byte NullNode = 0, ScalarNode = 1, SequenceNode = 2, MappingNode = 3, SeenNode = 4;

    private static void WriteYaml(BinaryWriter writer, YamlValue? node, Dictionary<YamlValue, int> seen)
    {
        if (node is null)
        {
            writer.Write(NullNode);
            return;
        }
        if (seen.TryGetValue(node, out var index))
        {
            writer.Write(SeenNode);
            writer.Write7BitEncodedInt(index);
            return;
        }
        switch (node)
        {
            case YamlScalar scalar:
                writer.Write(ScalarNode);
                WriteScalar(writer, scalar);
                break;
            case YamlSequence sequence:
                writer.Write(SequenceNode);
                WriteMarks(writer, node);
                writer.Write7BitEncodedInt(sequence.Items.Count);
                foreach (var item in sequence.Items) WriteYaml(writer, item, seen);
                break;
            case YamlMapping mapping:
                writer.Write(MappingNode);
                WriteMarks(writer, node);
                writer.Write7BitEncodedInt(mapping.Entries.Count);
                foreach (var (key, value) in mapping.Entries)
                {
                    WriteScalar(writer, key);
                    WriteYaml(writer, value, seen);
                }
                break;
        }
        seen[node] = seen.Count; // numbered in the order the reader finishes them
    }

    private static YamlValue? ReadYaml(ref SpanReader reader, List<YamlValue> seen, int depth = 0)
    {
        if (depth > 2 * Documents.YamlTreeBuilder.MaxDepth) throw new InvalidDataException("YAML nested too deeply");
        YamlValue node;
        switch (reader.ReadByte())
        {
            case NullNode:
                return null;
            case SeenNode:
                var index = reader.Read7BitEncodedInt();
                return index >= 0 && index < seen.Count ? seen[index] : throw new InvalidDataException("bad YAML reference");
            case ScalarNode:
                node = ReadScalar(ref reader);
                break;
            case SequenceNode:
            {
                var (start, end) = ReadMarks(ref reader);
                var items = new YamlValue[reader.ReadCount()];
                for (var i = 0; i < items.Length; i++) items[i] = ReadYaml(ref reader, seen, depth + 1) ?? throw new InvalidDataException("null YAML item");
                node = new YamlSequence(items, start, end);
                break;
            }
            case MappingNode:
            {
                var (start, end) = ReadMarks(ref reader);
                var entries = new KeyValuePair<YamlScalar, YamlValue>[reader.ReadCount()];
                for (var i = 0; i < entries.Length; i++)
                {
                    var key = ReadScalar(ref reader);
                    entries[i] = new(key, ReadYaml(ref reader, seen, depth + 1) ?? throw new InvalidDataException("null YAML value"));
                }
                node = new YamlMapping(entries, start, end);
                break;
            }
            default:
                throw new InvalidDataException("bad YAML node");
        }
        seen.Add(node);
        return node;
    }

    // The high bit of a scalar's style byte: the scalar has an explicit tag.
    private const int TaggedFlag = 0x80;

    private static void WriteScalar(BinaryWriter writer, YamlScalar scalar)
    {
        writer.Write(scalar.Value);
        writer.Write((byte)((int)scalar.Style | (scalar.IsTagged ? TaggedFlag : 0)));
        WriteMarks(writer, scalar);
    }

    private static YamlScalar ReadScalar(ref SpanReader reader)
    {
        var value = reader.ReadSharedString();
        var style = reader.ReadByte();
        var (start, end) = ReadMarks(ref reader);
        return new YamlScalar(value, (ScalarStyle)(style & ~TaggedFlag), start, end) { IsTagged = (style & TaggedFlag) != 0 };
    }

    private static void WriteMarks(BinaryWriter writer, YamlValue node)
    {
        foreach (var mark in (ReadOnlySpan<Mark>)[node.Start, node.End])
        {
            writer.Write7BitEncodedInt64(mark.Index);
            writer.Write7BitEncodedInt64(mark.Line);
            writer.Write7BitEncodedInt64(mark.Column);
        }
    }

    private static (Mark Start, Mark End) ReadMarks(ref SpanReader reader) =>
        (ReadMark(ref reader), ReadMark(ref reader));

    private static Mark ReadMark(ref SpanReader reader)
    {
        long index = reader.Read7BitEncodedInt64(), line = reader.Read7BitEncodedInt64(), column = reader.Read7BitEncodedInt64();
        return index < 0 || line < 1 || column < 1 ? Mark.Empty : new Mark(index, line, column);
    }

    private static void WriteLink(BinaryWriter writer, Link link)
    {
        writer.Write(link.Url);
        writer.Write7BitEncodedInt(link.Offset);
        writer.Write7BitEncodedInt(link.Length);
        WriteSpan(writer, link.Span);
        writer.Write((byte)link.Kind);
        WriteOptional(writer, link.Text);
    }

    private static Link ReadLink(ref SpanReader reader)
    {
        var url = reader.ReadSharedString();
        int offset = reader.Read7BitEncodedInt(), length = reader.Read7BitEncodedInt();
        var span = ReadSpan(ref reader);
        var kind = (LinkKind)reader.ReadByte();
        if (!IsLinkKind(kind)) throw new InvalidDataException("bad link kind");
        return new Link(url, offset, length, span, kind, ReadOptionalShared(ref reader));
    }

    // The kinds are numbered 0, 1, 2... (none is given a value). Enum.IsDefined would look the enum
    // up for every link read, and a re-run reads every page's breadcrumb links.
    private static readonly int LinkKindCount = Enum.GetValues<LinkKind>().Length;

    private static bool IsLinkKind(LinkKind kind) => (uint)kind < (uint)LinkKindCount;

    private static void WriteSpan(BinaryWriter writer, SourceSpan span)
    {
        writer.Write7BitEncodedInt(span.Line);
        writer.Write7BitEncodedInt(span.Column);
        writer.Write7BitEncodedInt(span.EndLine);
        writer.Write7BitEncodedInt(span.EndColumn);
    }

    private static SourceSpan ReadSpan(ref SpanReader reader) =>
        new(reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt());

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null) writer.Write(value);
    }

    private static string? ReadOptional(ref SpanReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private static string? ReadOptionalShared(ref SpanReader reader) => reader.ReadBoolean() ? reader.ReadSharedString() : null;
}
