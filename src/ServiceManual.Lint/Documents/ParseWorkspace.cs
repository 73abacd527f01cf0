using Markdig.Syntax;
using ServiceManual.Lint.Documents.Kramdown;
using ServiceManual.Lint.Text;
using YamlDotNet.Core;

namespace ServiceManual.Lint.Documents;

/// <summary>
/// What one parser thread reuses from file to file: the read buffer, the scratch lists of the
/// parsers, and the run's string pool. A large site's parse would otherwise make the same lists
/// for every page, and every collection of a heap full of pages is dear. The loader gives each of
/// its worker threads a workspace of its own (<see cref="Use"/>) with the run's pool; a thread that
/// parses outside a run (a test, a fix being checked) gets one without a pool, so nothing it parses
/// is kept beyond the pages themselves.
/// </summary>
internal sealed class ParseWorkspace
{
    // The one per-thread slot: everything else a parser reuses hangs off the workspace.
    [ThreadStatic]
    private static ParseWorkspace? current;

    /// <summary>A workspace that shares strings through <paramref name="strings"/> (none: strings are not shared).</summary>
    public ParseWorkspace(StringPool? strings) => Strings = strings;

    /// <summary>The run's pool of repeated short strings; null outside a run.</summary>
    public StringPool? Strings { get; }

    /// <summary>The calling thread's workspace (made, without a pool, for a thread outside a run).</summary>
    public static ParseWorkspace Current => current ??= new ParseWorkspace(null);

    /// <summary>Makes <paramref name="workspace"/> the calling thread's until the returned scope is disposed.</summary>
    public static Scope Use(ParseWorkspace workspace)
    {
        var previous = current;
        current = workspace;
        return new Scope(previous);
    }

    /// <summary>Restores the thread's previous workspace.</summary>
    public readonly struct Scope(ParseWorkspace? previous) : IDisposable
    {
        public void Dispose() => current = previous;
    }

    /// <summary>The shared copy of <paramref name="value"/> in the thread's run, or a new string outside a run.</summary>
    public static string Share(ReadOnlySpan<char> value) => current?.Strings is { } strings ? strings.Share(value) : value.ToString();

    /// <summary>The shared copy of <paramref name="value"/> in the thread's run (itself outside a run).</summary>
    public static string Share(string value) => current?.Strings is { } strings ? strings.Share(value) : value;

    // The page reader's bytes: they only live until they are decoded.
    internal byte[]? ReadBuffer;

    // A released text read back (its characters, and which text they are), for rules, fixes and
    // code frames on this thread: they visit a file's findings together.
    internal char[]? ReleasedChars;
    internal SourceText? ReleasedSource;

    // Line starts gathered before the right-sized copy a SourceText keeps.
    internal int[]? LineScratch;

    // PageParser: the page's anchors, links and lists before their right-sized copies.
    internal readonly List<Anchor> Anchors = [];
    internal readonly List<Link> Links = [];
    internal readonly List<AttributedList> Lists = [];

    // MarkdownPageParser: header ids counted per page, and the nodes still to visit.
    internal readonly HeaderIds HeaderIds = new();
    internal readonly Stack<MarkdownObject> Pending = new();

    // HtmlScanner: attribute names seen in one tag.
    internal readonly List<string> SeenNames = [];

    // BlockYamlReader: the lines, and the entries and items of the collections being read.
    internal readonly List<(int Start, int End, int Indent, int Number)> YamlLines = [];
    internal readonly List<KeyValuePair<YamlScalar, YamlValue>> MappingEntries = [];
    internal readonly List<YamlValue> SequenceItems = [];
}
