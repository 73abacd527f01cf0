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
        return found;
    }

    // Most inline HTML is a closing tag or a tag without attributes: no tokenizer needed for those.
    private static bool MayHaveInterestingAttribute(ReadOnlySpan<char> html) =>
        html.Contains('=') && (html.Contains("href", StringComparison.OrdinalIgnoreCase) || html.Contains("src", StringComparison.OrdinalIgnoreCase)
        || html.Contains("id", StringComparison.OrdinalIgnoreCase) || html.Contains("name", StringComparison.OrdinalIgnoreCase));

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
        var i = nameOffset;
        while (i < html.Length && html[i] is not ('=' or '>' or '\n')) i++;
        if (i >= html.Length || html[i] != '=') return (nameOffset, 0);
        i++;
        while (i < html.Length && html[i] is ' ' or '\t' or '\r' or '\n') i++;
        if (i < html.Length && html[i] is '"' or '\'')
        {
            var quote = html[i];
            var end = html.IndexOf(quote, i + 1);
            return (i + 1, (end < 0 ? html.Length : end) - i - 1);
        }
        var start = i;
        while (i < html.Length && !(html[i] is ' ' or '\t' or '\r' or '\n' or '>')) i++;
        return (start, i > start ? i - start : decodedLength);
    }
}
