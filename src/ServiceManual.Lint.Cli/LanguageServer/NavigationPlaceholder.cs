// Placeholder for ws-nav's SiteNavigation until that branch is merged: navigation answers nothing.
// Deleted by the merge of ws-nav.
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Workspaces.Navigation;

internal enum CompletionKind { Page, File, Fragment, Value }

internal sealed record CompletionItem(string Label, string InsertText, CompletionKind Kind, string? Detail, SourceSpan Replace);

internal sealed record Location(string Path, SourceSpan Span);

internal sealed record FileEdit(string Path, IReadOnlyList<TextEdit> Edits);

internal sealed record WorkspaceChange(IReadOnlyList<FileEdit> Edits, (string From, string To)? RenameFile);

internal sealed class SiteNavigation
{
    public SiteNavigation(JekyllSite site, Func<string, string?> textOf)
    {
        _ = (site, textOf);
    }

    public IReadOnlyList<CompletionItem> Complete(string path, int line, int column) => [];
    public Location? Definition(string path, int line, int column) => null;
    public string? Hover(string path, int line, int column) => null;
    public IReadOnlyList<Location> References(string path, int line, int column) => [];
    public WorkspaceChange? Rename(string path, int line, int column, string newName, out string? error)
    {
        error = "smlint: rename is not available yet";
        return null;
    }
    public WorkspaceChange RenameFile(string fromPath, string toPath) => new([], null);
}
