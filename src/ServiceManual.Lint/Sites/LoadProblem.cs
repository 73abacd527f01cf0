using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Sites;

/// <summary>A file the loader could not take in as text (bad encoding, too large, unreadable).</summary>
internal sealed record LoadProblem(string Path, SourceSpan Span, string Message);

/// <summary>A Markdown file that Jekyll copies as it is instead of rendering, and why.</summary>
internal sealed record StaticMarkdown(string Path, string Reason)
{
    /// <summary>The reason given when a file simply has no front matter.</summary>
    public const string NoFrontMatter = "it has no front matter";
}
