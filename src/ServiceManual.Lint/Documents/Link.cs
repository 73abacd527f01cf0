using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Documents;

/// <summary>Where a link was written.</summary>
public enum LinkKind
{
    /// <summary><c>[text](url)</c>.</summary>
    Inline,
    /// <summary><c>![alt](url)</c>.</summary>
    Image,
    /// <summary>A reference definition <c>[label]: url</c> that a link uses.</summary>
    ReferenceDefinition,
    /// <summary><c>&lt;https://...&gt;</c>.</summary>
    Autolink,
    /// <summary>An <c>href</c> or <c>src</c> attribute of raw HTML.</summary>
    HtmlAttribute,
    /// <summary>A <c>breadcrumbs[].url</c> value in front matter.</summary>
    FrontMatter,
}

/// <summary>One link found in a file, with the exact place of its URL.</summary>
/// <param name="Url">The URL as the site would use it (Markdown escapes and HTML entities decoded).</param>
/// <param name="Offset">0-based offset of the URL as written in the file.</param>
/// <param name="Length">Length of the URL as written (0 for an empty target).</param>
/// <param name="Span">1-based position of the URL.</param>
/// <param name="Kind">What kind of syntax carried it.</param>
/// <param name="Text">The link text, where there is one.</param>
public sealed record Link(string Url, int Offset, int Length, SourceSpan Span, LinkKind Kind, string? Text = null);

/// <summary>An id a fragment can target, and where it was defined.</summary>
/// <param name="Id">The id (case-sensitive, as browsers match it).</param>
/// <param name="Line">1-based line of its definition, 0 when it comes from a layout or include.</param>
internal sealed record Anchor(string Id, int Line);
