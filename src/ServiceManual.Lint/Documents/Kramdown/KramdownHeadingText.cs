namespace ServiceManual.Lint.Documents.Kramdown;

/// <summary>Splits a kramdown header line into its raw text and an explicit <c>{#id}</c>.</summary>
internal static class KramdownHeadingText
{
    /// <summary>
    /// For an ATX line such as <c>##Title ## {#my-id}</c>: the text between the hashes and any
    /// closing hashes (<c>Title</c>) and the explicit id (<c>my-id</c>), as kramdown 1.4 reads them.
    /// With closingHashesNeedSpace (kramdown-parser-gfm's <c>paragraph_end</c>
    /// quirk), closing hashes count only after a space or tab: <c>## C#</c> keeps its hash.
    /// </summary>
    public static string? FromAtxContent(ReadOnlySpan<char> content, out ReadOnlySpan<char> text) => FromAtxContent(content, closingHashesNeedSpace: false, out text);

    /// <inheritdoc cref="FromAtxContent(ReadOnlySpan{char}, out ReadOnlySpan{char})"/>
    public static string? FromAtxContent(ReadOnlySpan<char> content, bool closingHashesNeedSpace, out ReadOnlySpan<char> text) =>
        StripHeaderId(content, closingHashesNeedSpace ? ClosingHashes.AfterSpace : ClosingHashes.Any, out text);

    /// <summary>For the text line of a setext header: returns the explicit id.</summary>
    public static string? FromSetextContent(ReadOnlySpan<char> content, out ReadOnlySpan<char> text) => StripHeaderId(content, ClosingHashes.None, out text);

    private enum ClosingHashes { None, Any, AfterSpace }

    // Works on the line as it is (every page has headers: strings made here would be garbage at once).
    private static string? StripHeaderId(ReadOnlySpan<char> content, ClosingHashes closingHashes, out ReadOnlySpan<char> text)
    {
        text = content.Trim();
        string? id = null;
        // kramdown: HEADER_ID = [ \t]\{#(\w[\w-]*)\} at the end of the line.
        if (text.EndsWith('}'))
        {
            var open = text.LastIndexOf("{#", StringComparison.Ordinal);
            if (open > 0 && text[open - 1] is ' ' or '\t' && IsHeaderId(text.Slice(open + 2, text.Length - open - 3)))
            {
                id = ParseWorkspace.Share(text.Slice(open + 2, text.Length - open - 3));
                text = text[..(open - 1)].TrimEnd();
            }
        }
        if (closingHashes != ClosingHashes.None)
        {
            var end = text.Length;
            while (end > 0 && text[end - 1] == '#') end--;
            if (closingHashes == ClosingHashes.AfterSpace)
            {
                // kramdown-parser-gfm: text.sub!(/[\t ]#+\z/, '')
                if (end < text.Length && end > 0 && text[end - 1] is ' ' or '\t') text = text[..end].TrimEnd();
            }
            else
            {
                // kramdown: text.sub!(/(?<!\\)#+\z/, ''): an escaped \# is text, not a closing sequence.
                if (end < text.Length && end > 0 && text[end - 1] == '\\') end++;
                text = text[..end].TrimEnd();
            }
        }
        return id;
    }

    private static bool IsHeaderId(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || !(char.IsAsciiLetterOrDigit(id[0]) || id[0] == '_')) return false;
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) return false;
        }
        return true;
    }
}
