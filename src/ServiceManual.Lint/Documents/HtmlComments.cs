namespace ServiceManual.Lint.Documents;

/// <summary>
/// The comments of a piece of raw HTML (an HTML block of a Markdown page, or an HTML file), for
/// suppressions: <c>&lt;!--</c> up to <c>--&gt;</c>, as the HTML tokenizer reads them, except
/// inside <c>script</c>, <c>style</c> and <c>textarea</c>, where <c>&lt;!--</c> is text.
/// </summary>
internal static class HtmlComments
{
    private static readonly string[] RawText = ["script", "style", "textarea"];

    /// <summary>Adds the offset and length of each comment's text (between the markers) in <paramref name="text"/>[<paramref name="start"/>..].</summary>
    public static void Find(string text, int start, int length, List<(int Offset, int Length)> found)
    {
        var end = start + length;
        var i = start;
        while (i < end)
        {
            var open = text.IndexOf('<', i, end - i);
            if (open < 0) return;
            if (string.CompareOrdinal(text, open, "<!--", 0, 4) == 0 && open + 4 <= end)
            {
                var inside = open + 4;
                // "<!-->" and "<!--->" are whole (empty) comments to an HTML tokenizer.
                if (string.CompareOrdinal(text, inside, ">", 0, 1) == 0 || string.CompareOrdinal(text, inside, "->", 0, 2) == 0)
                {
                    i = inside + 1;
                    continue;
                }
                var close = text.IndexOf("-->", inside, end - inside, StringComparison.Ordinal);
                if (close < 0) return;
                found.Add((inside, close - inside));
                i = close + 3;
                continue;
            }
            var rawText = RawTextElement(text, open + 1, end);
            if (rawText is not null)
            {
                var closing = text.IndexOf("</" + rawText, open + 1, end - open - 1, StringComparison.OrdinalIgnoreCase);
                if (closing < 0) return;
                i = closing + 2;
                continue;
            }
            i = open + 1;
        }
    }

    private static string? RawTextElement(string text, int nameStart, int end)
    {
        foreach (var name in RawText)
        {
            var after = nameStart + name.Length;
            if (after < end && string.Compare(text, nameStart, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && text[after] is ' ' or '\t' or '\n' or '\r' or '\f' or '>' or '/')
            {
                return name;
            }
        }
        return null;
    }
}
