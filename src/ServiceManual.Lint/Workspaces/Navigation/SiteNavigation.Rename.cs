using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Documents.Kramdown;
using ServiceManual.Lint.Rules;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Workspaces.Navigation;

internal sealed partial class SiteNavigation
{
    /// <summary>
    /// Gives the heading on a line new text, and rewrites every link to its id (and to any other id
    /// of the page the new text renumbers) to the id the site's Markdown dialect makes of it. An
    /// explicit id (<c>{#id}</c>, <c>{: #id}</c>) stays, so no link changes. Null, with
    /// <paramref name="error"/> saying why, when the position is not on a heading or the rename cannot be made exactly.
    /// </summary>
    public WorkspaceChange? Rename(string path, int line, int column, string newName, out string? error)
    {
        var change = RenameHeading(path, line, column, newName.Trim(), out error);
        return error is null ? change : null;
    }

    /// <summary>
    /// The text a rename at a position would replace (a heading's text, for the editor to select and
    /// offer), or null where <see cref="Rename"/> would refuse for want of a heading.
    /// </summary>
    public (SourceSpan Span, string Text)? PrepareRename(string path, int line, int column)
    {
        if (site.FindFile(path) is not { Kind: FileKind.Page, IsMarkdown: true } page || LinkAt(page, line, column) is not null) return null;
        if (CurrentText(page) is not { } text || HeadingText(page, text, line) is not var (start, length)) return null;
        return (page.Source.GetSpan(start, length), text.Substring(start, length));
    }

    private WorkspaceChange? RenameHeading(string path, int line, int column, string name, out string? error)
    {
        error = null;
        if (site.FindFile(path) is not { } page) return Fail($"'{path}' is not a page of the site", out error);
        if (LinkAt(page, line, column) is not null) return Fail("a link's target is not renamed here: rename the heading or the file it leads to", out error);
        if (page.Kind != FileKind.Page || !page.IsMarkdown) return Fail("only the headings of Markdown pages can be renamed", out error);
        if (CurrentText(page) is not { } text) return Fail($"'{path}' changed since the site was read", out error);
        if (HeadingText(page, text, line) is not var (start, length)) return Fail("not a heading: rename works on a heading's text", out error);
        if (name.Length == 0 || name.AsSpan().IndexOfAny('\r', '\n') >= 0) return Fail("the new heading text must be one line, not empty", out error);

        var headingEdit = new TextEdit(start, length, name);
        var editedText = VerifiedFix.Apply(text, [headingEdit]);
        Page edited;
        try
        {
            edited = PageParser.Parse(page.Path, page.Kind, editedText, site.Configuration.Markdown);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            return Fail("the page would not parse with the new heading", out error);
        }
        // The line must still be a heading that reads exactly as the new text (no closing hashes, no id in braces).
        if (HeadingText(edited, editedText, line) is not var (newStart, newLength) || editedText.AsSpan(newStart, newLength).SequenceEqual(name) is false)
        {
            return Fail($"'{name}' would not be read back as the heading's text", out error);
        }

        // Ids are numbered in document order: the new text can renumber the page's other repeats.
        var before = page.Anchors;
        var after = edited.Anchors;
        if (before.Count != after.Count || before.Zip(after).Any(p => p.First.Line != p.Second.Line))
        {
            return Fail("with the new text the heading would have no id (or the page's ids would change in a way links cannot follow)", out error);
        }
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var fromTemplates = TemplateAnchors(page);
        foreach (var (old, now) in before.Zip(after))
        {
            if (old.Id == now.Id) continue;
            if (before.Count(a => a.Id == old.Id) > 1) return Fail($"the id '{old.Id}' is on the page more than once", out error);
            if (after.Count(a => a.Id == now.Id) > 1 || fromTemplates.Contains(now.Id)) return Fail($"the new id '{now.Id}' is already used on this page", out error);
            renamed[old.Id] = now.Id;
        }

        var edits = new Dictionary<string, List<TextEdit>>(StringComparer.Ordinal) { [page.Path] = [headingEdit] };
        foreach (var (oldId, newId) in renamed)
        {
            foreach (var link in LinksTo(page.Path).Where(r => r.Fragment == oldId && r.Outcome != LinkOutcome.FragmentMissing))
            {
                if (CurrentText(link.Source) is not { } sourceText) return Fail($"'{link.Source.Path}' changed since the site was read", out error);
                if (FragmentEdit(sourceText, link, oldId, newId) is not { } edit)
                {
                    return Fail($"the link at {link.Source.Path}:{link.Link.Span} writes '#{oldId}' in a form that cannot be rewritten", out error);
                }
                if (!edits.TryGetValue(link.Source.Path, out var list)) edits[link.Source.Path] = list = [];
                list.Add(edit);
            }
        }
        if (edits.Values.Any(Overlap)) return Fail("the heading holds a link to itself: rename it by hand", out error);
        return new WorkspaceChange(ToFileEdits(edits), null);
    }

