using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;

namespace ServiceManual.Lint.Documents.Kramdown;

/// <summary>
/// The kramdown dialects for Markdig: ATX headers as kramdown or kramdown-parser-gfm reads them
/// (see <see cref="KramdownAtxHeadingParser"/>), and block attribute lists (both dialects have them).
/// </summary>
internal sealed class KramdownExtension(bool gfm, bool gfmParagraphEnd) : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        var parsers = pipeline.BlockParsers;
        var commonMarkHeadings = parsers.FindExact<HeadingBlockParser>();
        if (commonMarkHeadings is not null) parsers.Remove(commonMarkHeadings);
        // Before the paragraph parser, as both start on ordinary characters.
        parsers.InsertBefore<ParagraphBlockParser>(new KramdownAtxHeadingParser(gfm, interruptsParagraph: gfm && gfmParagraphEnd));
        parsers.InsertBefore<ParagraphBlockParser>(new KramdownAttributeListParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        // Parsing only: the linter never renders.
    }
}

/// <summary>Registers <see cref="KramdownExtension"/> on a pipeline.</summary>
internal static class KramdownPipelineExtensions
{
    public static MarkdownPipelineBuilder UseKramdown(this MarkdownPipelineBuilder pipeline, bool gfm = false, bool gfmParagraphEnd = true)
    {
        pipeline.Extensions.AddIfNotAlready(new KramdownExtension(gfm, gfmParagraphEnd));
        return pipeline;
    }
}
