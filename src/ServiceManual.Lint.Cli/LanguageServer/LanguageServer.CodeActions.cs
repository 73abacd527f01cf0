using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Cli.LanguageServer;

internal sealed partial class LanguageServer
{
    private const string QuickFix = "quickfix", FixAll = "source.fixAll.smlint";

    /// <summary>
    /// For each finding at the range: its fix (the edits <c>--fix</c> makes), and a suppression
    /// comment for its line; and for the page, every fix at once (<c>source.fixAll</c>).
    /// </summary>
    private CodeAction[] CodeActions(CodeActionParams parameters)
    {
        if (SiteDocument(parameters.TextDocument.Uri) is not { } target) return [];
        LintIfEdited();
        var document = target.Document;
        var text = document.LintedText;
        var only = parameters.Context?.Only;
        bool Wants(string kind) => only is not { Length: > 0 } || only.Any(o => kind == o || kind.StartsWith(o + ".", StringComparison.Ordinal));
        var actions = new List<CodeAction>();
        for (var i = 0; i < document.Findings.Count; i++)
        {
            var (finding, converted) = (document.Findings[i], document.Converted[i]);
            if (!TextPositions.Touches(converted.Range, parameters.Range) || !Wants(QuickFix)) continue;
            if (finding.Fix is { } fix)
            {
                actions.Add(new CodeAction($"{fix.Description} ({finding.Rule.Id})", QuickFix, [converted], IsPreferred: true, EditOf(document, text, fix.Edits)));
            }
            if (Suppress(text, finding) is { } suppression)
            {
                actions.Add(new CodeAction(suppression.Title, QuickFix, [converted], IsPreferred: null, EditOf(document, text, [suppression.Edit])));
            }
        }
        if (Wants(FixAll) && document.Findings.Any(f => f.Fix is not null))
        {
            // As --fix applies them: by offset, an edit overlapping an earlier one left for the next run.
            var chosen = new List<TextEdit>();
            var end = -1;
            foreach (var edit in document.Findings.Where(f => f.Fix is not null).SelectMany(f => f.Fix!.Edits).OrderBy(e => e.Offset))
            {
                if (edit.Offset < end) continue;
                chosen.Add(edit);
                end = edit.Offset + edit.Length;
            }
            actions.Add(new CodeAction("Fix all smlint problems that have a certain fix", FixAll, null, IsPreferred: null, EditOf(document, text, chosen)));
        }
        return [.. actions];
    }

    private static WorkspaceEdit EditOf(OpenDocument document, string text, IEnumerable<TextEdit> edits) =>
        new(Changes: new Dictionary<string, LspTextEdit[]>(StringComparer.Ordinal)
        {
            [document.Uri] = [.. edits.Select(e => new LspTextEdit(TextPositions.RangeOf(text, e.Offset, e.Length), e.NewText))],
        });

    /// <summary>
    /// The suppression comment for a finding's line, as Suppressions reads them: an HTML comment
    /// at the end of a body line (on a line of its own it could end a paragraph), a YAML comment on
    /// the line above in front matter, and on the front matter's opening line (findings about the
    /// whole front matter) the page's <c>smlint-disable</c> key.
    /// </summary>
    private static (string Title, TextEdit Edit)? Suppress(string text, Diagnostic finding)
    {
        var id = finding.Rule.Id;
        var line = Math.Max(finding.Span.Line - 1, 0);
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var (start, content) = TextPositions.Line(text, line);
        var frontMatterEnd = FrontMatterEnd(text);
        if (frontMatterEnd is { } closing && line <= closing)
        {
            if (line == closing) return null;
            if (line == 0)
            {
                if (FrontMatterHasDisableKey(text, closing)) return null;
                var (next, _) = TextPositions.Line(text, 1);
                return ($"Disable {id} for this page", new TextEdit(next, 0, $"smlint-disable: [{id}]{newline}"));
            }
            var indent = content[..(content.Length - content.TrimStart().Length)];
            return ($"Disable {id} for this line", new TextEdit(start, 0, $"{indent}# smlint-disable-next-line {id}{newline}"));
        }
        // Before trailing spaces, so a Markdown hard line break stays one.
        var trimmed = content.TrimEnd();
        return ($"Disable {id} for this line", new TextEdit(start + trimmed.Length, 0, $" <!-- smlint-disable-line {id} -->"));
    }

    /// <summary>The 0-based line of the front matter's closing <c>---</c>, or null when the text has no front matter.</summary>
    private static int? FrontMatterEnd(string text)
    {
        using var lines = new StringReader(text);
        if (lines.ReadLine()?.TrimEnd() != "---") return null;
        for (var line = 1; lines.ReadLine() is { } content; line++)
        {
            if (content.TrimEnd() is "---" or "...") return line;
        }
        return null;
    }

    private static bool FrontMatterHasDisableKey(string text, int closing)
    {
        for (var line = 1; line < closing; line++)
        {
            if (TextPositions.Line(text, line).Text.StartsWith(Documents.Suppressions.FrontMatterKey + ":", StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
