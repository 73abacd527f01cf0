using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;

namespace ServiceManual.Lint.Documents.Kramdown;

/// <summary>The kramdown dialect for Markdig: ATX headers without a space, and block attribute lists.</summary>
internal sealed class KramdownExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        var parsers = pipeline.BlockParsers;
        var commonMarkHeadings = parsers.FindExact<HeadingBlockParser>();
        if (commonMarkHeadings is not null) parsers.Remove(commonMarkHeadings);
        // Before the paragraph parser, as both start on ordinary characters.
        parsers.InsertBefore<ParagraphBlockParser>(new KramdownAtxHeadingParser());
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
    public static MarkdownPipelineBuilder UseKramdown(this MarkdownPipelineBuilder pipeline)
    {
        pipeline.Extensions.AddIfNotAlready<KramdownExtension>();
        return pipeline;
    }
}
