namespace ServiceManual.Lint.Diagnostics;

/// <summary>
/// A region of a file with 1-based lines and columns (columns count UTF-16 code units).
/// The end is exclusive: a one-character span at column 5 ends at column 6.
/// </summary>
public readonly record struct SourceSpan(int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>A span for findings about a whole file: line 1, column 1.</summary>
    public static SourceSpan FileStart { get; } = new(1, 1, 1, 1);

    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column}";
}
