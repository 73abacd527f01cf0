using Markdig.Parsers;
using Markdig.Syntax;

namespace ServiceManual.Lint.Documents.Kramdown;

/// <summary>A kramdown block inline attribute list on its own line, such as <c>{:.intro}</c> or <c>{: #id}</c>.</summary>
internal sealed class KramdownAttributeListBlock(BlockParser parser) : LeafBlock(parser)
{
    /// <summary>The text between <c>{:</c> and <c>}</c>.</summary>
    public string Attributes { get; set; } = string.Empty;

    /// <summary>Offset of <see cref="Attributes"/> in the parsed text.</summary>
    public int AttributesOffset { get; set; }
}

/// <summary>
/// Recognises block IAL lines so they are neither text nor the end of a list, as in kramdown
/// (<c>IAL_BLOCK_START</c>: <c>{:</c> not followed by <c>:</c> or <c>/</c>, closed by <c>}</c> at the end of the line).
/// Attribute list definitions (<c>{:name: ...}</c>) are kept as blocks too but carry no id for the page.
/// </summary>
internal sealed class KramdownAttributeListParser : BlockParser
{
    public KramdownAttributeListParser() => OpeningCharacters = ['{'];

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;
        var line = processor.Line;
        var text = line.Text.AsSpan(line.Start, line.End - line.Start + 1).TrimEnd();
        if (text.Length < 4 || text[0] != '{' || text[1] != ':' || text[^1] != '}' || text[2] is ':' or '/') return BlockState.None;
        if (text[2..^1].Contains('}')) return BlockState.None;

        processor.NewBlocks.Push(new KramdownAttributeListBlock(this)
        {
            Attributes = text[2..^1].ToString(),
            AttributesOffset = line.Start + 2,
            Column = processor.Column,
            Span = new SourceSpan(line.Start, line.Start + text.Length - 1),
            ProcessInlines = false,
        });
        return BlockState.BreakDiscard;
    }
}
