using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;

namespace ServiceManual.Lint.Documents;

/// <summary>
/// Finds <c>href</c>/<c>src</c> links and <c>id</c>/<c>name</c> anchors in raw HTML with AngleSharp's
/// tokenizer. No DOM is built: the tokenizer is linear in the input, where tree building is
/// quadratic in nesting depth, and we only need attributes.
/// </summary>
internal static class HtmlScanner
{
    public readonly record struct Attribute(string Tag, string Name, string Value, int ValueOffset, int ValueLength);

    /// <summary>Attributes of interest in the HTML at <paramref name="start"/> in <paramref name="text"/>; offsets are in <paramref name="text"/>.</summary>
    public static List<Attribute> Scan(string text, int start, int length)
    {
        var found = new List<Attribute>();
        if (!MayHaveInterestingAttribute(text.AsSpan(start, length))) return found;
        if (TryScanTags(text, start, length, found)) return found;
        found.Clear();
        ScanWithTokenizer(text, start, length, found);
        return found;
    }

    /// <summary>The general case: AngleSharp's HTML tokenizer over the whole fragment.</summary>
    internal static void ScanWithTokenizer(string text, int start, int length, List<Attribute> found)
    {
        var html = start == 0 && length == text.Length ? text : text.Substring(start, length);
        var baseOffset = start;
        var tokenizer = new HtmlTokenizer(new TextSource(html), HtmlEntityProvider.Resolver);
        var lineStarts = LineStarts(html);
        while (true)
        {
            var token = tokenizer.Get();
            if (token.Type == HtmlTokenType.EndOfFile) break;
            if (token.Type != HtmlTokenType.StartTag) continue;
            var tag = token.AsTag();
            foreach (var attribute in tag.Attributes)
            {
                var name = attribute.Name.ToString().ToLowerInvariant();
                if (name is not ("href" or "src" or "id" or "name")) continue;
                var value = attribute.Value.ToString();
                var nameOffset = ToOffset(lineStarts, attribute.Position);
                var (valueOffset, valueLength) = LocateValue(html, nameOffset, value.Length);
                found.Add(new Attribute(tag.Name, name, value, baseOffset + valueOffset, valueLength));
            }
        }
    }

    // Elements whose content the tokenizer reads as text, not tags (or never leaves): a fragment
    // with one of these goes to the tokenizer.
    private static readonly string[] RawTextElements = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

    // An HTML block of several plain tags and text (a table, a list of links, a figure) is read tag
    // by tag with the single-tag reading below: between tags only text, each start tag simple enough
    // for that reading, each end tag a bare name. A comment, a doctype, a stray '<', a carriage
    // return, a raw-text element or any tag the single-tag reading declines sends the whole
    // fragment to the tokenizer instead (AngleSharp's tokenizer was a tenth of all parsing time).
    internal static bool TryScanTags(string text, int start, int length, List<Attribute> found)
    {
        var html = text.AsSpan(start, length);
        if (html.IndexOfAny('\r', '\0') >= 0) return false;
        var i = 0;
        while (true)
        {
            var open = html[i..].IndexOf('<');
            if (open < 0) return true;
            i += open;
            var close = html[i..].IndexOf('>');
            if (close < 0 || i + 1 >= html.Length) return false;
            var tag = html.Slice(i, close + 1);
            if (tag[1] == '/')
            {
                // An end tag: a name, maybe spaces; nothing that could hide a '>' or open a tag.
                if (tag.Length < 4 || !char.IsAsciiLetter(tag[2]) || tag[2..^1].IndexOfAny("\"'<=") >= 0) return false;
            }
            else
            {
                if (!char.IsAsciiLetter(tag[1])) return false;
                var nameEnd = 1;
                while (nameEnd < tag.Length && !IsTagSpace(tag[nameEnd]) && tag[nameEnd] is not ('/' or '>')) nameEnd++;
                foreach (var rawText in RawTextElements)
                {
                    if (tag[1..nameEnd].Equals(rawText, StringComparison.OrdinalIgnoreCase)) return false;
                }
                if (!TryScanSingleTag(text, start + i, tag.Length, found)) return false;
            }
            i += close + 1;
        }
    }

