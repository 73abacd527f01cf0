using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using ServiceManual.Lint.Documents.Kramdown;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Documents;

/// <summary>
/// Reads a kramdown or GFM page body once with Markdig and collects what the rules need: header ids
/// (as kramdown or kramdown-parser-gfm generates them), explicit ids, raw HTML anchors, and every link with its position.
/// </summary>
internal static class MarkdownPageParser
{
    // One pipeline per dialect: kramdown's own input, and GFM with and without its paragraph_end quirk.
    private static readonly MarkdownPipeline KramdownPipeline = Build(gfm: false, gfmParagraphEnd: false);
    private static readonly MarkdownPipeline GfmPipeline = Build(gfm: true, gfmParagraphEnd: true);
    private static readonly Lazy<MarkdownPipeline> GfmStrictPipeline = new(() => Build(gfm: true, gfmParagraphEnd: false));

    private static MarkdownPipeline Build(bool gfm, bool gfmParagraphEnd) => new MarkdownPipelineBuilder()
        .UsePreciseSourceLocation()
        .Use<KramdownAbbreviationExtension>()
        .UseFootnotes()
        .UseKramdown(gfm, gfmParagraphEnd)
        .Use<FrontMatterLinesExtension>()
        .UsePlainTextBlocks()
        .Build();

    private static MarkdownPipeline PipelineFor(MarkdownOptions options) =>
        options.Input == MarkdownInput.Kramdown ? KramdownPipeline
        : options.GfmParagraphEnd ? GfmPipeline
        : GfmStrictPipeline.Value;

    // comments: when not null, where the text of each HTML comment goes (offset and length), for suppressions.
    public static void Parse(SourceText source, int bodyOffset, MarkdownOptions options, List<Anchor> anchors, List<Link> links, List<AttributedList> lists,
        List<(int Offset, int Length)>? comments = null)
    {
        var text = source.Text;
        if (bodyOffset >= text.Length) return; // front matter and nothing else
        var context = new FrontMatterLinesParser.BodyContext(bodyOffset == 0 ? 0 : source.GetPosition(bodyOffset).Line - 1);
        var parsed = MaskDestinations(text);
        var document = Markdown.Parse(parsed, PipelineFor(options), context);
        if (document.Count > 0 && document[0] is FrontMatterLinesBlock) document.RemoveAt(0);
        var ids = ParseWorkspace.Current.HeaderIds;
        ids.Start(options);
        // Most pages have neither: made when first needed.
        HashSet<LinkReferenceDefinition>? usedDefinitions = null;
        List<(KramdownAttributeListBlock Attributes, ListBlock List)>? listsToRead = null;

        // The tree in document order (Markdig's Descendants() order), walked with a stack of the
        // thread's own: no enumerator, and plain text, most of the nodes, is passed over with one
        // type comparison instead of a test against every kind wanted.
        var pending = ParseWorkspace.Current.Pending;
        pending.Clear();
        PushChildren(pending, document);
        while (pending.TryPop(out var node))
        {
            if (node.GetType() == typeof(LiteralInline)) continue;
            switch (node)
            {
                case ContainerBlock container:
                    PushChildren(pending, container);
                    break;
                case ContainerInline container:
                    if (container is LinkInline link)
                    {
                        if (link.Reference is { } definition) (usedDefinitions ??= []).Add(definition);
                        else links.Add(ToLink(source, parsed, link));
                    }
                    PushChildren(pending, container);
                    break;
                case LeafBlock leaf:
                    switch (leaf)
                    {
                        case HeadingBlock heading:
                            AddHeadingAnchor(source, heading, options, ids, anchors);
                            break;
                        case KramdownAttributeListBlock attributeList when attributeList.Parent is not null:
                            AddAttributeListAnchor(source, attributeList, anchors);
                            if (AttributedBlock(source, attributeList) is ListBlock list) (listsToRead ??= []).Add((attributeList, list));
                            break;
                        case HtmlBlock:
                            AddHtml(source, text, leaf.Span.Start, leaf.Span.Length, anchors, links);
                            if (comments is not null) HtmlComments.Find(text, leaf.Span.Start, leaf.Span.Length, comments);
                            break;
                    }
                    // A leaf's inlines come right after it, before its next sibling.
                    if (leaf.Inline is { } inlines) PushChildren(pending, inlines);
                    break;
                case HtmlInline:
                    AddHtml(source, text, node.Span.Start, node.Span.Length, anchors, links);
                    // Markdig makes one inline of each comment; text in a code span is no HtmlInline.
                    if (comments is not null) HtmlComments.Find(text, node.Span.Start, node.Span.Length, comments);
                    break;
                case AutolinkInline { IsEmail: false } autolink:
                    links.Add(MakeLink(source, autolink.Span.Start + 1, autolink.Url.Length, autolink.Url, LinkKind.Autolink, null));
                    break;
            }
        }

        // Lists are read after all links are collected, so items can refer to the same Link records.
        if (listsToRead is not null)
        {
            foreach (var (attributes, list) in listsToRead) lists.Add(ReadList(source, attributes, list, links));
        }

        if (usedDefinitions is null) return;
        foreach (var definition in usedDefinitions)
        {
            if (definition is not { UrlSpan.Length: > 0 } || definition.Url is null) continue;
            var (offset, length) = KramdownLinkDestination.TryReadDefinition(parsed, definition.Span.Start, out var start, out var written)
                && start <= definition.UrlSpan.Start + 1 && start + written >= definition.UrlSpan.Start
                ? (start, written) : Unbracket(text, definition.UrlSpan.Start, definition.UrlSpan.Length);
            links.Add(MakeLink(source, offset, length, KramdownLinkDestination.UrlOf(text.AsSpan(offset, length)), LinkKind.ReferenceDefinition, definition.Label));
        }
    }

