using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Reporting;

/// <summary>GitHub Actions workflow commands (<c>::error file=...,line=...::message</c>): annotations on the pull request.</summary>
internal sealed class GitHubFormatter : IDiagnosticFormatter
{
    private readonly ReportOptions? options;

    /// <summary>Paths relative to <c>GITHUB_WORKSPACE</c> when it is set (and holds the site), else to the site root.</summary>
    public GitHubFormatter()
    {
    }

    /// <summary>Paths relative to <paramref name="options"/>' <see cref="ReportOptions.PathBase"/> (the CLI passes <c>GITHUB_WORKSPACE</c>, else the current folder).</summary>
    public GitHubFormatter(ReportOptions options) => this.options = options;

    /// <inheritdoc />
    public void Write(TextWriter writer, LintResult result)
    {
        // Annotations are placed relative to the checkout (GITHUB_WORKSPACE): a site in docs/ needs that prefix.
        var paths = options ?? new ReportOptions { PathBase = Environment.GetEnvironmentVariable("GITHUB_WORKSPACE") is { Length: > 0 } workspace ? Path.GetFullPath(workspace) : null };
        foreach (var d in result.Diagnostics)
        {
            var command = d.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "notice" };
            var message = d.Suggestion is null ? d.Message : $"{d.Message} ({d.Suggestion})";
            writer.WriteLine($"::{command} file={Property(paths.DisplayPath(result, d.Path))},line={d.Span.Line},col={d.Span.Column},endLine={d.Span.EndLine},endColumn={d.Span.EndColumn},title={Property($"{d.Rule.Id} {d.Rule.Name}")}::{Data(message)}");
        }
    }

    // The escaping the Actions runner expects (toolkit's escapeData / escapeProperty).
    private static string Data(string text) => text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text) => Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
