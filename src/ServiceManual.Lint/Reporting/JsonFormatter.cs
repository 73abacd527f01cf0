using System.Text.Json;

namespace ServiceManual.Lint.Reporting;

/// <summary>A JSON document with every finding and a summary, for scripts (written without reflection, so AOT-safe).</summary>
public sealed class JsonFormatter : IDiagnosticFormatter
{
    /// <inheritdoc />
    public void Write(TextWriter writer, LintResult result)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("root", result.Site.Root);
            json.WriteNumber("filesChecked", result.FilesChecked);
            json.WriteStartObject("summary");
            json.WriteNumber("errors", result.Count(Diagnostics.Severity.Error));
            json.WriteNumber("warnings", result.Count(Diagnostics.Severity.Warning));
            json.WriteNumber("infos", result.Count(Diagnostics.Severity.Info));
            json.WriteNumber("fixable", result.Diagnostics.Count(d => d.Fix is not null));
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
                if (d.Suggestion is not null) json.WriteString("suggestion", d.Suggestion);
                json.WriteBoolean("fixable", d.Fix is not null);
                json.WriteString("helpUri", d.Rule.HelpUri.ToString());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
