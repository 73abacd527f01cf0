using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Caching;

/// <summary>What a folder holds, as far as the walk is concerned.</summary>
internal enum FolderEntryKind : byte
{
    /// <summary>A file whose text is never read (an image, a stylesheet): only its name matters.</summary>
    Asset,
    /// <summary>A page or template: its size and time are read on every run.</summary>
    Text,
    /// <summary>A folder to walk into.</summary>
    Folder,
}

/// <summary>One entry of a folder's listing, after Jekyll's and the configuration's exclusions.</summary>
internal readonly record struct FolderEntry(string Name, FolderEntryKind Kind);

/// <summary>A folder's listing and the findings listing it gave (symbolic links not followed), as of its modification time.</summary>
internal sealed record FolderListing(long Modified, FolderEntry[] Entries, LoadProblem[] Problems);

/// <summary>
/// Every folder's listing from the last run with a cache, in <c>.smlint-cache/smlint.folders</c>. A
/// folder's modification time changes whenever an entry is added, removed or renamed in it (not when
/// a file's text changes), so a folder whose time is unchanged holds what it held: the walk stats it
/// instead of listing it, and stats its pages for their own size and time. This is git's untracked
/// cache, and the same trust in times as the file stamps; a folder changed in the seconds before the
/// listing was saved is never trusted (its time could repeat within the clock's resolution).
/// </summary>
internal sealed class FolderCache
{
    private const string FileName = "smlint.folders";
    private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    private readonly string folder;
    private readonly string fingerprint;
    private readonly byte[] file;
    private readonly Dictionary<string, (long Modified, int Start, int End, int TextFiles)> known;
    private readonly ConcurrentDictionary<string, FolderListing> seen;
    private readonly Text.StringPool? strings;
    private int listedAgain; // folders this run had to list (new, changed, or not in the cache)

    private FolderCache(string folder, string fingerprint, byte[] file, Dictionary<string, (long Modified, int Start, int End, int TextFiles)> known, Text.StringPool? strings)
    {
        this.strings = strings;
        this.folder = folder;
        this.fingerprint = fingerprint;
        this.file = file;
        this.known = known;
        // Sized for every folder the cache knows, which a re-run sees again (it grew several times
        // on every re-run, while the walk added to it from every core).
        seen = new(Environment.ProcessorCount, Math.Max(known.Count, 31), StringComparer.Ordinal);
    }

    /// <summary>How many folders' listings the cache holds.</summary>
    public int Count => known.Count;

    /// <summary>How many pages and templates the listing saved for <paramref name="path"/> holds (0 when none is saved): each is stat'ed if the listing is used.</summary>
    public int TextFilesIn(string path) => known.TryGetValue(path, out var saved) ? saved.TextFiles : 0;

    /// <summary>
    /// The listing saved for <paramref name="path"/> (a folder's path from the site root), if the
    /// folder's time is still <paramref name="modified"/>. Decoded here, by the walk's thread that
    /// needs it; a damaged or planted listing is no listing.
    /// </summary>
    public FolderListing? Find(string path, long modified)
    {
        if (!known.TryGetValue(path, out var saved) || saved.Modified != modified) return null;
        try
        {
            var reader = new SpanReader(file.AsSpan(saved.Start, saved.End - saved.Start)) { Strings = strings };
            var listing = CacheCodec.ReadFolderEntries(ref reader, modified);
            return reader.AtEnd ? listing : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Records the listing this run used for a folder: taken from the cache or listed again.</summary>
    public void Remember(string path, FolderListing listing, bool listedNow)
    {
        seen[path] = listing;
        if (listedNow) Interlocked.Increment(ref listedAgain);
    }

    /// <summary>Reads the index of listings in the cache folder (each listing is decoded when asked for); an absent, stale or damaged file is an empty cache.</summary>
    public static FolderCache Load(string cacheFolder, string fingerprint, Text.StringPool? strings = null)
    {
        LintCache.RefuseLinks(cacheFolder);
        var empty = new FolderCache(cacheFolder, fingerprint, [], new Dictionary<string, (long, int, int, int)>(StringComparer.Ordinal), strings);
        var path = Path.Combine(cacheFolder, FileName);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.LinkTarget is not null) return empty;
            var file = File.ReadAllBytes(path);
            if (LintCache.ChecksummedContentLength(file, CacheCodec.FoldersMagic) is not { } contentLength) return empty;
            var reader = new SpanReader(file.AsSpan(0, contentLength));
            if (CacheCodec.ReadFoldersHeader(ref reader, fingerprint) is not { } count) return empty;
            var known = new Dictionary<string, (long, int, int, int)>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var (relative, modified) = CacheCodec.ReadFolderListingStart(ref reader);
                var start = reader.Position;
                var textFiles = CacheCodec.SkipFolderEntries(ref reader);
                known[relative] = (modified, start, reader.Position, textFiles);
            }
            return reader.AtEnd ? new FolderCache(cacheFolder, fingerprint, file, known, strings) : empty;
        }
        catch (Exception e) when (LintCache.IsDamage(e))
        {
            return empty; // a damaged file costs one full listing, never a wrong report
        }
    }

    /// <summary>
    /// Writes the listings this run used, when it listed any folder again (otherwise the file on disk
    /// already holds them). Folders changed in the last seconds are left out, so they are listed next time.
    /// </summary>
    public void Save()
    {
        if (listedAgain == 0 && seen.Count == known.Count) return;
        var racy = DateTime.UtcNow.Ticks - RacyWindow.Ticks;
        var trusted = seen.Where(s => s.Value.Modified < racy).OrderBy(s => s.Key, StringComparer.Ordinal).ToArray();
        LintCache.RefuseLinks(folder);
        Directory.CreateDirectory(folder);
        LintCache.ReplaceAtomically(Path.Combine(folder, FileName), file =>
        {
            using var content = new MemoryStream();
            using (var writer = new BinaryWriter(content, Encoding.UTF8, leaveOpen: true))
            {
                CacheCodec.WriteFoldersHeader(writer, fingerprint, trusted.Length);
                foreach (var (path, listing) in trusted) CacheCodec.WriteFolderListing(writer, path, listing);
            }
            var bytes = content.GetBuffer().AsSpan(0, (int)content.Length);
            file.Write(bytes);
            file.Write(BitConverter.GetBytes(XxHash3.HashToUInt64(bytes)));
        });
    }
}
