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
/// out from the header's line or, where the dialect makes them from the parsed text, from its
/// inlines, so a header keeps them when its text has markup (<c>` * _ &amp; \</c>) as well.
/// About three text blocks in four of the Service Manual are plain text like this, and inline
/// parsing was about two fifths of Markdig's time.
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
        var wanted = leaf is HeadingBlock ? HeadingMarkup : LinkStarts;
        for (var i = 0; i < leaf.Lines.Count; i++)
        {
            if (leaf.Lines.Lines[i].Slice.AsSpan().IndexOfAny(wanted) >= 0) return;
        }
        // Markdig gives a block's lines back to its pool when it parses the block's inlines; a block
        // left out must give them back here, or the pool allocates afresh for every later block.
        // Left out rather than emptied, so Markdig makes no inline root for it either (that root
        // was a tenth of what a cold run allocated).
        ReleaseLines(ref leaf.Lines);
        leaf.ProcessInlines = false;
    }

    private static readonly System.Buffers.SearchValues<char> LinkStarts = System.Buffers.SearchValues.Create("[<");
    private static readonly System.Buffers.SearchValues<char> HeadingMarkup = System.Buffers.SearchValues.Create("[<`*_&\\");

    // Markdig's own (internal) way to give the lines back; bound when compiled, so Native AOT keeps
    // it, and a Markdig without it fails every parse test rather than leaking quietly.
    [System.Runtime.CompilerServices.UnsafeAccessor(System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = "Release")]
    private static extern void ReleaseLines(ref Markdig.Helpers.StringLineGroup lines);
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