    // Children are pushed last first, so they are visited first to last.
    private static void PushChildren(Stack<MarkdownObject> pending, ContainerBlock container)
    {
        for (var i = container.Count - 1; i >= 0; i--) pending.Push(container[i]);
    }

    private static void PushChildren(Stack<MarkdownObject> pending, ContainerInline container)
    {
        for (var child = container.LastChild; child is not null; child = child.PreviousSibling) pending.Push(child);
    }

    // "parsed" is the text Markdig read (destinations masked): kramdown's reading of a destination is
    // taken from it, the URL itself from the page as written.
    private static Link ToLink(SourceText source, string parsed, LinkInline link)
    {
        var kind = link.IsImage ? LinkKind.Image : LinkKind.Inline;
        var linkText = LinkText(link);
        var url = link.Url ?? string.Empty;
        if (link.UrlSpan.Length > 0 && url.Length > 0)
        {
            var (offset, length) = Unbracket(parsed, link.UrlSpan.Start, link.UrlSpan.Length);
            // kramdown's destination, from the parenthesis Markdig's starts after.
            var open = link.UrlSpan.Start - 1;
            while (open > link.Span.Start && parsed[open] is ' ' or '\t' or '\n' or '\r' or '<') open--;
            if (KramdownLinkDestination.TryReadInline(parsed, open, out var start, out var written) && start == offset)
            {
                length = written;
            }
            return MakeLink(source, offset, length, KramdownLinkDestination.UrlOf(source.Text.AsSpan(offset, length)), kind, linkText);
        }
        // An empty target, "[text]()" or "[text](<>)": point just inside the parentheses.
        var at = link.Span.Start;
        var close = parsed.IndexOf("](", link.Span.Start, link.Span.Length, StringComparison.Ordinal);
        if (close >= 0) at = close + 2;
        return MakeLink(source, at, 0, string.Empty, kind, linkText);
    }

    // <url> in Markdown: report and edit the URL, not its angle brackets.
    private static (int Offset, int Length) Unbracket(string text, int start, int length) =>
        length >= 2 && text[start] == '<' && text[start + length - 1] == '>' ? (start + 1, length - 2) : (start, length);

