using System.IO.Hashing;
using System.Text;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Rules;
using ServiceManual.Lint.Sites;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Caching;

/// <summary>A page body in the bodies file: where it is and its hash (checked before it is decoded).</summary>
internal readonly record struct BodyLocation(long Offset, int Length, ulong Hash);

/// <summary>What the cache knows of one file, valid while its size and modification time are unchanged.</summary>
internal sealed class CacheEntry
{
    public required long Length { get; init; }
    public required long Modified { get; init; }
    /// <summary>The parsed page or template; null for a file Jekyll copies as it is.</summary>
    public Page? Page { get; init; }
    /// <summary>For Markdown without front matter: why it is not a page (null for plain HTML).</summary>
    public string? StaticReason { get; init; }
    public PageFacts Facts { get; init; }
    /// <summary>The file's findings from the last run that checked it; null when not known or out of date.</summary>
    public Diagnostic[]? Diagnostics { get; set; }
    /// <summary>Pages and templates the file's links lead to: their ids decide its fragment findings.</summary>
    public IReadOnlyList<string> Targets { get; set; } = [];
    /// <summary>The hash of the page's text when it was cached (kept in the index: telling a touched file from a changed one must not need its body).</summary>
    public UInt128 ContentHash { get; init; }
    /// <summary>Where the page's body is in the bodies file, when it is there (an unchanged page keeps it).</summary>
    public BodyLocation? Body { get; init; }

    /// <summary>Whether the file still has the size and time it had when cached (so this run takes it from the cache).</summary>
    public bool IsCurrent(long length, long modified) => Length == length && Modified == modified;
}

/// <summary>
/// The incremental cache in <c>.smlint-cache/</c>: every file's parse, what it shows other files
/// (<see cref="PageFacts"/>) and its findings. A run re-parses only files whose size or time
/// changed and re-checks only files whose findings could have changed; everything else is read
/// back. Any doubt (another smlint build, other configuration or rules, files added or removed, a
/// changed layout or include, a damaged cache file) means a full check.
/// </summary>
internal sealed class LintCache : IPageSource
{
    private const string FileName = "smlint.cache";
    private const string BodiesFileName = "smlint.bodies";

    private readonly string folder;
    private readonly string fingerprint;
    private ulong bodiesId; // 0: no bodies file known
    private long bodiesLength;

    private LintCache(string folder, string fingerprint, string? fileListHash, Dictionary<string, CacheEntry> entries)
    {
        this.folder = folder;
        this.fingerprint = fingerprint;
        FileListHash = fileListHash;
        Entries = entries;
    }

    /// <summary>The cached files by site path.</summary>
    public Dictionary<string, CacheEntry> Entries { get; }

    /// <summary>The hash of the site's file list when the cache was written; null when nothing was cached.</summary>
    public string? FileListHash { get; }

    /// <summary>The cached parse of a file (or its verdict that Jekyll copies the file as is), if its size and time still match.</summary>
    public KnownFile? Find(string path, long length, long modified) =>
        Entries.TryGetValue(path, out var entry) && entry.IsCurrent(length, modified) ? new KnownFile(entry.Page, entry.StaticReason) : null;

