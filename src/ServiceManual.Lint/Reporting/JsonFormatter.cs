using System.Text.Json;

namespace ServiceManual.Lint.Reporting;

/// <summary>
/// A JSON document with every finding, its fix and a summary, for scripts (written without
/// reflection, so AOT-safe). Its shape is <c>docs/schema/smlint-report.schema.json</c>, and
/// <see cref="Version"/> changes when a field is removed or changes meaning (added fields do not).
/// </summary>
internal sealed class JsonFormatter : IDiagnosticFormatter
{
    /// <summary>The report format's version, the document's <c>version</c> field.</summary>
    public const int Version = 1;

    private readonly ReportOptions options;

    /// <summary>A report with nothing hidden by a baseline.</summary>
    public JsonFormatter() : this(new ReportOptions())
    {
    }

    /// <summary>A report that counts what <paramref name="options"/>' baseline hid.</summary>
    public JsonFormatter(ReportOptions options) => this.options = options;

    /// <inheritdoc />
    public void Write(TextWriter writer, LintResult result)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteString("tool", "smlint");
            json.WriteString("toolVersion", Rules.RuleDocs.InformationalVersion);
            json.WriteString("root", result.Root);
            json.WriteNumber("filesChecked", result.FilesChecked);
            json.WriteStartObject("summary");
            json.WriteNumber("errors", result.Count(Diagnostics.Severity.Error));
            json.WriteNumber("warnings", result.Count(Diagnostics.Severity.Warning));
            json.WriteNumber("infos", result.Count(Diagnostics.Severity.Info));
            json.WriteNumber("fixable", result.Diagnostics.Count(d => d.Fix is not null));
            json.WriteNumber("filesWithProblems", result.Diagnostics.Select(d => d.Path).Distinct(StringComparer.Ordinal).Count());
            if (options.Baseline is { } baseline)
            {
                json.WriteStartObject("baseline");
                json.WriteString("path", baseline.Path);
                json.WriteNumber("hidden", baseline.Hidden);
                json.WriteEndObject();
            }
            if (result.Unchecked is { } skipped)
            {
                json.WriteStartObject("linksNotChecked");
                json.WriteNumber("external", skipped.External);
                json.WriteNumber("liquid", skipped.Liquid);
                json.WriteNumber("externalPaths", skipped.ExternalPaths);
                json.WriteNumber("unpublished", skipped.Unpublished);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteStartArray("diagnostics");
            foreach (var d in result.Diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", d.Rule.Id);
                json.WriteString("ruleName", d.Rule.Name);
                json.WriteString("severity", Diagnostics.SeverityNames.ToName(d.Severity));
                json.WriteString("path", d.Path);
                json.WriteNumber("line", d.Span.Line);
                json.WriteNumber("column", d.Span.Column);
                json.WriteNumber("endLine", d.Span.EndLine);
                json.WriteNumber("endColumn", d.Span.EndColumn);
                json.WriteString("message", d.Message);
                if (d.MessageId is not null) json.WriteString("messageId", d.MessageId);
                if (d.Suggestion is not null) json.WriteString("suggestion", d.Suggestion);
                json.WriteBoolean("fixable", d.Fix is not null);
                json.WriteString("helpUri", d.Rule.HelpUri.ToString());
                if (d.Fix is not null) WriteFix(json, d.Fix, d.Path, result.Sources);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    // Each edit as offsets into the file's text (UTF-16 code units, as read, BOM included) and as
    // 1-based lines and columns (end exclusive, as a finding's span), with the text that replaces it.
    private static void WriteFix(Utf8JsonWriter json, Diagnostics.Fix fix, string path, ISourceTexts sources)
    {
        json.WriteStartObject("fix");
        json.WriteString("description", fix.Description);
        json.WriteStartArray("edits");
        foreach (var edit in fix.Edits)
        {
            json.WriteStartObject();
            json.WriteNumber("offset", edit.Offset);
            json.WriteNumber("length", edit.Length);
            if (sources.Span(path, edit.Offset, edit.Length) is { } span)
            {
                json.WriteNumber("line", span.Line);
                json.WriteNumber("column", span.Column);
                json.WriteNumber("endLine", span.EndLine);
                json.WriteNumber("endColumn", span.EndColumn);
            }
            json.WriteString("newText", edit.NewText);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
