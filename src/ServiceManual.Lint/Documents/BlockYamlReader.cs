using YamlDotNet.Core;

namespace ServiceManual.Lint.Documents;

/// <summary>
/// Reads the YAML that nearly all front matter is written in (a block mapping of plain or simply
/// quoted one-line values, nested block mappings, block sequences) without YamlDotNet, building the
/// same tree with the same positions at a fraction of the cost. Anything else (flow collections,
/// block scalars, anchors, tags, comments, escapes, multi-line values, tabs, unusual characters)
/// returns null and is read by YamlDotNet, as are all errors: this reader accepts only YAML it is
/// sure of. Tests compare the two readers on both corpus snapshots and on fuzzed input.
/// </summary>
internal sealed class BlockYamlReader
{
    // The front matter is read where it stands in the page's text, from `origin` to `limit`.
    private readonly string yaml;
    private readonly int origin;
    private readonly int limit;
    // The thread's list, reused from page to page: the reader never outlives one TryRead.
    private readonly List<(int Start, int End, int Indent, int Number)> lines;

    // Entries and items of the collections being read, nested ones after their parent's (each
    // collection takes its own off the end when it is complete): one list per thread, not one per
    // mapping and sequence of every page.
    private readonly List<KeyValuePair<YamlScalar, YamlValue>> mappingEntries;
    private readonly List<YamlValue> sequenceItems;

    private int next; // the index in lines of the next line to read
    private int depth; // nested collections open; past YamlDotNet's limit, YamlDotNet reports it

    private BlockYamlReader(string text, int start, int length)
    {
        yaml = text;
        origin = start;
        limit = start + length;
        var workspace = ParseWorkspace.Current;
        lines = workspace.YamlLines;
        lines.Clear();
        mappingEntries = workspace.MappingEntries;
        mappingEntries.Clear();
        sequenceItems = workspace.SequenceItems;
        sequenceItems.Clear();
    }

    /// <summary>The front matter's root mapping, or null when the YAML is outside this reader's subset.</summary>
    public static YamlMapping? TryRead(string yaml) => TryRead(yaml, 0, yaml.Length);

    /// <summary>As <see cref="TryRead(string)"/>, for the YAML at <paramref name="start"/> in <paramref name="text"/> (positions are relative to it).</summary>
    public static YamlMapping? TryRead(string text, int start, int length)
    {
        var reader = new BlockYamlReader(text, start, length);
        if (!reader.SplitLines() || reader.lines.Count == 0) return null;
        var first = reader.lines[0];
        if (first.Indent != 0) return null;
        var root = reader.ReadMapping(0, first.Start);
        return root is not null && reader.next == reader.lines.Count ? root : null;
    }

    // Lines with their indentation; false for characters or line breaks outside the subset.
    private bool SplitLines()
    {
        var number = 1;
        var start = origin;
        for (var i = origin; i <= limit; i++)
        {
            var c = i < limit ? yaml[i] : '\n';
            if (c == '\n' || i == limit)
            {
                var end = i > start && yaml[i - 1] == '\r' ? i - 1 : i;
                if (end > start)
                {
                    var indent = 0;
                    while (start + indent < end && yaml[start + indent] == ' ') indent++;
                    if (start + indent == end) return false; // a line of spaces only
                    var content = yaml[start + indent];
                    if (content == '#' || yaml.AsSpan(start, end - start).Contains(" #", StringComparison.Ordinal)) return false; // comments
                    if (indent == 0 && (yaml.AsSpan(start, end - start) is ['-', '-', '-', ..] or ['.', '.', '.', ..] || content == '%')) return false;
                    lines.Add((start, end, indent, number));
                }
                number++;
                start = i + 1;
                continue;
            }
            if (c == '\r' && (i + 1 >= limit || yaml[i + 1] != '\n')) return false; // a lone CR
            if (!(c is >= ' ' and <= '~' || c == '\r' || c is >= '\u00A0' and < '\uD800' || c is >= '\uE000' and <= '\uFFFD' && c != '\uFEFF')) return false;
        }
        return true;
    }

    private Mark MarkAt(int index, (int Start, int End, int Indent, int Number) line) => new(index - origin, line.Number, index - line.Start + 1);

    // A block mapping whose keys start in column (0-based) `column`; the first key is at `firstKey`
    // (which may follow "- " on a sequence line), the others start their own lines.
    private YamlMapping? ReadMapping(int column, int firstKey)
    {
        if (++depth > YamlTreeBuilder.MaxDepth) return null;
        var first = mappingEntries.Count;
        var mappingLine = lines[next];
        var start = MarkAt(firstKey, mappingLine);
        var keyAt = firstKey;
        while (true)
        {
            var line = lines[next];
            var keyEnd = KeyEnd(keyAt, line.End);
            if (keyEnd == keyAt || yaml[keyAt] == '-' || keyEnd >= line.End || yaml[keyEnd] != ':') return null;
            var key = new YamlScalar(ParseWorkspace.Share(yaml.AsSpan(keyAt, keyEnd - keyAt)), ScalarStyle.Plain, MarkAt(keyAt, line), MarkAt(keyEnd, line));
            next++;
            YamlValue? value;
            var valueAt = keyEnd + 1;
            while (valueAt < line.End && yaml[valueAt] == ' ') valueAt++;
            if (valueAt == line.End)
            {
                // "key:" (perhaps with trailing spaces) ends the line: a nested block or an empty value.
                value = ReadBlockValue(column, keyEnd + 1, line, emptyAllowed: valueAt == keyEnd + 1);
            }
            else
            {
                if (yaml[keyEnd + 1] != ' ') return null;
                value = ReadInlineScalar(valueAt, line);
                if (next < lines.Count && lines[next].Indent > column) return null; // a value continued on the next line
            }
            if (value is null) return null;
            mappingEntries.Add(new(key, value));
            if (next == lines.Count || lines[next].Indent < column) break;
            if (lines[next].Indent > column) return null;
            keyAt = lines[next].Start + column;
        }
        depth--;
        return new YamlMapping(TakeFrom(mappingEntries, first), start, start);
    }

