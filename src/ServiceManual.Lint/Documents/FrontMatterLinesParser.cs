using Markdig;
using Markdig.Parsers;
using Markdig.Syntax;

namespace ServiceManual.Lint.Documents;

/// <summary>
/// Lets Markdig parse a page's whole text while skipping the front matter lines, which the
/// <see cref="FrontMatterReader"/> has already read: the body is not copied out of the text, and
/// every position Markdig gives is already an offset in the file. The lines are swallowed by one
/// <see cref="FrontMatterLinesBlock"/>, which <see cref="MarkdownPageParser"/> removes from the tree
/// before reading it, so the body parses exactly as it would on its own.
/// </summary>
internal sealed class FrontMatterLinesParser : BlockParser
{
    public FrontMatterLinesParser() => OpeningCharacters = ['-'];

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.LineIndex != 0 || processor.Context is not BodyContext { BodyLine: > 0 } context) return BlockState.None;
        processor.NewBlocks.Push(new FrontMatterLinesBlock(this));
        return context.BodyLine == 1 ? BlockState.BreakDiscard : BlockState.ContinueDiscard;
    }

    public override BlockState TryContinue(BlockProcessor processor, Block block) =>
        processor.Context is BodyContext context && processor.LineIndex + 1 >= context.BodyLine ? BlockState.BreakDiscard : BlockState.ContinueDiscard;

    /// <summary>Where the body starts: the 0-based index of its first line (lines end as Markdig ends them: CRLF, LF or CR).</summary>
    internal sealed class BodyContext(int bodyLine) : MarkdownParserContext
    {
        public int BodyLine { get; } = bodyLine;
    }
}

/// <summary>The front matter lines of a page, skipped (see <see cref="FrontMatterLinesParser"/>).</summary>
internal sealed class FrontMatterLinesBlock(BlockParser parser) : LeafBlock(parser);

/// <summary>Registers <see cref="FrontMatterLinesParser"/> ahead of every other block parser (the thematic break also starts with <c>---</c>).</summary>
internal sealed class FrontMatterLinesExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline) => pipeline.BlockParsers.Insert(0, new FrontMatterLinesParser());

    public void Setup(MarkdownPipeline pipeline, Markdig.Renderers.IMarkdownRenderer renderer)
    {
        // Parsing only: the linter never renders.
    }
}