    private static string? LinkText(LinkInline link)
    {
        // The common case, one plain text child, looked up in the pool without making a string.
        if (link.FirstChild is LiteralInline { NextSibling: null } only) return ParseWorkspace.Share(only.Content.AsSpan());
        var parts = new System.Text.StringBuilder();
        foreach (var child in link.Descendants<LiteralInline>()) parts.Append(child.Content.AsSpan());
        return parts.Length == 0 ? null : parts.ToString();
    }

    private static Link MakeLink(SourceText source, int offset, int length, string url, LinkKind kind, string? text)
    {
        // A destination with Liquid in it was parsed masked (see MaskLiquidInDestinations): its URL is the text as written.
        if (url.Contains(LiquidSpace)) url = source.Text.Substring(offset, length);
        return new(ParseWorkspace.Share(url), offset, length, source.GetSpan(offset, length), kind, text is null ? null : ParseWorkspace.Share(text));
    }

    // Stands in for a blank inside a link destination (in Liquid, or kept there by kramdown): not
    // whitespace to CommonMark, one UTF-16 unit like the space, so every offset stays the same.
    private const char LiquidSpace = '\u00A0';

    // Stands in for a '<' that starts a destination kramdown reads without angle brackets.
    private const char KeptBracket = '\u2039';

    /// <summary>
    /// The text Markdig parses, with the blanks that kramdown keeps inside a link destination masked,
    /// so that Markdig reads one destination where kramdown does: <c>[x](/a b)</c> and
    /// <c>[x](/a/ (CVE-1))</c> are links to <c>/a b</c> and <c>/a/ (CVE-1)</c>, and so are the same
    /// reference definitions. Offsets are unchanged.
    /// </summary>
    internal static string MaskDestinations(string text)
    {
        var masked = MaskLiquidInDestinations(text);
        char[]? chars = null;
        for (var at = masked.IndexOf(']'); at >= 0 && at < masked.Length - 1; at = masked.IndexOf(']', at + 1))
        {
            int start, length;
            if (masked[at + 1] == '(')
            {
                if (!KramdownLinkDestination.TryReadInline(masked, at + 1, out start, out length)) continue;
            }
            else if (masked[at + 1] == ':' && LabelStart(masked, at) is var label and >= 0)
            {
                if (!KramdownLinkDestination.TryReadDefinition(masked, label, out start, out length)) continue;
            }
            else
            {
                continue;
            }
            var destination = masked.AsSpan(start, length);
            // "(</a b)": an angle bracket kramdown keeps, which CommonMark would read as an unclosed "<...>".
            var keptBracket = length > 0 && destination[0] == '<' && start > 0 && masked[start - 1] != '<';
            if ((!keptBracket && destination.IndexOfAny(' ', '\t') < 0) || destination.Contains('\n')) continue;
            chars ??= masked.ToCharArray();
            if (keptBracket) chars[start] = KeptBracket;
            for (var i = start; i < start + length; i++)
            {
                if (chars[i] is ' ' or '\t') chars[i] = LiquidSpace;
            }
        }
        return chars is null ? masked : new string(chars);
    }

    // The '[' of a reference definition's label that ends at "]:", first on its line (after any
    // indentation or block quote markers), or -1.
    private static int LabelStart(string text, int close)
    {
        // On the label's own line only: a search back through the page for every "]:" would be quadratic.
        var lineStart = text.LastIndexOf('\n', close) + 1;
        var open = text.LastIndexOf('[', close, close - lineStart + 1);
        if (open < 0) return -1;
        for (var i = open + 1; i < close; i++)
        {
            if (text[i] is ']' or '\n') return -1;
        }
        for (var i = open - 1; i >= 0 && text[i] != '\n'; i--)
        {
            if (text[i] is not (' ' or '>')) return -1;
        }
        return open;
    }

