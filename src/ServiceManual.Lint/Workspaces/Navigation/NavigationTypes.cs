using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Workspaces.Navigation;

/// <summary>A place in a site file: its path from the site root and a 1-based span.</summary>
internal sealed record Location(string Path, SourceSpan Span);

/// <summary>What a completion offers.</summary>
internal enum CompletionKind
{
    /// <summary>A rendered page's URL.</summary>
    Page,
    /// <summary>A static file's URL.</summary>
    File,
    /// <summary>An id a fragment can target.</summary>
    Anchor,
    /// <summary>A front matter value.</summary>
    Value,
}

/// <summary>One completion: <see cref="InsertText"/> replaces the text at <see cref="Replace"/> (what was typed so far).</summary>
internal sealed record CompletionItem(string Label, string InsertText, CompletionKind Kind, string? Detail, SourceSpan Replace);

/// <summary>Edits to one file's current text (offsets into that text, none overlapping).</summary>
internal sealed record FileEdit(string Path, IReadOnlyList<TextEdit> Edits);

/// <summary>Edits across the site, and the file move they go with, if any.</summary>
internal sealed record WorkspaceChange(IReadOnlyList<FileEdit> Edits, (string From, string To)? RenameFile);
