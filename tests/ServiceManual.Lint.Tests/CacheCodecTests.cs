using System.Text;
using ServiceManual.Lint.Caching;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Rules;
using ServiceManual.Lint.Sites;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// The cache's one codec: everything it writes reads back as it was, over every page, template,
/// finding and folder of both Service Manual snapshots (a field written and not read, or read in
/// another order, fails here rather than as a wrong report on a re-run).
/// </summary>
public sealed class CacheCodecTests
{
    [TestCase("service-manual-2016")]
    [TestCase("service-manual-2013")]
    public void Every_page_summary_body_and_index_entry_of_the_snapshot_reads_back_as_written(string name)
    {
        var root = Snapshot(name);
        var configuration = ConfigurationLoader.Load(root, Path.Combine(RepositoryPaths.Root, "tests", "ServiceManual.Lint.Tests", "Configurations", name + ".yml"));
        var site = SiteLoader.Load(root, configuration);
        var result = Linter.Lint(site, [], []);
        var rules = RuleRegistry.BuiltIn.ToDictionary(r => r.Descriptor.Id, r => r.Descriptor, StringComparer.Ordinal);
        var findings = result.Diagnostics.GroupBy(d => d.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var files = site.Pages.Concat(site.Templates).ToArray();
        Assert.That(files, Has.Length.GreaterThan(100));
        Assert.That(findings, Is.Not.Empty, "the snapshot has findings, so they are round-tripped too");
        var released = new ReleasedTexts(root);
        var strings = new StringPool();

        foreach (var page in files)
        {
            // The summary every run reads.
            var summary = PageSummary.Of(page);
            var summaryBytes = Written(w => CacheCodec.WriteSummary(w, summary));
            var summaryReader = new SpanReader(summaryBytes) { Strings = strings };
            var readSummary = CacheCodec.ReadSummary(ref summaryReader);
            Assert.That(summaryReader.AtEnd, page.Path);
            Assert.That(Describe(readSummary), Is.EqualTo(Describe(summary)), page.Path);

            // The body, decoded only when a rule asks for it.
            var body = CacheCodec.DecodeBody(CacheCodec.EncodeBody(page), page.Path, summary.CrumbLinks, released, strings);
            var decoded = new Page(page.Path, page.Kind, body.Source, body.FrontMatter, body.BodyOffset, body.Anchors, body.Links, body.Lists, body.Includes, body.Suppressions);
            Assert.That(Describe(decoded), Is.EqualTo(Describe(page)), page.Path);
            Assert.That(PageFacts.Of(decoded), Is.EqualTo(PageFacts.Of(page)), page.Path);
            // The text itself is not stored: it is got again, and is the text that was parsed.
            Assert.That(body.Source.Text, Is.EqualTo(page.Source.Text), page.Path);

            // The index entry, with the file's findings and the lines they quote.
            var diagnostics = findings.GetValueOrDefault(page.Path)?.Select(d => (d, page.Source.GetLine(d.Span.Line))).ToArray();
            var entry = new IndexEntry(page.Path, page.Source.Length, 638_000_000_000_000_000, new StoredPage(page.Source.ContentHash, new BodyLocation(8, 100, 42), summary, PageFacts.Of(page)),
                null, diagnostics, [3, 1, 4]);
            var entryBytes = Written(w => CacheCodec.WriteIndexEntry(w, entry));
            var entryReader = new SpanReader(entryBytes) { Strings = strings };
            var readEntry = CacheCodec.ReadIndexEntry(ref entryReader, bodiesLength: 1000, rules);
            Assert.That(entryReader.AtEnd, page.Path);
            Assert.That(Describe(readEntry), Is.EqualTo(Describe(entry)), page.Path);
        }

        foreach (var (path, reason) in site.StaticMarkdown.Select(s => (s.Path, (string?)s.Reason)).Concat(site.Assets.Take(50).Select(a => (a, (string?)null))))
        {
            var entry = new IndexEntry(path, 10, 20, null, reason, null, []);
            var reader = new SpanReader(Written(w => CacheCodec.WriteIndexEntry(w, entry)));
            Assert.That(Describe(CacheCodec.ReadIndexEntry(ref reader, 0, rules)), Is.EqualTo(Describe(entry)), path);
        }

        var header = new IndexHeader("fingerprint", "shape", 0xFEED, 123_456, files.Length);
        var headerReader = new SpanReader(Written(w => CacheCodec.WriteIndexHeader(w, header)));
        Assert.That(CacheCodec.ReadIndexHeader(ref headerReader, "fingerprint"), Is.EqualTo(header));
        headerReader = new SpanReader(Written(w => CacheCodec.WriteIndexHeader(w, header)));
        Assert.That(CacheCodec.ReadIndexHeader(ref headerReader, "another fingerprint"), Is.Null);
    }

    [TestCase("service-manual-2016")]
    [TestCase("service-manual-2013")]
    public void Every_folder_listing_of_the_snapshot_reads_back_as_written(string name)
    {
        var root = Snapshot(name);
        var folders = Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Prepend(root).ToArray();
        var listings = folders.Select((folder, i) =>
        {
            var entries = Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal).Select(entry => new FolderEntry(Path.GetFileName(entry),
                Directory.Exists(entry) ? FolderEntryKind.Folder : FileClassifier.IsTextCandidate(entry) ? FolderEntryKind.Text : FolderEntryKind.Asset)).ToArray();
            LoadProblem[] problems = i % 7 == 0 ? [new LoadProblem(Path.GetRelativePath(root, folder) + "/x", SourceSpan.FileStart, "symbolic link to 'é' not followed")] : [];
            return (Path: folder == root ? "" : Path.GetRelativePath(root, folder).Replace('\\', '/'), Listing: new FolderListing(638_000_000_000_000_000 + i, entries, problems));
        }).ToArray();
        var bytes = Written(w =>
        {
            CacheCodec.WriteFoldersHeader(w, "fingerprint", listings.Length);
            foreach (var (path, listing) in listings) CacheCodec.WriteFolderListing(w, path, listing);
        });

        // As a run reads the file: the headers and the places of each listing first, then a listing when it is reused.
        var reader = new SpanReader(bytes) { Strings = new StringPool() };
        Assert.That(CacheCodec.ReadFoldersHeader(ref reader, "fingerprint"), Is.EqualTo(listings.Length));
        foreach (var (path, listing) in listings)
        {
            Assert.That(CacheCodec.ReadFolderListingStart(ref reader), Is.EqualTo((path, listing.Modified)));
            var start = reader.Position;
            Assert.That(CacheCodec.SkipFolderEntries(ref reader), Is.EqualTo(listing.Entries.Count(e => e.Kind == FolderEntryKind.Text)), path);
            var end = reader.Position;
            var again = new SpanReader(bytes.AsSpan(start, end - start)) { Strings = new StringPool() };
            var read = CacheCodec.ReadFolderEntries(ref again, listing.Modified);
            Assert.That(again.AtEnd, path);
            Assert.That((read.Modified, read.Entries, read.Problems), Is.EqualTo((listing.Modified, listing.Entries, listing.Problems)), path);
        }
        Assert.That(reader.AtEnd);
    }

