using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Reporting;

/// <summary>
/// For people at a terminal: <c>path:line:col</c> (clickable in most terminals and editors),
/// severity, rule, message, the suggestion, and a one-line code frame with a caret; then a summary.
/// </summary>
internal sealed class PrettyFormatter : IDiagnosticFormatter
{
    private readonly ReportOptions options;

    /// <summary>Paths relative to the site root; colour or not.</summary>
    public PrettyFormatter(bool useColor) : this(new ReportOptions { UseColor = useColor })
    {
    }

    /// <summary>Colour, the folder paths are printed relative to, and what a baseline hid, from <paramref name="options"/>.</summary>
    public PrettyFormatter(ReportOptions options) => this.options = options;

    private bool useColor => options.UseColor;

    /// <inheritdoc />
    public void Write(TextWriter writer, LintResult result)
    {
        // Findings come sorted by file: a file's path is worked out once for all of its findings.
        string? lastPath = null, shownPath = null;
        foreach (var d in result.Diagnostics)
        {
            if (!ReferenceEquals(d.Path, lastPath) && d.Path != lastPath) shownPath = options.DisplayPath(result, d.Path);
            lastPath = d.Path;
            var severity = d.Severity.ToName();
            var colored = d.Severity switch { Severity.Error => Color(severity, "31"), Severity.Warning => Color(severity, "33"), _ => Color(severity, "36") };
            writer.WriteLine($"{Color($"{shownPath}:{d.Span.Line}:{d.Span.Column}", "1")} {colored} {Color(d.Rule.Id, "2")} {d.Message}");
            if (d.Suggestion is not null) writer.WriteLine($"  {Color("hint:", "32")} {d.Suggestion}{(d.Fix is null ? string.Empty : " (fixable with --fix)")}");
            WriteCodeFrame(writer, result, d);
        }
        var errors = result.Count(Severity.Error);
        var warnings = result.Count(Severity.Warning);
        var infos = result.Count(Severity.Info);
        var fixable = result.Diagnostics.Count(d => d.Fix is not null);
        if (result.Diagnostics.Count == 0)
        {
            writer.WriteLine($"{Color("✔", "32")} no problems in {result.FilesChecked} file{Plural(result.FilesChecked)}");
            WriteHidden(writer);
            WriteUnchecked(writer, result.Unchecked);
            return;
        }
        // Files with problems, as ESLint and markdownlint count them (the files checked are in the clean summary).
        var files = result.Diagnostics.Select(d => d.Path).Distinct(StringComparer.Ordinal).Count();
        var summary = $"✖ {result.Diagnostics.Count} problem{Plural(result.Diagnostics.Count)} ({errors} error{Plural(errors)}, {warnings} warning{Plural(warnings)}, {infos} info) in {files} file{Plural(files)}";
        writer.WriteLine();
        writer.WriteLine(Color(summary, errors > 0 ? "31" : "33"));
        if (fixable > 0) writer.WriteLine($"  {fixable} fixable with --fix");
        WriteHidden(writer);
        WriteUnchecked(writer, result.Unchecked);
    }

    private void WriteHidden(TextWriter writer)
    {
        if (options.Baseline is { Hidden: > 0 } baseline) writer.WriteLine($"  {baseline.Hidden} more hidden by the baseline {baseline.Path}");
        if (options.NotShown > 0) writer.WriteLine($"  {options.NotShown} more not shown: below the severity that fails the run (--quiet)");
    }

    private static void WriteUnchecked(TextWriter writer, UncheckedLinks? skipped)
    {
        if (skipped is not { Total: > 0 }) return;
        var reasons = new List<string>();
        if (skipped.External > 0) reasons.Add($"{skipped.External} to other sites");
        if (skipped.Liquid > 0) reasons.Add($"{skipped.Liquid} needing Liquid");
        if (skipped.ExternalPaths > 0) reasons.Add($"{skipped.ExternalPaths} under site.external-paths");
        if (skipped.Unpublished > 0) reasons.Add($"{skipped.Unpublished} in layouts and includes no page uses");
        writer.WriteLine($"  {skipped.Total} link{Plural(skipped.Total)} not checked: {string.Join(", ", reasons)}");
    }

    private static void WriteCodeFrame(TextWriter writer, LintResult result, Diagnostic d)
    {
        string line;
        try
        {
            if (result.Sources.Line(d.Path, d.Span.Line) is not { } text) return;
            line = text;
        }
        catch (IOException)
        {
            return; // the file changed or went away since it was read: no frame rather than a wrong one
        }
        if (line.Length == 0) return;
        var start = Math.Clamp(d.Span.Column - 1, 0, line.Length);
        // Long lines are cut around the finding so the frame stays one terminal line.
        var from = Math.Max(0, start - 40);
        var to = Math.Min(line.Length, Math.Max(start + 40, from + 80));
        var excerpt = (from > 0 ? "…" : string.Empty) + line[from..to].Replace('\t', ' ') + (to < line.Length ? "…" : string.Empty);
        var caretAt = start - from + (from > 0 ? 1 : 0);
        var width = d.Span.EndLine == d.Span.Line ? Math.Clamp(d.Span.EndColumn - d.Span.Column, 1, Math.Max(1, to - start)) : 1;
        var gutter = d.Span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteLine($"  {gutter} | {excerpt}");
        writer.WriteLine($"  {new string(' ', gutter.Length)} | {new string(' ', caretAt)}{new string('^', width)}");
    }

    private static string Plural(int count) => count == 1 ? string.Empty : "s";

    private string Color(string text, string code) => useColor ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
