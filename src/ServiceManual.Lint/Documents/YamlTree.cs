using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ServiceManual.Lint.Documents;

/// <summary>
/// A front matter value with its position. Our own small tree, built from YamlDotNet's event
/// parser, because the representation model rejects duplicate keys (YAML readers such as Jekyll's
/// keep the last one, and we want to report them) and recurses without a limit.
/// </summary>
internal abstract record YamlValue(Mark Start, Mark End)
{
    // Positions are kept as three ints, not as two YamlDotNet Mark objects per node: a large
    // site's front matter is millions of nodes, and every object is work for the collector.
    private CompactMark start = new(Start);
    private CompactMark end = new(End);

    /// <summary>Where the node starts (1-based line and column within the YAML text).</summary>
    public Mark Start { get => start.ToMark(); init => start = new(value); }

    /// <summary>Where the node ends.</summary>
    public Mark End { get => end.ToMark(); init => end = new(value); }

    private readonly record struct CompactMark(int Index, int Line, int Column)
    {
        public CompactMark(Mark mark) : this((int)mark.Index, (int)mark.Line, (int)mark.Column)
        {
        }

        public Mark ToMark() => Line < 1 || Column < 1 ? Mark.Empty : new Mark(Index, Line, Column);
    }
}

/// <summary>A scalar: its text and how it was written (plain, quoted, block).</summary>
internal sealed record YamlScalar(string Value, ScalarStyle Style, Mark Start, Mark End) : YamlValue(Start, End)
{
    /// <summary>True for a plain <c>~</c>, <c>null</c> or empty value.</summary>
    public bool IsNull => Style == ScalarStyle.Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Whether the scalar has an explicit tag (<c>!!str no</c>): readers then do not guess its type from its text.</summary>
    public bool IsTagged { get; init; }
}

/// <summary>A sequence of values.</summary>
internal sealed record YamlSequence(IReadOnlyList<YamlValue> Items, Mark Start, Mark End) : YamlValue(Start, End);

/// <summary>A mapping; entries keep their order and any duplicate keys.</summary>
internal sealed record YamlMapping(IReadOnlyList<KeyValuePair<YamlScalar, YamlValue>> Entries, Mark Start, Mark End) : YamlValue(Start, End)
{
    /// <summary>The value of a key (the last one, as YAML readers keep), or null.</summary>
    public YamlValue? Get(string key)
    {
        // Searched from the end without LINQ: every rule asks every page for a few keys, and a
        // predicate closure per call was 3% of everything a cold run allocates.
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            if (Entries[i].Key.Value == key) return Entries[i].Value;
        }
        return null;
    }

    /// <summary>The text of a scalar key, or null.</summary>
    public string? GetString(string key) => Get(key) is YamlScalar { IsNull: false } scalar ? scalar.Value : null;
}

/// <summary>Builds a <see cref="YamlValue"/> tree from events, within limits that make hostile YAML harmless.</summary>
internal static class YamlTreeBuilder
{
    public const int MaxDepth = 64;
    public const int MaxAliases = 64;

    /// <summary>Parses the first document; throws <see cref="YamlException"/> with a position on invalid or hostile input.</summary>
    public static YamlValue? Parse(string yaml)
    {
        var parser = new PositionTrackingParser(new Parser(new StringReader(yaml)));
        var anchors = new Dictionary<string, YamlValue>(StringComparer.Ordinal);
        var aliases = 0;
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _)) return null;
            parser.Consume<DocumentStart>();
            return ParseNode(parser, anchors, ref aliases, depth: 0);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner throws these on some malformed input (seen: an unclosed '[' followed
            // by more keys); turn them into an ordinary error at the last place it read well.
            throw new YamlException(parser.LastEnd, parser.LastEnd, "the YAML reader gave up here (an unclosed '[', '{' or quote?)");
        }
    }

    // Remembers where the last event ended, for errors the parser itself cannot place.
    private sealed class PositionTrackingParser(IParser inner) : IParser
    {
        public Mark LastEnd { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (inner.Current is { } current) LastEnd = current.End;
            return inner.MoveNext();
        }
    }

    private static YamlValue ParseNode(IParser parser, Dictionary<string, YamlValue> anchors, ref int aliases, int depth)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of YAML");
        switch (current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                if (++aliases > MaxAliases) throw new YamlException(alias.Start, alias.End, $"more than {MaxAliases} aliases");
                return anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value.Value} refers to no anchor before it");
            case Scalar scalar:
                parser.MoveNext();
                return Remember(scalar, new YamlScalar(ParseWorkspace.Share(scalar.Value), scalar.Style, scalar.Start, scalar.End) { IsTagged = !scalar.Tag.IsEmpty }, anchors);
            case SequenceStart sequenceStart:
            {
                if (depth >= MaxDepth) throw new YamlException(sequenceStart.Start, sequenceStart.End, $"nested deeper than {MaxDepth} levels");
                parser.MoveNext();
                var items = new List<YamlValue>();
                while (!parser.TryConsume<SequenceEnd>(out var end))
                {
                    items.Add(ParseNode(parser, anchors, ref aliases, depth + 1));
                    if (parser.Current is null) throw new YamlException("unexpected end of YAML");
                    _ = end;
                }
                return Remember(sequenceStart, new YamlSequence(items.ToArray(), sequenceStart.Start, sequenceStart.End), anchors);
            }
            case MappingStart mappingStart:
            {
                if (depth >= MaxDepth) throw new YamlException(mappingStart.Start, mappingStart.End, $"nested deeper than {MaxDepth} levels");
                parser.MoveNext();
                var entries = new List<KeyValuePair<YamlScalar, YamlValue>>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    // A key that is a collection or alias is refused: an alias key that refers to its
                    // own mapping makes naive loaders recurse for ever, and page keys are plain names.
                    if (parser.Current is not Scalar keyEvent)
                    {
                        var at = parser.Current ?? throw new YamlException("unexpected end of YAML");
                        throw new YamlException(at.Start, at.End, "keys must be plain names, not lists, mappings or aliases");
                    }
                    parser.MoveNext();
                    var key = new YamlScalar(ParseWorkspace.Share(keyEvent.Value), keyEvent.Style, keyEvent.Start, keyEvent.End);
                    entries.Add(new(key, ParseNode(parser, anchors, ref aliases, depth + 1)));
                }
                return Remember(mappingStart, new YamlMapping(entries.ToArray(), mappingStart.Start, mappingStart.End), anchors);
            }
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }
    }

    private static YamlValue Remember(NodeEvent node, YamlValue value, Dictionary<string, YamlValue> anchors)
    {
        if (!node.Anchor.IsEmpty) anchors[node.Anchor.Value] = value;
        return value;
    }
}
