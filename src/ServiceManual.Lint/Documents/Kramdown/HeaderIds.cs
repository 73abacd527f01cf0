using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Documents.Kramdown;

/// <summary>
/// A page's generated header ids under its <see cref="MarkdownOptions"/>: kramdown's algorithm
/// (<see cref="KramdownIds"/>) for kramdown input, kramdown-parser-gfm's (<see cref="GfmIds"/>) for
/// GFM, with <c>auto_id_prefix</c> in front and, for kramdown input, <c>transliterated_header_ids</c>.
/// </summary>
internal sealed class HeaderIds
{
    private readonly KramdownIds kramdown = new();
    private readonly GfmIds gfm = new();
    private MarkdownOptions options = MarkdownOptions.Default;

    /// <summary>Starts counting the headers of another page.</summary>
    public void Start(MarkdownOptions pageOptions)
    {
        options = pageOptions;
        kramdown.Clear();
        gfm.Clear();
    }

    /// <summary>The next id for a header with this text (raw or parsed, as the options say); empty for none.</summary>
    public string Next(ReadOnlySpan<char> text)
    {
        string id;
        if (options.Input == MarkdownInput.Gfm) id = gfm.Next(text);
        else if (options.TransliteratedHeaderIds) id = kramdown.Next(KramdownTransliteration.ToAscii(text.ToString()));
        else id = kramdown.Next(text);
        return options.AutoIdPrefix.Length == 0 || id.Length == 0 ? id : ParseWorkspace.Share(options.AutoIdPrefix + id);
    }
}