    // Most HTML in Markdown is one start tag (<a href="...">, <img src="..." />, <div class="...">).
    // Such a tag is read here directly, by the HTML tokenizer's rules for the simple case; anything
    // the simple reading could get wrong (entities, carriage returns, a '<' or '>' inside, a name
    // given twice, unusual characters in a name or an unquoted value) goes to AngleSharp instead.
    internal static bool TryScanSingleTag(string text, int start, int length, List<Attribute> found)
    {
        var html = text.AsSpan(start, length).TrimEnd();
        if (html.Length < 3 || html[0] != '<' || !char.IsAsciiLetter(html[1]) || html[^1] != '>') return false;
        if (html[1..].IndexOfAny('<', '&', '\r') >= 0 || html[..^1].Contains('>') || html.Contains('\0')) return false;
        var i = 1;
        while (i < html.Length && !IsTagSpace(html[i]) && html[i] is not ('/' or '>')) i++;
        var tag = LowerShared(html[1..i]);
        var seen = ParseWorkspace.Current.SeenNames;
        seen.Clear();
        while (true)
        {
            while (i < html.Length && (IsTagSpace(html[i]) || html[i] == '/')) i++;
            if (i >= html.Length - 1) return true; // at the closing '>'
            var nameStart = i;
            while (i < html.Length && !IsTagSpace(html[i]) && html[i] is not ('/' or '>' or '=')) i++;
            var name = html[nameStart..i];
            if (name.IsEmpty || name.IndexOfAny('"', '\'') >= 0) return false;
            var lower = LowerShared(name);
            if (seen.Contains(lower)) return false; // the tokenizer keeps the first; leave that rule to it
            seen.Add(lower);
            while (i < html.Length && IsTagSpace(html[i])) i++;
            int valueStart, valueEnd;
            if (i < html.Length && html[i] == '=')
            {
                i++;
                while (i < html.Length && IsTagSpace(html[i])) i++;
                if (i < html.Length && html[i] is '"' or '\'')
                {
                    var close = html[(i + 1)..].IndexOf(html[i]);
                    if (close < 0) return false;
                    valueStart = i + 1;
                    valueEnd = valueStart + close;
                    i = valueEnd + 1;
                }
                else
                {
                    valueStart = i;
                    while (i < html.Length - 1 && !IsTagSpace(html[i])) i++;
                    valueEnd = i;
                    if (html[valueStart..valueEnd].IndexOfAny("\"'=`") >= 0) return false;
                }
            }
            else
            {
                valueStart = valueEnd = nameStart; // a name without a value: the empty string, placed at the name
            }
            if (lower is "href" or "src" or "id" or "name")
            {
                found.Add(new Attribute(tag, lower, ParseWorkspace.Share(html[valueStart..valueEnd]), start + valueStart, valueEnd - valueStart));
            }
        }
    }

    // Tag and attribute names repeat on every page (div, class, href): lower-cased on the stack and
    // shared through the pool, they make no strings.
    private static string LowerShared(ReadOnlySpan<char> name)
    {
        if (name.Length > 64) return name.ToString().ToLowerInvariant();
        Span<char> lower = stackalloc char[name.Length];
        name.ToLowerInvariant(lower);
        return ParseWorkspace.Share(lower);
    }

    private static bool IsTagSpace(char c) => c is ' ' or '\t' or '\n' or '\f';

    // In the raw text the tokenizer read (it folds CRLF into LF first), a CR is space too.
    private static bool IsHtmlSpace(char c) => IsTagSpace(c) || c == '\r';

    // Most inline HTML is a closing tag or a tag without attributes: no tokenizer needed for those.
    // One pass for the four names, not one per name: every HTML block and inline tag of a site is asked.
    private static bool MayHaveInterestingAttribute(ReadOnlySpan<char> html) => html.Contains('=') && html.ContainsAny(InterestingNames);

    private static readonly System.Buffers.SearchValues<string> InterestingNames =
        System.Buffers.SearchValues.Create(["href", "src", "id", "name"], StringComparison.OrdinalIgnoreCase);

    private static List<int> LineStarts(string html)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < html.Length; i++)
        {
            if (html[i] == '\n') starts.Add(i + 1);
        }
        return starts;
    }

    // AngleSharp positions are 1-based lines and columns (it folds CRLF into LF).
    private static int ToOffset(List<int> lineStarts, TextPosition position)
    {
        var line = Math.Clamp(position.Line - 1, 0, lineStarts.Count - 1);
        return lineStarts[line] + Math.Max(position.Column - 1, 0);
    }

    // From the attribute's name, skip to the value: name, spaces, '=', spaces, an optional quote.
    private static (int Offset, int Length) LocateValue(string html, int nameOffset, int decodedLength)
    {
        // Past the name and any spaces: a '=' there starts the value; anything else means the
        // attribute has none (a later attribute's '=' is not this one's).
        var i = nameOffset + 1;
        while (i < html.Length && !IsHtmlSpace(html[i]) && html[i] is not ('/' or '>' or '=')) i++;
        while (i < html.Length && IsHtmlSpace(html[i])) i++;
        if (i >= html.Length || html[i] != '=') return (nameOffset, 0);
        i++;
        while (i < html.Length && IsHtmlSpace(html[i])) i++;
        if (i < html.Length && html[i] is '"' or '\'')
        {
            var quote = html[i];
            var end = html.IndexOf(quote, i + 1);
            return (i + 1, (end < 0 ? html.Length : end) - i - 1);
        }
        var start = i;
        while (i < html.Length && !IsHtmlSpace(html[i]) && html[i] != '>') i++;
        return (start, i > start ? i - start : decodedLength);
    }
}
