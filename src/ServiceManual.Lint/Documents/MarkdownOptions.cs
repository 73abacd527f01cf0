namespace ServiceManual.Lint.Documents;

/// <summary>The Markdown dialect Jekyll hands kramdown (<c>kramdown: { input: ... }</c> in <c>_config.yml</c>).</summary>
internal enum MarkdownInput
{
    /// <summary>kramdown-parser-gfm, Jekyll's default since 3.0: <c>## </c> needs a space, GitHub-style header ids.</summary>
    Gfm,

    /// <summary>kramdown's own syntax, Jekyll 1's and 2's: <c>##Title</c> is a header, kramdown's header ids.</summary>
    Kramdown,
}

/// <summary>
/// How page bodies are read and header ids made: the dialect and the kramdown options of
/// <c>_config.yml</c> that change ids. Built once from the configuration and handed to every parse.
/// </summary>
internal sealed record MarkdownOptions
{
    /// <summary>What Jekyll 3 and later use when <c>_config.yml</c> says nothing.</summary>
    public static MarkdownOptions Default { get; } = new();

    /// <summary>The dialect; see <see cref="MarkdownInput"/>.</summary>
    public MarkdownInput Input { get; init; } = MarkdownInput.Gfm;

    /// <summary>kramdown <c>auto_ids</c> (default true): headers without an explicit id get one.</summary>
    public bool AutoIds { get; init; } = true;

    /// <summary>kramdown <c>auto_id_prefix</c> (default empty): put before every generated id.</summary>
    public string AutoIdPrefix { get; init; } = string.Empty;

    /// <summary>
    /// kramdown <c>auto_id_stripping</c> (default false): with kramdown input, ids come from the
    /// header's text without its markup (code spans, entities and typographic symbols dropped)
    /// instead of the raw line. The GFM parser always strips, in its own way.
    /// </summary>
    public bool AutoIdStripping { get; init; }

    /// <summary>
    /// kramdown <c>transliterated_header_ids</c> (default false): with kramdown input, accented
    /// letters become ASCII before the id is made. The GFM parser makes its ids before the
    /// converter would transliterate, so it has no effect there.
    /// </summary>
    public bool TransliteratedHeaderIds { get; init; }

    /// <summary>
    /// kramdown-parser-gfm's <c>paragraph_end</c> quirk (in <c>gfm_quirks</c> by default): an ATX
    /// header needs no blank line before it and ends a paragraph.
    /// </summary>
    public bool GfmParagraphEnd { get; init; } = true;

    /// <summary>Everything that changes a parse, as one line for cache fingerprints.</summary>
    public string Describe() =>
        $"input={Input} auto_ids={AutoIds} prefix={AutoIdPrefix} stripping={AutoIdStripping} transliterated={TransliteratedHeaderIds} paragraph_end={GfmParagraphEnd}";
}
