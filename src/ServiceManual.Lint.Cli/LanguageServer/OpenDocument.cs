using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Cli.LanguageServer;

/// <summary>A document the editor has open: its text as the editor has it, and its last findings.</summary>
/// <param name="Uri">The URI as the client sent it (diagnostics go back under the same string).</param>
/// <param name="Path">The path relative to the site root, or null for a file outside the site.</param>
internal sealed class OpenDocument(string uri, string? path, int version, string text)
{
    public string Uri { get; } = uri;

    public string? Path { get; } = path;

    public int Version { get; set; } = version;

    public string Text { get; set; } = text;

    /// <summary>Edited (or opened) since it was last linted.</summary>
    public bool Dirty { get; set; }

    /// <summary>The findings of the last lint, for the text it linted (<see cref="LintedText"/>).</summary>
    public IReadOnlyList<Diagnostic> Findings { get; private set; } = [];

    /// <summary>The findings as last published, in the same order as <see cref="Findings"/>.</summary>
    public LspDiagnostic[] Converted { get; private set; } = [];

    public string LintedText { get; private set; } = text;

    public int LintedVersion { get; private set; } = version;

    /// <summary>Records the findings of a lint of the current text; true when they differ from the last.</summary>
    public bool SetFindings(IReadOnlyList<Diagnostic> findings)
    {
        var converted = new LspDiagnostic[findings.Count];
        for (var i = 0; i < findings.Count; i++) converted[i] = Convert(findings[i], i);
        var changed = !converted.Select(Key).SequenceEqual(Converted.Select(Key), StringComparer.Ordinal);
        Findings = findings;
        Converted = converted;
        LintedText = Text;
        LintedVersion = Version;
        return changed;
    }

    private LspDiagnostic Convert(Diagnostic diagnostic, int index) => new(
        TextPositions.RangeOf(diagnostic.Span),
        diagnostic.Severity switch { Severity.Error => 1, Severity.Warning => 2, _ => 3 },
        diagnostic.Rule.Id,
        new CodeDescription(diagnostic.Rule.HelpUri.ToString()),
        "smlint",
        diagnostic.Suggestion is null ? diagnostic.Message : $"{diagnostic.Message} ({diagnostic.Suggestion})",
        new DiagnosticData(Uri, Version, index));

    private static string Key(LspDiagnostic d) =>
        $"{d.Range.Start.Line}:{d.Range.Start.Character}-{d.Range.End.Line}:{d.Range.End.Character} {d.Severity} {d.Code} {d.Message}";

    public void Publish(JsonRpcConnection connection, LspDiagnostic[] diagnostics) =>
        connection.Notify("textDocument/publishDiagnostics", new PublishDiagnosticsParams(Uri, Version, diagnostics), ProtocolJson.Default.PublishDiagnosticsParams);
}
