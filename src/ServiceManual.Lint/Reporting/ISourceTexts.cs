using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Reporting;

/// <summary>
/// The texts of the files a run reported on, as formatters need them (code frames, fix edits as
/// lines and columns): the one way a formatter reads a file, so formatters never hold the site.
/// </summary>
internal interface ISourceTexts
{
    /// <summary>
    /// A line (1-based) of a file the run read, without its line break; null when the run did not
    /// read the file. Throws <see cref="IOException"/> when the file changed since it was read.
    /// </summary>
    string? Line(string path, int line);

    /// <summary>The 1-based span of <paramref name="length"/> UTF-16 units at <paramref name="offset"/> in a file the run read; null when it did not.</summary>
    SourceSpan? Span(string path, int offset, int length);
}

/// <summary>No texts: a result built from findings alone.</summary>
internal sealed class NoSourceTexts : ISourceTexts
{
    public static readonly NoSourceTexts Instance = new();

    public string? Line(string path, int line) => null;

    public SourceSpan? Span(string path, int offset, int length) => null;
}