    private static byte[] Written(Action<BinaryWriter> write)
    {
        using var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true)) write(writer);
        return bytes.ToArray();
    }

    private static string Snapshot(string name)
    {
        var corpus = RepositoryPaths.Corpus;
        if (corpus is null) Assert.Ignore("../shared/corpus is not beside this clone; the codec's corpus tests need the Service Manual snapshots");
        return Path.Combine(corpus!, name);
    }

    // Every field, written out: records holding lists compare their lists by reference, not content.
    private static string Describe(PageSummary summary) =>
        $"{summary.Kind} {summary.Layout} {summary.Title} [{string.Join(", ", summary.CrumbLinks)}] {Describe(summary.Publishing)}";

    private static string Describe(PublishingFacts facts) =>
        $"{facts.Permalink} {facts.Published} {facts.Date} {facts.Slug} [{string.Join(", ", facts.Categories)}] [{string.Join(", ", facts.RedirectFrom)}] {facts.RedirectTo}";

    private static string Describe(Page page)
    {
        var text = new StringBuilder();
        text.Append($"{page.Path} {page.Kind} length {page.Source.Length} hash {page.Source.ContentHash} lines [{string.Join(',', page.Source.LineStarts.ToArray())}] body at {page.BodyOffset}\n");
        if (page.FrontMatter is { } frontMatter)
        {
            text.Append($"front matter {frontMatter.YamlOffset}+{frontMatter.YamlLength} {frontMatter.Error}\n");
            Describe(text, frontMatter.Root);
            text.Append('\n');
        }
        foreach (var anchor in page.Anchors) text.Append(anchor).Append('\n');
        foreach (var link in page.Links) text.Append(link).Append('\n');
        foreach (var list in page.Lists)
        {
            text.Append($"list {string.Join(' ', list.Classes)} {list.Offset}+{list.Length} line {list.Line}\n");
            // An item's link is the page's own link object (rules find one by the other).
            foreach (var item in list.Items) text.Append($"  {item.Line} {item.IsStrong} {item.Link} {(item.Link is null ? "" : page.Links.Any(l => ReferenceEquals(l, item.Link)))}\n");
        }
        text.Append($"includes {string.Join(' ', page.Includes)}\nsuppressions {string.Join(' ', page.Suppressions.Ranges)}\n");
        return text.ToString();
    }

    private static void Describe(StringBuilder text, YamlValue? node)
    {
        switch (node)
        {
            case null:
                text.Append('~');
                break;
            case YamlScalar scalar:
                text.Append($"'{scalar.Value}' {scalar.Style} {scalar.IsTagged} {scalar.Start}-{scalar.End}");
                break;
            case YamlSequence sequence:
                text.Append($"[{sequence.Start}-{sequence.End} ");
                foreach (var item in sequence.Items) { Describe(text, item); text.Append(", "); }
                text.Append(']');
                break;
            case YamlMapping mapping:
                text.Append($"{{{mapping.Start}-{mapping.End} ");
                foreach (var (key, value) in mapping.Entries) { Describe(text, key); text.Append(": "); Describe(text, value); text.Append(", "); }
                text.Append('}');
                break;
        }
    }

    private static string Describe(IndexEntry entry)
    {
        var text = new StringBuilder($"{entry.Path} {entry.Length} {entry.Modified} {entry.StaticReason} targets [{string.Join(',', entry.Targets)}]\n");
        if (entry.Page is { } page) text.Append($"{page.ContentHash} {page.Body} {page.Facts} {Describe(page.Summary)}\n");
        foreach (var (diagnostic, line) in entry.Diagnostics ?? [])
        {
            text.Append($"{diagnostic.Rule.Id} {diagnostic.Severity} {diagnostic.Path} {diagnostic.Span} {diagnostic.Message} {diagnostic.Suggestion} | {line}\n");
            if (diagnostic.Fix is { } fix) text.Append($"  fix {fix.Description}: {string.Join(", ", fix.Edits)}\n");
        }
        return text.ToString();
    }
}
