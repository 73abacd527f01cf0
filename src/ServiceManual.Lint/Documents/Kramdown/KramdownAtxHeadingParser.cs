using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;

namespace ServiceManual.Lint.Documents.Kramdown;

/// <summary>
/// ATX headers as kramdown reads them: no space is needed after the hashes (<c>##Title</c> is a
/// header), and a header cannot interrupt a paragraph (kramdown wants a block boundary before it;
/// <see cref="MarkdownPageParser"/> checks the other boundary cases on the finished tree).
/// Replaces Markdig's CommonMark <see cref="HeadingBlockParser"/>.
/// </summary>
internal sealed class KramdownAtxHeadingParser : BlockParser
{
    public KramdownAtxHeadingParser() => OpeningCharacters = ['#'];

    public override bool CanInterrupt(BlockProcessor processor, Block block) => block is not ParagraphBlock;

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;

        ref var line = ref processor.Line;
        var column = processor.Column;
        var start = line.Start;
        var level = 0;
        while (level < 7 && line.PeekCharExtra(level) == '#') level++;
        if (level is 0 or > 6) return BlockState.None;

        var contentStart = start + level;
        var content = line.Text.AsSpan(contentStart, line.End - contentStart + 1);
        if (content.Trim().IsEmpty) return BlockState.None; // kramdown: "return false if text.empty?"

        var heading = new HeadingBlock(this)
        {
            HeaderChar = '#',
            Level = level,
            Column = column,
            Span = new SourceSpan(start, line.End),
        };
        processor.NewBlocks.Push(heading);

        // Hand only the header text (without hashes) to the inline parser.
        line.Start = contentStart;
        line.Trim();
        return BlockState.Break;
    }
}