    /// <summary>Reads the cache in <paramref name="folder"/>; an absent, stale or unreadable cache is an empty one.</summary>
    /// <remarks>Strings repeated across pages are shared through <paramref name="strings"/>; a page's text is got again through <paramref name="released"/>.</remarks>
    public static LintCache Load(string folder, string root, string fingerprint, IReadOnlyDictionary<string, RuleDescriptor> rules, LintConfiguration configuration,
        StringPool strings, IReleasedTexts released)
    {
        RefuseLinks(folder);
        var empty = new LintCache(folder, fingerprint, null, new Dictionary<string, CacheEntry>(StringComparer.Ordinal));
        var path = Path.Combine(folder, FileName);
        var bodiesPath = Path.Combine(folder, BodiesFileName);
        if (!File.Exists(path) || !File.Exists(bodiesPath)) return empty;
        try
        {
            var file = File.ReadAllBytes(path);
            // A checksum over the whole index: a damaged or truncated one is found here.
            if (ChecksummedContentLength(file, CacheCodec.IndexMagic) is not { } contentLength) return empty;
            var reader = new SpanReader(file.AsSpan(0, contentLength)) { Strings = strings };
            if (CacheCodec.ReadIndexHeader(ref reader, fingerprint) is not { } header) return empty;
            var (_, fileListHash, bodiesId, bodiesLength, count) = header;
            // The bodies file must be the one this index was written with.
            using (var bodies = File.OpenHandle(bodiesPath))
            {
                Span<byte> id = stackalloc byte[sizeof(ulong)];
                if (RandomAccess.GetLength(bodies) < bodiesLength || RandomAccess.Read(bodies, id, 0) != id.Length || BitConverter.ToUInt64(id) != bodiesId) return empty;
            }
            var paths = new string[count];
            var read = new CacheEntry[count];
            var targetIndexes = new int[count][];
            var entries = new Dictionary<string, CacheEntry>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var stored = CacheCodec.ReadIndexEntry(ref reader, bodiesLength, rules);
                var relative = paths[i] = stored.Path;
                Page? page = null;
                if (stored.Page is { } cached)
                {
                    var (location, summary) = (cached.Body, cached.Summary);
                    // One closure per page, made here: most pages of a re-run never need their body.
                    page = new Page(relative, summary.Kind, summary.Layout, summary.Title, summary.CrumbLinks, summary.Publishing,
                        () => LoadBody(bodiesPath, location, relative, summary.Kind, summary.CrumbLinks, root, configuration, strings, released));
                }
                Diagnostic[]? diagnostics = null;
                if (stored.Diagnostics is { } found)
                {
                    diagnostics = found.Length == 0 ? [] : new Diagnostic[found.Length];
                    for (var j = 0; j < found.Length; j++)
                    {
                        diagnostics[j] = found[j].Diagnostic;
                        page?.RememberLine(found[j].Diagnostic.Span.Line, found[j].LineText);
                    }
                }
                targetIndexes[i] = stored.Targets;
                read[i] = new CacheEntry
                {
                    Length = stored.Length, Modified = stored.Modified, Page = page, StaticReason = stored.StaticReason, Facts = stored.Page?.Facts ?? default,
                    Diagnostics = diagnostics, Body = stored.Page?.Body, ContentHash = stored.Page?.ContentHash ?? default,
                };
                entries[relative] = read[i];
            }
            for (var i = 0; i < count; i++)
            {
                var targets = targetIndexes[i].Length == 0 ? [] : new string[targetIndexes[i].Length];
                for (var j = 0; j < targets.Length; j++) targets[j] = targetIndexes[i][j] < count ? paths[targetIndexes[i][j]] : throw new InvalidDataException("bad target");
                read[i].Targets = targets;
            }
            if (!reader.AtEnd) return empty;
            return new LintCache(folder, fingerprint, fileListHash, entries) { bodiesId = bodiesId, bodiesLength = bodiesLength };
        }
        catch (Exception e) when (IsDamage(e))
        {
            return empty; // a damaged cache costs one full run, never a wrong report
        }
    }

    // A body read back from the bodies file; if it cannot be (another run rewrote the file, a damaged
    // byte), the page is parsed from its file again, which the unchanged size and time say is the same text.
    private static Page.PageBody LoadBody(string bodiesPath, BodyLocation location, string relative, FileKind kind, Link[] crumbLinks, string root, LintConfiguration configuration,
        StringPool strings, IReleasedTexts released)
    {
        try
        {
            var bytes = new byte[location.Length];
            using (var bodies = File.OpenHandle(bodiesPath))
            {
                if (RandomAccess.Read(bodies, bytes, location.Offset) != bytes.Length) throw new InvalidDataException("short body");
            }
            if (XxHash3.HashToUInt64(bytes) != location.Hash) throw new InvalidDataException("body checksum");
            return CacheCodec.DecodeBody(bytes, relative, crumbLinks, released, strings);
        }
        catch (Exception e) when (IsDamage(e))
        {
            var text = PageReader.ReadAgain(Path.Combine(root, relative), configuration.Limits.MaxPageBytes);
            var parsed = PageParser.Parse(relative, kind, text, configuration.Markdown, configuration.Limits.MaxFrontMatterBytes);
            if (parsed.CrumbLinks.Count != crumbLinks.Length) throw new IOException($"{relative}: the file changed while smlint was running; run smlint again");
            parsed.Source.Release(released, relative);
            var body = parsed.Body;
            // The summary's breadcrumb links stay the page's own (rules match links by identity).
            return body with { Links = [.. crumbLinks, .. body.Links.Skip(crumbLinks.Length)] };
        }
    }

    /// <summary>
    /// Writes the cache: new page bodies are appended to the bodies file (or all are written to a
    /// fresh one when it holds more garbage than pages), then the index is written to a temporary
    /// file and renamed over the old one. A run killed half way leaves the old index, which only
    /// refers to bodies that are still there.
    /// </summary>
    public void Save(string fileListHash, IReadOnlyList<(string Path, CacheEntry Entry)> entries)
    {
        RefuseLinks(folder);
        Directory.CreateDirectory(folder);
        // Like .pytest_cache: the folder ignores itself, so it is never committed by accident.
        var ignore = Path.Combine(folder, ".gitignore");
        if (!File.Exists(ignore)) File.WriteAllText(ignore, "# written by smlint\n*\n");
        var locations = WriteBodies(entries);
        var index = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        foreach (var (relative, _) in entries) index[relative] = index.Count;
        ReplaceAtomically(Path.Combine(folder, FileName), file =>
        {
            // Streamed to the file and hashed on the way.
            // (BinaryWriter writes a byte at a time: the buffer hands the hash and the file whole blocks.)
            using (var hashing = new HashingStream(file))
            using (var buffered = new BufferedStream(hashing, 1 << 16))
            using (var writer = new BinaryWriter(buffered, Encoding.UTF8, leaveOpen: true))
            {
                CacheCodec.WriteIndexHeader(writer, new IndexHeader(fingerprint, fileListHash, bodiesId, bodiesLength, entries.Count));
                var targetIndexes = new List<int>();
                for (var i = 0; i < entries.Count; i++)
                {
                    var (relative, entry) = entries[i];
                    targetIndexes.Clear();
                    foreach (var target in entry.Targets)
                    {
                        if (index.TryGetValue(target, out var at)) targetIndexes.Add(at);
                    }
                    var page = entry.Page is { } parsed
                        ? new StoredPage(entry.ContentHash, locations[i]!.Value, PageSummary.Of(parsed), entry.Facts)
                        : (StoredPage?)null;
                    var diagnostics = entry.Diagnostics?.Select(d => (d, LineOf(entry.Page, d.Span.Line))).ToArray();
                    CacheCodec.WriteIndexEntry(writer, new IndexEntry(relative, entry.Length, entry.Modified, page, entry.StaticReason, diagnostics, [.. targetIndexes]));
                }
                writer.Flush();
                file.Write(BitConverter.GetBytes(hashing.Hash));
            }
        });
    }

    // Where each page's body is after this save: unchanged pages keep theirs; new ones are appended.
    private BodyLocation?[] WriteBodies(IReadOnlyList<(string Path, CacheEntry Entry)> entries)
    {
        var locations = new BodyLocation?[entries.Count];
        var live = entries.Sum(e => (long)(e.Entry.Body?.Length ?? 0));
        var bodiesPath = Path.Combine(folder, BodiesFileName);
        var append = bodiesId != 0 && File.Exists(bodiesPath) && bodiesLength <= 2 * live + (1 << 20);
        if (append)
        {
            using var stream = new FileStream(bodiesPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            // Only what the index vouches for is kept: whatever a killed run appended after it is overwritten.
            stream.SetLength(bodiesLength);
            stream.Position = bodiesLength;
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i].Entry;
                if (entry.Page is null) continue;
                locations[i] = entry.Body ?? Append(stream, CacheCodec.EncodeBody(entry.Page));
            }
            bodiesLength = stream.Length;
            return locations;
        }
        // A fresh bodies file (with a new id, so an index written with the old one no longer matches it).
        var id = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        ReplaceAtomically(bodiesPath, file =>
        {
            using var stream = new BufferedStream(file, 1 << 16);
            stream.Write(BitConverter.GetBytes(id));
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i].Entry;
                if (entry.Page is null) continue;
                locations[i] = Append(stream, CacheCodec.EncodeBody(entry.Page));
            }
            bodiesLength = stream.Length;
        });
        bodiesId = id;
        return locations;
    }

    // Writes a file beside its final name and renames it over the old one, so a reader sees the old
    // file or the new, never half of one.
    internal static void ReplaceAtomically(string path, Action<FileStream> write)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                write(stream);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static BodyLocation Append(Stream stream, byte[] body)
    {
        var location = new BodyLocation(stream.Position, body.Length, XxHash3.HashToUInt64(body));
        stream.Write(body);
        return location;
    }

    private static string LineOf(Page? page, int line)
    {
        try
        {
            if (page is null) return string.Empty;
            var text = page.GetLine(line);
            page.RememberLine(line, text); // this run's report prints it too
            return text;
        }
        catch (IOException)
        {
            return string.Empty; // changed since read: no frame rather than a wrong one
        }
    }

    // Passes writes through and hashes them (XXH3), for the checksum at the end of the cache file.
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly XxHash3 hash = new();

        public ulong Hash => hash.GetCurrentHashAsUInt64();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void WriteByte(byte value) => Write([value]);

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.Append(buffer);
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>
    /// What decides whether cached findings still hold, apart from the files: this build of smlint,
    /// the configuration and rule set, and the rules run (a caller's own rules by their build).
    /// </summary>
    public static string Fingerprint(LintConfiguration configuration, IEnumerable<IRule> rules)
    {
        var text = new StringBuilder();
        foreach (var rule in rules)
        {
            text.Append(rule.Descriptor.Id).Append(' ').Append(rule.GetType().FullName).Append(' ').Append(rule.GetType().Module.ModuleVersionId).Append(' ')
                .Append(configuration.SeverityOf(rule.Descriptor)).Append('\n');
        }
        text.Append("include ").AppendJoin('\n', configuration.Include).Append("\nexclude ").AppendJoin('\n', configuration.Exclude)
            .Append("\nignore ").AppendJoin('\n', configuration.Ignore)
            .Append("\nbaseurl ").Append(configuration.BaseUrl).Append("\nserving ").Append(configuration.Serving)
            .Append("\nhosts ").AppendJoin(' ', configuration.Hosts).Append("\npaths ").AppendJoin(' ', configuration.Paths)
            .Append("\nexternal-paths ").AppendJoin(' ', configuration.ExternalPaths).Append("\njekyll ").Append(configuration.JekyllVersion).Append('\n').Append(configuration.Jekyll.Describe())
            .Append("\njekyll-exclude ").AppendJoin('\n', configuration.JekyllExclude).Append("\nmarkdown ").Append(configuration.Markdown.Describe())
            .Append("\nlimits ").Append(configuration.Limits.MaxPageBytes).Append(' ').Append(configuration.Limits.MaxFrontMatterBytes).Append(' ').Append(configuration.Limits.ParseSeconds);
        foreach (var entry in configuration.Overrides)
        {
            text.Append("\noverride ").AppendJoin(',', entry.Files.Patterns).Append(':').AppendJoin(',', entry.Rules.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}"));
        }
        var ruleSet = configuration.SiteVocabulary;
        text.Append("\nhome ").Append(ruleSet.Home);
        foreach (var kind in ruleSet.PageKinds) text.Append("\nkind ").Append(kind.Kind).Append(':').AppendJoin(',', kind.Layouts).Append(':').AppendJoin(',', kind.Required);
        foreach (var (key, values) in ruleSet.Values.OrderBy(v => v.Key, StringComparer.Ordinal)) text.Append("\nvalues ").Append(key).Append(':').AppendJoin(',', values);
        foreach (var (key, type) in ruleSet.Types.OrderBy(v => v.Key, StringComparer.Ordinal)) text.Append("\ntype ").Append(key).Append(':').Append(type);
        text.Append("\nknown ").AppendJoin(',', ruleSet.KnownKeys).Append("\norder ").AppendJoin(',', ruleSet.PhaseOrder)
            .Append("\nphase-nav ").Append(ruleSet.PhaseNav).Append("\nbreadcrumbs ").Append(ruleSet.Breadcrumbs);
        // An identity, not a defence (anyone can compute it): XXH128 rather than SHA-256, whose
        // library takes milliseconds to load, a good part of a re-run.
        return Convert.ToHexString(XxHash128.Hash(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>A hash of every path in the site and what it is: adding, removing or renaming a file changes it.</summary>
    public static string FileListHashOf(Sites.JekyllSite site)
    {
        var hash = new XxHash128();
        void Add(char kind, string path)
        {
            Span<char> prefix = [kind, ' '];
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(prefix));
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(path.AsSpan()));
            hash.Append("\n\0"u8);
        }
        foreach (var page in site.Pages) Add('p', page.Path);
        foreach (var template in site.Templates) Add('t', template.Path);
        // Assets are held in no order: they count as a sum of their hashes, which needs no sort.
        ulong assetSum = 0;
        foreach (var asset in site.Assets) assetSum += XxHash3.HashToUInt64(System.Runtime.InteropServices.MemoryMarshal.AsBytes(asset.AsSpan()));
        Add('a', $"{site.Assets.Count} {assetSum:x16}");
        foreach (var problem in site.Problems.Concat(site.Skipped)) Add('x', problem.Path);
        // A post held back for its date is published once the date passes: then everything is checked again.
        foreach (var future in site.Output.HeldBack) Add('f', future);
        return Convert.ToHexString(hash.GetCurrentHash());
    }

    /// <summary>
    /// The length of a cache file's content when it starts with <paramref name="magic"/> and ends
    /// with the XXH3 of everything before that checksum; null for a damaged or truncated file.
    /// </summary>
    internal static int? ChecksummedContentLength(byte[] file, ReadOnlySpan<byte> magic)
    {
        if (file.Length < magic.Length + sizeof(ulong) || !file.AsSpan(0, magic.Length).SequenceEqual(magic)) return null;
        var contentLength = file.Length - sizeof(ulong);
        return XxHash3.HashToUInt64(file.AsSpan(0, contentLength)) == BitConverter.ToUInt64(file, contentLength) ? contentLength : null;
    }

    // What reading a damaged, truncated or planted cache file can throw: never a crash, only a cache not used.
    internal static bool IsDamage(Exception e) =>
        e is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException or FormatException or ArgumentException or OverflowException;

    // A planted symbolic link would make the cache write land outside the site.
    internal static void RefuseLinks(string folder)
    {
        var info = new DirectoryInfo(folder);
        if (info.Exists && info.LinkTarget is not null) throw new ConfigurationException($"{folder}: the cache folder is a symbolic link; refusing to use it");
        var file = new FileInfo(Path.Combine(folder, FileName));
        if (file.Exists && file.LinkTarget is not null) throw new ConfigurationException($"{file.FullName}: the cache file is a symbolic link; refusing to use it");
    }

    // Read for every cached file: checked segment by segment without splitting the path.
    internal static bool IsSafeRelativePath(string path)
    {
        if (path.Length == 0 || Path.IsPathRooted(path)) return false;
        // One pass (a re-run checks every path in the index): no zero, and no segment empty, "." or "..".
        var segmentStart = 0;
        for (var i = 0; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/')
            {
                if (path[i] == '\0') return false;
                continue;
            }
            var length = i - segmentStart;
            if (length == 0 || (length <= 2 && path[segmentStart] == '.' && path[i - 1] == '.')) return false;
            segmentStart = i + 1;
        }
        return true;
    }
}
