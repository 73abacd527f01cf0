namespace ServiceManual.Lint.Reporting;

/// <summary>Writes a lint result in one output format.</summary>
public interface IDiagnosticFormatter
{
    /// <summary>Writes <paramref name="result"/> to <paramref name="writer"/>.</summary>
    void Write(TextWriter writer, LintResult result);
}

/// <summary>The built-in formats by name: <c>pretty</c>, <c>json</c>, <c>sarif</c>, <c>github</c>, <c>msbuild</c>.</summary>
public static class Formatters
{
    /// <summary>The names accepted by <see cref="Create(string, bool)"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["pretty", "json", "sarif", "github", "msbuild"];

    /// <summary>The formatter for a name; <paramref name="useColor"/> only affects <c>pretty</c>.</summary>
    public static IDiagnosticFormatter? Create(string name, bool useColor = false) => name switch
    {
        "pretty" => new PrettyFormatter(useColor),
        "json" => new JsonFormatter(),
        "sarif" => new SarifFormatter(),
        "github" => new GitHubFormatter(),
        "msbuild" => new MSBuildFormatter(),
        _ => null,
    };

    /// <summary>The formatter for a name, written as <paramref name="options"/> say (colour, paths, what a baseline hid).</summary>
    public static IDiagnosticFormatter? Create(string name, ReportOptions options) => name switch
    {
        "pretty" => new PrettyFormatter(options),
        "json" => new JsonFormatter(options),
        "sarif" => new SarifFormatter(),
        "github" => new GitHubFormatter(options),
        "msbuild" => new MSBuildFormatter(),
        _ => null,
    };
}
