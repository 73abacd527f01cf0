using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Site;

/// <summary>A file the loader could not take in as text (bad encoding, too large, unreadable).</summary>
public sealed record LoadProblem(string Path, SourceSpan Span, string Message);
