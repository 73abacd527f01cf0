using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Syntax;
using ServiceManual.Lint.Documents.Kramdown;

namespace ServiceManual.Lint.Documents;

/// <summary>
/// Leaves Markdig no inlines to parse in a paragraph or header whose text has no <c>[</c> and no
/// <c>&lt;</c>. All a page's inlines are read for is links, autolinks and raw HTML (see
/// <see cref="MarkdownPageParser"/>), and each of them needs one of the two; header ids are worked
/// out from the header's line, not its inlines. About three text blocks in four of the Service
/// Manual are plain text like this, and inline parsing was about two fifths of Markdig's time.
/// </summary>
internal sealed class PlainTextBlocksExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        foreach (var parser in pipeline.BlockParsers)
        {
            // Setext headers are made by the paragraph parser, ATX headers by kramdown's.
            if (parser is ParagraphBlockParser or KramdownAtxHeadingParser) parser.Closed += SkipInlinesOfPlainText;
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        // Parsing only: the linter never renders.
    }

    private static void SkipInlinesOfPlainText(BlockProcessor processor, Block block)
    {
        if (block is not LeafBlock { ProcessInlines: true } leaf) return;
        for (var i = 0; i < leaf.Lines.Count; i++)
        {
            if (leaf.Lines.Lines[i].Slice.AsSpan().IndexOfAny('[', '<') >= 0) return;
        }
        // Emptied rather than marked not to be parsed: Markdig still visits the block and gives its
        // (now empty) lines back to its pool, which a block left out would keep for ever, making the
        // pool allocate afresh for later blocks.
        leaf.Lines.Clear();
    }
}

/// <summary>Registers <see cref="PlainTextBlocksExtension"/>; after kramdown's, whose header parser it hooks.</summary>
internal static class PlainTextBlocksPipelineExtensions
{
    public static MarkdownPipelineBuilder UsePlainTextBlocks(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<PlainTextBlocksExtension>();
        return pipeline;
    }
}
