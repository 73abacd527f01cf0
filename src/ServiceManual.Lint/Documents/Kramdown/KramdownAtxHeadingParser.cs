using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Syntax;

namespace ServiceManual.Lint.Documents.Kramdown;

/// <summary>
/// ATX headers as kramdown reads them. kramdown's own input needs no space after the hashes
/// (<c>##Title</c> is a header), and a header cannot interrupt a paragraph (kramdown wants a block
/// boundary before it; <see cref="MarkdownPageParser"/> checks the other boundary cases on the
/// finished tree). kramdown-parser-gfm needs a space or tab after the hashes, and with its
/// <c>paragraph_end</c> quirk (on by default) a header ends a paragraph and needs no boundary.
/// Replaces Markdig's CommonMark <see cref="HeadingBlockParser"/>.
/// </summary>
internal sealed class KramdownAtxHeadingParser : BlockParser
{
    private readonly bool gfm;
    private readonly bool interruptsParagraph;

    public KramdownAtxHeadingParser(bool gfm, bool interruptsParagraph)
    {
        OpeningCharacters = ['#'];
        this.gfm = gfm;
        this.interruptsParagraph = interruptsParagraph;
    }

    public override bool CanInterrupt(BlockProcessor processor, Block block) => interruptsParagraph || block is not ParagraphBlock;

    public override BlockState TryOpen(BlockProcessor processor)
    {
        // Both parsers want the hashes at the start of the line (of its container): "  ## x" is text.
        if (processor.Indent > 0) return BlockState.None;

        ref var line = ref processor.Line;
        var column = processor.Column;
        var start = line.Start;
        var level = 0;
        while (level < 7 && line.PeekCharExtra(level) == '#') level++;
        if (level is 0 or > 6) return BlockState.None;

        var contentStart = start + level;
        var content = line.Text.AsSpan(contentStart, line.End - contentStart + 1);
        // kramdown-parser-gfm: ^(\#{1,6})[\t ]+(.*)\n
        if (gfm && !(content.Length > 0 && content[0] is ' ' or '\t')) return BlockState.None;
        // kramdown: "return false if text.empty?", once the {#id} and closing hashes are gone.
        KramdownHeadingText.FromAtxContent(content, closingHashesNeedSpace: gfm && interruptsParagraph, out var text);
        if (text.IsEmpty) return BlockState.None;

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
