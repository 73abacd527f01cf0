using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Reporting;

/// <summary>GitHub Actions workflow commands (<c>::error file=...,line=...::message</c>): annotations on the pull request.</summary>
public sealed class GitHubFormatter : IDiagnosticFormatter
{
    /// <inheritdoc />
    public void Write(TextWriter writer, LintResult result)
    {
        // Annotations are placed relative to the checkout (GITHUB_WORKSPACE): a site in docs/ needs that prefix.
        var workspace = Environment.GetEnvironmentVariable("GITHUB_WORKSPACE");
        var prefix = string.Empty;
        if (!string.IsNullOrEmpty(workspace))
        {
            var relative = Path.GetRelativePath(Path.GetFullPath(workspace), result.Site.Root).Replace('\\', '/');
            if (relative != "." && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)) prefix = relative + "/";
        }
        foreach (var d in result.Diagnostics)
        {
            var command = d.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "notice" };
            var message = d.Suggestion is null ? d.Message : $"{d.Message} ({d.Suggestion})";
            writer.WriteLine($"::{command} file={Property(prefix + d.Path)},line={d.Span.Line},col={d.Span.Column},endLine={d.Span.EndLine},endColumn={d.Span.EndColumn},title={Property($"{d.Rule.Id} {d.Rule.Name}")}::{Data(message)}");
        }
    }

    // The escaping the Actions runner expects (toolkit's escapeData / escapeProperty).
    private static string Data(string text) => text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text) => Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
