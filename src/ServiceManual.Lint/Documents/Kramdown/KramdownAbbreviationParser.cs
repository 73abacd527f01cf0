using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;

namespace ServiceManual.Lint.Documents.Kramdown;

/// <summary>
/// Drops kramdown abbreviation definitions (<c>*[API]: Application programming interface</c>): the
/// line is not content. kramdown also wraps each use of the abbreviation in <c>&lt;abbr&gt;</c>,
/// which changes no id and no link, so uses are not looked for. (Markdig's abbreviation extension
/// does look, in every piece of text of a page that defines one: about 3% of all parsing time on
/// the Service Manual, for nothing a rule reads.)
/// </summary>
internal sealed class KramdownAbbreviationParser : BlockParser
{
    public KramdownAbbreviationParser() => OpeningCharacters = ['*'];

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;
        // "*[" label "]:" as Markdig and kramdown read it; what follows is the expansion.
        var line = processor.Line;
        if (line.NextChar() != '[' || !LinkHelper.TryParseLabel(ref line, out _)) return BlockState.None;
        return line.CurrentChar == ':' ? BlockState.BreakDiscard : BlockState.None;
    }
}

/// <summary>Registers <see cref="KramdownAbbreviationParser"/> where Markdig's abbreviation extension puts its parser (last).</summary>
internal sealed class KramdownAbbreviationExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline) => pipeline.BlockParsers.AddIfNotAlready<KramdownAbbreviationParser>();

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        // Parsing only: the linter never renders.
    }
}