    // What follows "key:" or "-" at the end of a line: a nested block, or nothing (an empty value).
    private YamlValue? ReadBlockValue(int column, int afterIndicator, (int Start, int End, int Indent, int Number) line, bool emptyAllowed = true)
    {
        if (next == lines.Count || lines[next].Indent <= column)
        {
            if (!emptyAllowed) return null; // where YAML puts an empty value after trailing spaces is left to YamlDotNet
            // A sequence at the key's own indentation is YAML's "indentless" form: left to YamlDotNet.
            if (next < lines.Count && lines[next].Indent == column && yaml[lines[next].Start + column] == '-') return null;
            var empty = MarkAt(afterIndicator, line);
            return new YamlScalar(string.Empty, ScalarStyle.Plain, empty, empty);
        }
        var nested = lines[next];
        var contentAt = nested.Start + nested.Indent;
        return IsSequenceItem(nested) ? ReadSequence(nested.Indent) : ReadMapping(nested.Indent, contentAt);
    }

    private bool IsSequenceItem((int Start, int End, int Indent, int Number) line)
    {
        var at = line.Start + line.Indent;
        return yaml[at] == '-' && (at + 1 == line.End || yaml[at + 1] == ' ');
    }

    private YamlSequence? ReadSequence(int column)
    {
        if (++depth > YamlTreeBuilder.MaxDepth) return null;
        var firstItem = sequenceItems.Count;
        var first = lines[next];
        var start = MarkAt(first.Start + column, first);
        while (next < lines.Count && lines[next].Indent == column && IsSequenceItem(lines[next]))
        {
            var line = lines[next];
            var dash = line.Start + column;
            YamlValue? item;
            if (dash + 1 == line.End)
            {
                next++;
                if (next == lines.Count || lines[next].Indent <= column) return null; // an empty item
                item = ReadBlockValue(column, dash + 1, line);
            }
            else
            {
                var contentAt = dash + 1;
                while (contentAt < line.End && yaml[contentAt] == ' ') contentAt++;
                if (contentAt == line.End || yaml[contentAt] == '-') return null;
                if (LooksLikeKey(contentAt, line.End))
                {
                    item = ReadMapping(contentAt - line.Start, contentAt); // "- key: value" opens a mapping
                }
                else
                {
                    next++;
                    item = ReadInlineScalar(contentAt, line);
                    if (next < lines.Count && lines[next].Indent > column) return null;
                }
            }
            if (item is null) return null;
            sequenceItems.Add(item);
        }
        if (next < lines.Count && lines[next].Indent > column) return null;
        depth--;
        return new YamlSequence(TakeFrom(sequenceItems, firstItem), start, start);
    }

    // The collection's own entries, taken off the end of the shared list.
    private static T[] TakeFrom<T>(List<T> list, int first)
    {
        var taken = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list)[first..].ToArray();
        list.RemoveRange(first, list.Count - first);
        return taken;
    }

    // Where a plain key of letters, digits, '_' and '-' starting at `at` ends.
    private int KeyEnd(int at, int end)
    {
        while (at < end && (char.IsAsciiLetterOrDigit(yaml[at]) || yaml[at] is '_' or '-')) at++;
        return at;
    }

    private bool LooksLikeKey(int at, int end)
    {
        var keyEnd = KeyEnd(at, end);
        return keyEnd > at && keyEnd < end && yaml[keyEnd] == ':' && (keyEnd + 1 == end || yaml[keyEnd + 1] == ' ');
    }

    // A one-line value: plain, 'single-quoted' or "double-quoted" without escapes.
    private YamlScalar? ReadInlineScalar(int at, (int Start, int End, int Indent, int Number) line)
    {
        var c = yaml[at];
        if (c is '\'' or '"')
        {
            // Scanned first; a string is built only for a value with a doubled '' inside.
            var i = at + 1;
            var doubled = false;
            while (true)
            {
                if (i >= line.End) return null; // continues on the next line
                if (yaml[i] == c)
                {
                    if (c == '\'' && i + 1 < line.End && yaml[i + 1] == '\'')
                    {
                        doubled = true;
                        i += 2;
                        continue;
                    }
                    break;
                }
                if (c == '"' && yaml[i] == '\\') return null;
                i++;
            }
            if (i + 1 != line.End) return null; // anything after the closing quote
            var quoted = yaml.AsSpan(at + 1, i - at - 1);
            var value = doubled ? ParseWorkspace.Share(quoted.ToString().Replace("''", "'", StringComparison.Ordinal)) : ParseWorkspace.Share(quoted);
            return new YamlScalar(value, c == '\'' ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted, MarkAt(at, line), MarkAt(i + 1, line));
        }
        if (c is '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`') return null;
        var end = line.End;
        while (yaml[end - 1] == ' ') end--;
        var text = yaml.AsSpan(at, end - at);
        if (text.Contains(": ", StringComparison.Ordinal) || text[^1] == ':') return null;
        return new YamlScalar(ParseWorkspace.Share(text), ScalarStyle.Plain, MarkAt(at, line), MarkAt(end, line));
    }
}