    /// <summary>
    /// Jekyll runs Liquid before kramdown, so <c>[x]({{ '/a/' | relative_url }})</c> and
    /// <c>[x]({% link a.md %})</c> are links; CommonMark ends a destination at a space. The spaces
    /// inside Liquid that starts a destination (or continues one) are masked for the parse.
    /// </summary>
    internal static string MaskLiquidInDestinations(string text)
    {
        if (!text.Contains("{{", StringComparison.Ordinal) && !text.Contains("{%", StringComparison.Ordinal)) return text;
        char[]? masked = null;
        for (var at = text.IndexOf(']'); at >= 0 && at < text.Length - 1; at = text.IndexOf(']', at + 1))
        {
            var next = text[at + 1];
            var j = at + 2;
            if (next == ':')
            {
                while (j < text.Length && text[j] is ' ' or '\t') j++; // a reference definition's destination
            }
            else if (next != '(') continue;
            if (j < text.Length && text[j] == '<') j++;
            while (j < text.Length - 1 && text[j] is not (')' or ' ' or '\t' or '\n' or '\r' or '>'))
            {
                if (text[j] == '{' && text[j + 1] is '{' or '%')
                {
                    var close = text.IndexOf(text[j + 1] == '{' ? "}}" : "%}", j + 2, StringComparison.Ordinal);
                    var lineEnd = text.IndexOf('\n', j);
                    if (close < 0 || (lineEnd >= 0 && close > lineEnd)) break;
                    for (var k = j + 2; k < close; k++)
                    {
                        if (text[k] is ' ' or '\t') (masked ??= text.ToCharArray())[k] = LiquidSpace;
                    }
                    j = close + 2;
                    continue;
                }
                j++;
            }
        }
        return masked is null ? text : new string(masked);
    }

    private static void AddHeadingAnchor(SourceText source, HeadingBlock heading, MarkdownOptions options, HeaderIds ids, List<Anchor> anchors)
    {
        var (line, _) = source.GetPosition(heading.Span.Start);
        var gfm = options.Input == MarkdownInput.Gfm;
        // kramdown only makes a header after a block boundary: first in its container, after a
        // blank line, or after an attribute list line. Otherwise the line is paragraph text.
        // kramdown-parser-gfm's paragraph_end quirk drops that condition for ATX headers.
        if (!(gfm && options.GfmParagraphEnd && !heading.IsSetext) && !IsAfterBlockBoundary(source, heading)) return;

        // From where the header starts, after any container markers ("> ") and indentation.
        var lineText = source.GetLineSpan(line)[(heading.Span.Start - source.GetLineStart(line))..];
        var explicitId = heading.IsSetext
            ? KramdownHeadingText.FromSetextContent(lineText, out var text)
            : KramdownHeadingText.FromAtxContent(AtxContent(lineText), closingHashesNeedSpace: gfm && options.GfmParagraphEnd, out text);
        var attributeId = FollowingAttributeListId(heading);
        var id = attributeId ?? explicitId;
        if (id is null && options.AutoIds)
        {
            if (gfm || options.AutoIdStripping)
            {
                // Ids from the parsed header text: where the text stands in the source, to read its inlines.
                lineText.Overlaps(text, out var offsetInLine);
                var start = heading.Span.Start + offsetInLine;
                id = ids.Next(KramdownHeadingInlines.Text(heading, source.Text, start, start + text.Length, gfm));
            }
            else
            {
                id = ids.Next(text);
            }
        }
        if (!string.IsNullOrEmpty(id)) anchors.Add(new Anchor(id, line)); // pooled where it was made
    }

    private static ReadOnlySpan<char> AtxContent(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart();
        var hashes = 0;
        while (hashes < trimmed.Length && trimmed[hashes] == '#') hashes++;
        return trimmed[hashes..];
    }

    private static bool IsAfterBlockBoundary(SourceText source, HeadingBlock heading)
    {
        var parent = heading.Parent;
        if (parent is null) return true;
        var index = parent.IndexOf(heading);
        if (index <= 0) return true;
        var previous = parent[index - 1];
        if (previous is KramdownAttributeListBlock) return true;
        var previousEndLine = source.GetPosition(Math.Max(previous.Span.End, previous.Span.Start)).Line;
        var headingLine = source.GetPosition(heading.Span.Start).Line;
        return headingLine - previousEndLine > 1;
    }

