namespace ServiceManual.Lint.Documents.Kramdown;

/// <summary>
/// Link destinations as kramdown 2.4 reads them (its <c>parse_link</c> and
/// <c>LINK_DEFINITION_START</c>; kramdown-parser-gfm inherits both), where CommonMark differs: a title
/// is only quoted (<c>"</c> or <c>'</c>), so unquoted text after the destination belongs to it,
/// spaces and parentheses included (<c>[x](/a/ (CVE-1))</c> links to <c>/a/ (CVE-1)</c>); and no
/// backslash escape is read in a destination (<c>\)</c> ends it).
/// </summary>
internal static class KramdownLinkDestination
{
    /// <summary>
    /// Reads an inline link's destination from the <c>(</c> right after the link text.
    /// </summary>
    /// <param name="text">The page text.</param>
    /// <param name="open">Offset of the <c>(</c>.</param>
    /// <param name="start">Offset of the destination (inside any <c>&lt;&gt;</c>, surrounding whitespace left out).</param>
    /// <param name="length">Length of the destination as written.</param>
    /// <returns>False where kramdown makes no link (its text stays literal).</returns>
    public static bool TryReadInline(string text, int open, out int start, out int length)
    {
        start = open + 1;
        length = 0;
        if (open >= text.Length || text[open] != '(') return false;

        // \(<(.*?)> : the angle brackets close on the same line, and a ')' must follow at once, or a title.
        if (open + 1 < text.Length && text[open + 1] == '<')
        {
            var close = IndexOnLine(text, '>', open + 2);
            if (close >= 0)
            {
                start = open + 2;
                length = close - start;
                if (close + 1 < text.Length && text[close + 1] == ')') return true;
                return IsTitle(text, close + 1);
            }
        }

        // scan_until(/(\()|(\))|\s(?=['"])/) with a bracket count: balanced parentheses and
        // whitespace belong to the destination; whitespace before a quote ends it.
        var depth = 0;
        var at = open;
        var endOfUrl = -1;
        while (at < text.Length)
        {
            var c = text[at];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
                if (depth == 0)
                {
                    endOfUrl = at;
                    break;
                }
            }
            else if (IsRubySpace(c) && at + 1 < text.Length && text[at + 1] is '"' or '\'')
            {
                endOfUrl = at;
                break;
            }
            else if (c == '\n' && StartsBlankLine(text, at + 1))
            {
                return false; // kramdown reads spans within one block
            }
            at++;
        }
        if (endOfUrl < 0) return false;
        // link_url[1..-2].strip
        var from = open + 1;
        var to = endOfUrl;
        while (from < to && IsRubySpace(text[from])) from++;
        while (to > from && IsRubySpace(text[to - 1])) to--;
        start = from;
        length = to - from;
        return depth == 0 || IsTitle(text, endOfUrl);
    }

    /// <summary>
    /// Reads a reference definition's destination (<c>[id]: url "title"</c>), from the <c>[</c> of its label.
    /// </summary>
    /// <returns>False where kramdown reads no definition.</returns>
    public static bool TryReadDefinition(string text, int label, out int start, out int length)
    {
        start = label;
        length = 0;
        var lineEnd = text.IndexOf('\n', label);
        if (lineEnd < 0) lineEnd = text.Length;
        var line = text.AsSpan(label, lineEnd - label);
        if (line.Length == 0 || line[0] != '[') return false;
        var closeLabel = line.IndexOf(']');
        if (closeLabel < 2 || closeLabel + 1 >= line.Length || line[closeLabel + 1] != ':') return false;
        var at = closeLabel + 2;
        while (at < line.Length && line[at] is ' ' or '\t') at++;
        if (at >= line.Length) return false;
        if (line[at] == '<' && line[(at + 1)..].IndexOf('>') is var close and >= 0)
        {
            start = label + at + 1;
            length = close;
            return true;
        }
        // ([^\n]*?\S[^\n]*?) then an optional quoted title, then trailing blanks: the destination is
        // the rest of the line but for a final quoted title; a quote after a blank anywhere else
        // means no definition at all.
        var rest = line[at..].TrimEnd(" \t\r");
        var urlEnd = rest.Length;
        for (var i = 1; i < rest.Length; i++)
        {
            if (rest[i] is not ('"' or '\'') || rest[i - 1] is not (' ' or '\t')) continue;
            // The first quote after a blank starts the title, which must close the line; a
            // destination holding a blank and a quote is no definition.
            if (rest[^1] != rest[i] || i >= rest.Length - 2) return false;
            urlEnd = i - 1;
            while (urlEnd > 0 && rest[urlEnd - 1] is ' ' or '\t') urlEnd--;
            break;
        }
        if (urlEnd == 0) return false;
        start = label + at;
        length = urlEnd;
        return true;
    }

    /// <summary>The destination kramdown writes as the href, as a browser reads it: the text as written, HTML entities decoded.</summary>
    public static string UrlOf(ReadOnlySpan<char> written) =>
        written.Contains('&') ? System.Net.WebUtility.HtmlDecode(written.ToString()) : written.ToString();

    // LINK_INLINE_TITLE_RE, /\s*?(["'])(.+?)\1\s*?\)/m: a quoted title, then the closing parenthesis.
    private static bool IsTitle(string text, int at)
    {
        while (at < text.Length && IsRubySpace(text[at])) at++;
        if (at >= text.Length || text[at] is not ('"' or '\'')) return false;
        var quote = text[at];
        if (at + 2 >= text.Length) return false; // (.+?): a title has at least one character
        // Within the block: up to the next blank line.
        var end = at;
        while (end < text.Length && !(text[end] == '\n' && StartsBlankLine(text, end + 1))) end++;
        if (end < at + 2) return false;
        for (var close = text.IndexOf(quote, at + 2, end - at - 2); close >= 0; close = close + 1 < end ? text.IndexOf(quote, close + 1, end - close - 1) : -1)
        {
            var after = close + 1;
            while (after < text.Length && IsRubySpace(text[after])) after++;
            if (after < text.Length && text[after] == ')') return true;
        }
        return false;
    }

    private static bool StartsBlankLine(string text, int at)
    {
        while (at < text.Length && text[at] is ' ' or '\t' or '\r') at++;
        return at >= text.Length || text[at] == '\n';
    }

    private static int IndexOnLine(string text, char c, int from)
    {
        for (var i = from; i < text.Length && text[i] != '\n'; i++)
        {
            if (text[i] == c) return i;
        }
        return -1;
    }

    // Ruby's \s: space, tab, line feed, carriage return, form feed, vertical tab.
    private static bool IsRubySpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';
}