    private static WorkspaceChange? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }

    /// <summary>Where the text of the heading on a line is (offset and length in <paramref name="text"/>), when the line is a heading with an id.</summary>
    private (int Start, int Length)? HeadingText(Page page, string text, int line)
    {
        if (!page.Anchors.Any(a => a.Line == line)) return null;
        var lineText = LineOf(page, text, line);
        var lineStart = page.Source.LineStarts[line - 1];
        var at = 0;
        while (at < lineText.Length && lineText[at] is ' ' or '\t' or '>') at++; // indentation and block quote markers
        var options = site.Configuration.Markdown;
        ReadOnlySpan<char> content;
        ReadOnlySpan<char> headingText;
        if (at < lineText.Length && lineText[at] == '#')
        {
            var hashes = at;
            while (hashes < lineText.Length && lineText[hashes] == '#') hashes++;
            content = lineText.AsSpan(hashes);
            KramdownHeadingText.FromAtxContent(content, options.Input == MarkdownInput.Gfm && options.GfmParagraphEnd, out headingText);
        }
        else if (LineOf(page, text, line + 1).Trim() is { Length: > 0 } underline && (underline.All(c => c == '=') || underline.All(c => c == '-')))
        {
            content = lineText.AsSpan(at);
            KramdownHeadingText.FromSetextContent(content, out headingText);
        }
        else
        {
            return null;
        }
        if (headingText.IsEmpty || !lineText.AsSpan().Overlaps(headingText, out var offset)) return null;
        return (lineStart + offset, headingText.Length);
    }

    // The ids a page gets from its layout chain and includes.
    private HashSet<string> TemplateAnchors(Page page)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var include in page.Includes)
        {
            if (site.FindFile("_includes/" + include) is { } included) ids.UnionWith(site.AnchorsOf(included));
        }
        if (site.Output.LayoutOf(page) is { } layout && site.FindLayout(layout) is { } layoutPage) ids.UnionWith(site.AnchorsOf(layoutPage));
        return ids;
    }

    // The edit of the fragment a link writes: "#old-id" as it is, or percent-encoded (then the new id is too).
    private static TextEdit? FragmentEdit(string text, LinkResolution link, string oldId, string newId)
    {
        var written = text.Substring(link.Link.Offset, link.Link.Length);
        var hash = written.IndexOf('#');
        if (hash < 0) return null;
        var fragment = written[(hash + 1)..];
        var start = link.Link.Offset + hash + 1;
        if (fragment == oldId) return new TextEdit(start, oldId.Length, newId);
        // In Liquid ("{{ '/a/#old' | relative_url }}") the fragment ends at the quote.
        if (link.FromLiquid && fragment.StartsWith(oldId, StringComparison.Ordinal) && fragment[oldId.Length] is '\'' or '"') return new TextEdit(start, oldId.Length, newId);
        if (fragment.Contains('%') && Unescape(fragment) == oldId) return new TextEdit(start, fragment.Length, Uri.EscapeDataString(newId));
        return null;
    }

    private static string? Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    private static bool Overlap(List<TextEdit> edits)
    {
        var sorted = edits.OrderBy(e => e.Offset).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Offset < sorted[i - 1].Offset + sorted[i - 1].Length) return true;
        }
        return false;
    }

    private static FileEdit[] ToFileEdits(Dictionary<string, List<TextEdit>> edits) =>
        edits.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new FileEdit(e.Key, e.Value.OrderBy(edit => edit.Offset).ToArray()))
            .ToArray();
}
