using System.Text.Json;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Rules;

namespace ServiceManual.Lint.Reporting;

/// <summary>
/// SARIF 2.1.0 as GitHub code scanning reads it: rules with help, results with a region
/// (1-based lines and columns), URIs relative to <c>%SRCROOT%</c> with forward slashes, and fixes.
/// </summary>
internal sealed class SarifFormatter : IDiagnosticFormatter
{
    /// <inheritdoc />
    public void Write(TextWriter writer, LintResult result)
    {
        var rules = RuleRegistry.BuiltIn.Select(r => r.Descriptor)
            .Concat(result.Diagnostics.Select(d => d.Rule))
            .DistinctBy(r => r.Id).ToList();
        var ruleIndex = rules.Select((rule, index) => (rule.Id, index)).ToDictionary(x => x.Id, x => x.index);

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, rules);
            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject("SRCROOT");
            json.WriteString("uri", new Uri(result.Root.TrimEnd('/') + "/").AbsoluteUri);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteStartArray("results");
            foreach (var d in result.Diagnostics) WriteResult(json, d, ruleIndex[d.Rule.Id], result);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteTool(Utf8JsonWriter json, List<RuleDescriptor> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "smlint");
        json.WriteString("semanticVersion", RuleDocs.InformationalVersion);
        json.WriteString("informationUri", "https://github.com/servicemanual-lint/servicemanual-lint");
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Name);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", RuleDocs.Summary(rule.Id) ?? rule.Title);
            json.WriteEndObject();
            json.WriteString("helpUri", rule.HelpUri.ToString());
            json.WriteStartObject("help");
            json.WriteString("text", RuleDocs.Summary(rule.Id) ?? rule.Title);
            if (RuleDocs.Get(rule.Id) is { } doc) json.WriteString("markdown", doc);
            json.WriteEndObject();
            if (rule.Messages.Count > 0)
            {
                // SARIF's message strings number their placeholders: {0}, {1}... in the order a rule fills them.
                json.WriteStartObject("messageStrings");
                foreach (var message in rule.Messages)
                {
                    json.WriteStartObject(message.Id);
                    // SARIF asks that message strings be sentences (SARIF2001): ours end without a period, so one is added here.
                    var text = message.NumberedTemplate();
                    json.WriteString("text", text.EndsWith('.') ? text : text + ".");
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteStartArray("tags");
            json.WriteStringValue(rule.Category.ToName());
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Diagnostic d, int ruleIndex, LintResult result)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", d.Rule.Id);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(d.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", d.Suggestion is null ? d.Message : $"{d.Message} ({d.Suggestion})");
        // The rule's message string this finding filled in (the text above is what to show).
        if (d.MessageId is not null && d.Rule.FindMessage(d.MessageId) is { } declared && declared.PlaceholderNames.Count == d.MessageArguments.Values.Count)
        {
            json.WriteString("id", d.MessageId);
            json.WriteStartArray("arguments");
            foreach (var argument in d.MessageArguments.Values) json.WriteStringValue(argument);
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        WriteArtifact(json, d.Path);
        WriteRegion(json, "region", d.Span);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        // Every edit as a region of the file as it was read; a fix whose file the run cannot show is left out.
        var regions = d.Fix?.Edits.Select(edit => result.Sources.Span(d.Path, edit.Offset, edit.Length)).ToArray();
        if (d.Fix is not null && regions!.All(r => r is not null))
        {
            json.WriteStartArray("fixes");
            json.WriteStartObject();
            json.WriteStartObject("description");
            json.WriteString("text", d.Fix.Description);
            json.WriteEndObject();
            json.WriteStartArray("artifactChanges");
            json.WriteStartObject();
            WriteArtifact(json, d.Path);
            json.WriteStartArray("replacements");
            for (var i = 0; i < d.Fix.Edits.Count; i++)
            {
                var edit = d.Fix.Edits[i];
                json.WriteStartObject();
                WriteRegion(json, "deletedRegion", regions![i]!.Value);
                json.WriteStartObject("insertedContent");
                json.WriteString("text", edit.NewText);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteArtifact(Utf8JsonWriter json, string path)
    {
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal));
        json.WriteString("uriBaseId", "SRCROOT");
        json.WriteEndObject();
    }

    private static void WriteRegion(Utf8JsonWriter json, string name, SourceSpan span)
    {
        json.WriteStartObject(name);
        json.WriteNumber("startLine", span.Line);
        json.WriteNumber("startColumn", span.Column);
        json.WriteNumber("endLine", span.EndLine);
        json.WriteNumber("endColumn", span.EndColumn);
        json.WriteEndObject();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
