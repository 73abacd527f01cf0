using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Reporting;

/// <summary>
/// MSBuild's canonical error format, <c>path(line,col): error SM301: message</c>, which every .NET
/// IDE and CI log parser places on the line. Info findings are written as messages.
/// </summary>
internal sealed class MSBuildFormatter : IDiagnosticFormatter
{
    /// <inheritdoc />
    public void Write(TextWriter writer, LintResult result)
    {
        foreach (var d in result.Diagnostics)
        {
            var category = d.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" };
            var path = Path.Combine(result.Root, d.Path).Replace('\\', '/');
            var hint = d.Suggestion is null ? string.Empty : $" ({d.Suggestion})";
            writer.WriteLine($"{path}({d.Span.Line},{d.Span.Column}): {category} {d.Rule.Id}: {d.Message}{hint}");
        }
    }
}