    // "## Title\n{: #id}" gives the header the id (and no auto id is generated for it).
    private static string? FollowingAttributeListId(HeadingBlock heading)
    {
        var parent = heading.Parent;
        if (parent is null) return null;
        var index = parent.IndexOf(heading);
        if (index + 1 >= parent.Count || parent[index + 1] is not KramdownAttributeListBlock attributes) return null;
        if (attributes.Line != heading.Line + (heading.IsSetext ? 2 : 1)) return null;
        return KramdownAttributeList.GetId(attributes.Attributes) is { } id ? ParseWorkspace.Share(id) : null;
    }

    private static void AddAttributeListAnchor(SourceText source, KramdownAttributeListBlock attributes, List<Anchor> anchors)
    {
        // Ids on headers are handled with the header; other blocks (paragraphs, lists) get the id as is.
        var parent = attributes.Parent!;
        var index = parent.IndexOf(attributes);
        if (index > 0 && parent[index - 1] is HeadingBlock) return;
        var id = KramdownAttributeList.GetId(attributes.Attributes);
        if (id is not null) anchors.Add(new Anchor(ParseWorkspace.Share(id), source.GetPosition(attributes.Span.Start).Line));
    }

    // kramdown applies a block attribute list to the block right above it, or, after a blank line,
    // to the block right below it.
    private static Block? AttributedBlock(SourceText source, KramdownAttributeListBlock attributes)
    {
        var parent = attributes.Parent!;
        var index = parent.IndexOf(attributes);
        if (index > 0)
        {
            var previous = parent[index - 1];
            var previousEnd = source.GetPosition(Math.Max(previous.Span.End, previous.Span.Start)).Line;
            if (source.GetPosition(attributes.Span.Start).Line - previousEnd <= 1) return previous;
        }
        return index + 1 < parent.Count ? parent[index + 1] : null;
    }

    private static AttributedList ReadList(SourceText source, KramdownAttributeListBlock attributes, ListBlock list, List<Link> links)
    {
        var items = new List<ListItemLink>();
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var firstLink = item.Descendants<LinkInline>().FirstOrDefault(l => !l.IsImage);
            Link? link = null;
            if (firstLink is not null)
            {
                var urlOffset = firstLink.UrlSpan.Length > 0 ? firstLink.UrlSpan.Start : firstLink.Span.Start;
                link = links.FirstOrDefault(l => l.Offset == urlOffset || l.Offset == urlOffset + 1);
            }
            var isStrong = firstLink?.Parent is EmphasisInline { DelimiterCount: 2 };
            items.Add(new ListItemLink(source.GetPosition(item.Span.Start).Line, link, isStrong));
        }
        var start = list.Span.Start;
        return new AttributedList(KramdownAttributeList.GetClasses(attributes.Attributes), start, list.Span.Length,
            source.GetPosition(start).Line, items);
    }

    private static void AddHtml(SourceText source, string text, int start, int length, List<Anchor> anchors, List<Link> links)
    {
        foreach (var attribute in HtmlScanner.Scan(text, start, length))
        {
            if (attribute.Name is "id" or "name")
            {
                // name only names an anchor on <a>; on inputs and metas it is a form field or a meta name.
                if (attribute.Name == "name" && attribute.Tag != "a") continue;
                anchors.Add(new Anchor(ParseWorkspace.Share(attribute.Value), source.GetPosition(attribute.ValueOffset).Line));
            }
            else
            {
                links.Add(MakeLink(source, attribute.ValueOffset, attribute.ValueLength, attribute.Value, LinkKind.HtmlAttribute, null));
            }
        }
    }

    /// <summary>Anchors and links of a file that is HTML throughout (an .html page, a layout, an include).</summary>
    public static void ParseHtml(SourceText source, int bodyOffset, List<Anchor> anchors, List<Link> links) =>
        AddHtml(source, source.Text, bodyOffset, source.Length - bodyOffset, anchors, links);
}
