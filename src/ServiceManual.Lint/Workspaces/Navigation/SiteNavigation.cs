using System.Text;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Workspaces.Navigation;

/// <summary>
/// The editor's questions about one snapshot of a site (completion, definition, hover, references,
/// rename), answered as pure queries: links are resolved by the same <see cref="LinkResolver"/> as
/// the rules, so a definition goes where the site's server would send the reader. Positions are
/// 1-based lines and UTF-16 columns; edits are offsets into the texts <c>textOf</c> gives, and are
/// made only where that text is the one the snapshot parsed (its hash matches), never on a guess.
/// </summary>
internal sealed partial class SiteNavigation
{
    private readonly JekyllSite site;
    private readonly Func<string, string?> textOf;
    private readonly LinkResolver resolver;
    private readonly Lazy<Dictionary<string, List<LinkResolution>>> linksByTarget;

    /// <summary>Queries over <paramref name="site"/>; <paramref name="textOf"/> gives the current text of any site file (the editor's or the disk's).</summary>
    public SiteNavigation(JekyllSite site, Func<string, string?> textOf)
    {
        this.site = site;
        this.textOf = textOf;
        resolver = new LinkResolver(site);
        linksByTarget = new Lazy<Dictionary<string, List<LinkResolution>>>(ResolveAll);
    }

    /// <summary>Where the link at a position leads: the target file at its start, or the element a fragment names; null for external, dynamic or broken links.</summary>
    public Location? Definition(string path, int line, int column)
    {
        if (site.FindFile(path) is not { } page || LinkAt(page, line, column) is not { } link) return null;
        var resolution = resolver.Resolve(page, link);
        if (!Reaches(resolution) || resolution.Target is not { } target) return null;
        if (target.Page is { } targetPage && resolution.Outcome != LinkOutcome.FragmentMissing && !string.IsNullOrEmpty(resolution.Fragment)
            && AnchorDefinition(targetPage, resolution.Fragment, []) is { } anchor)
        {
            return anchor;
        }
        return new Location(target.Path, SourceSpan.FileStart);
    }

    /// <summary>Markdown about the link at a position: the target's title and URL, or why nothing is served there; null elsewhere.</summary>
    public string? Hover(string path, int line, int column)
    {
        if (site.FindFile(path) is not { } page || LinkAt(page, line, column) is not { } link) return null;
        var resolution = resolver.Resolve(page, link);
        var fragment = string.IsNullOrEmpty(resolution.Fragment) ? string.Empty : "#" + resolution.Fragment;
        switch (resolution.Outcome)
        {
            case LinkOutcome.Found or LinkOutcome.EscapesRoot or LinkOutcome.FragmentMissing when resolution.Target is { } target:
            {
                var text = new StringBuilder();
                if (target.Page is { } targetPage)
                {
                    text.Append("**").Append(EscapeMarkdown(targetPage.Title ?? System.IO.Path.GetFileName(target.Path))).Append("**\n\n");
                    text.Append('`').Append(site.UrlOf(targetPage)).Append(fragment).Append("` (").Append(EscapeMarkdown(target.Path)).Append(')');
                }
                else
                {
                    text.Append("Static file `").Append(site.WithBaseUrl("/" + Sites.Publishing.Permalinks.Escape(target.Path))).Append('`');
                }
                if (resolution.RedirectsTo is { } redirect) text.Append("\n\nReached through a redirect from `").Append(resolution.TargetPath).Append("` to `").Append(redirect).Append('`');
                if (resolution.Outcome == LinkOutcome.FragmentMissing) text.Append("\n\nThe page has no id `").Append(fragment).Append("`: the reader lands at its top.");
                return text.ToString();
            }
            case LinkOutcome.Missing:
                return $"Not served: nothing is served at `/{resolution.TargetPath}`"
                    + (resolution.CaseVariant is { } variant ? $"\n\nDid you mean `{variant}`?" : string.Empty);
            case LinkOutcome.NotServedBySite:
                return $"Not served: `/{resolution.TargetPath}` is outside the paths this site serves";
            case LinkOutcome.MissingLeadingSlash:
                return $"Not served from this page: `/{resolution.TargetPath}` is, with a leading slash";
            default:
                return null;
        }
    }

    /// <summary>
    /// Every link in the site to what is at a position: on a line that defines an id (a heading),
    /// the links to this page with that fragment; elsewhere, every link to this page (or static file), any fragment.
    /// </summary>
    public IReadOnlyList<Location> References(string path, int line, int column)
    {
        var page = site.FindFile(path);
        if (page is { Kind: FileKind.Template }) return []; // a layout's ids belong to every page that uses it
        if (page is null && !site.HasAsset(path)) return [];
        var id = page is null ? null : AnchorOnLine(page, line, column);
        return LinksTo(path)
            .Where(r => id is null || (r.Fragment == id && r.Outcome != LinkOutcome.FragmentMissing))
            .Select(r => new Location(r.Source.Path, r.Link.Span))
            .OrderBy(l => l.Path, StringComparer.Ordinal).ThenBy(l => l.Span.Line).ThenBy(l => l.Span.Column)
            .ToArray();
    }

    // Every link that takes a reader to the file at a path (broken fragments included: the page is reached).
    private IEnumerable<LinkResolution> LinksTo(string path) =>
        linksByTarget.Value.TryGetValue(path, out var links) ? links.Where(Reaches) : [];

    private static bool Reaches(LinkResolution resolution) =>
        resolution.Target is not null && resolution.Outcome is LinkOutcome.Found or LinkOutcome.EscapesRoot or LinkOutcome.FragmentMissing;

    // Every page's and template's links, resolved once for this snapshot, grouped by the file they reach.
    private Dictionary<string, List<LinkResolution>> ResolveAll()
    {
        var files = site.Pages.Concat(site.Templates).ToArray();
        var resolved = new LinkResolution[files.Length][];
        Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = files.Length < 1000 ? 1 : -1 }, i =>
        {
            var page = files[i];
            var links = resolved[i] = new LinkResolution[page.Links.Count];
            for (var j = 0; j < links.Length; j++) links[j] = resolver.Resolve(page, page.Links[j]);
        });
        var byTarget = new Dictionary<string, List<LinkResolution>>(StringComparer.Ordinal);
        foreach (var resolution in resolved.SelectMany(r => r))
        {
            if (resolution.Target is not { } target) continue;
            if (!byTarget.TryGetValue(target.Path, out var list)) byTarget[target.Path] = list = [];
            list.Add(resolution);
        }
        return byTarget;
    }

    // The link whose URL holds the position (the column just after its end counts: the cursor after a typed URL).
    private static Link? LinkAt(Page page, int line, int column)
    {
        foreach (var link in page.Links)
        {
            if (Contains(link.Span, line, column)) return link;
        }
        return null;
    }

    private static bool Contains(SourceSpan span, int line, int column) =>
        (line > span.Line || (line == span.Line && column >= span.Column)) && (line < span.EndLine || (line == span.EndLine && column <= span.EndColumn));

    // The id defined on a line of the page: a heading's, an attribute list's or an HTML id (the one
    // under the cursor when a line has several).
    private string? AnchorOnLine(Page page, int line, int column)
    {
        var onLine = page.Anchors.Where(a => a.Line == line).ToArray();
        if (onLine.Length <= 1) return onLine.FirstOrDefault()?.Id;
        if (LineText(page, line) is { } text)
        {
            foreach (var anchor in onLine)
            {
                for (var at = text.IndexOf(anchor.Id, StringComparison.Ordinal); at >= 0; at = text.IndexOf(anchor.Id, at + 1, StringComparison.Ordinal))
                {
                    if (column >= at + 1 && column <= at + 1 + anchor.Id.Length) return anchor.Id;
                }
            }
        }
        return onLine[0].Id;
    }

    // Where an id is defined for a page: in its own text, else in its includes or layout chain.
    private Location? AnchorDefinition(Page page, string id, HashSet<Page> visited)
    {
        if (!visited.Add(page)) return null;
        foreach (var anchor in page.Anchors)
        {
            if (anchor.Id == id && anchor.Line > 0) return new Location(page.Path, LineSpan(page, anchor.Line));
        }
        foreach (var include in page.Includes)
        {
            if (site.FindFile("_includes/" + include) is { } included && AnchorDefinition(included, id, visited) is { } found) return found;
        }
        var layout = page.Kind == FileKind.Page ? site.Output.LayoutOf(page) : page.Layout;
        return layout is not null && site.FindLayout(layout) is { } layoutPage ? AnchorDefinition(layoutPage, id, visited) : null;
    }

    // A whole line of a page, or its start when the current text is not the one parsed.
    private SourceSpan LineSpan(Page page, int line) =>
        LineText(page, line) is { } text ? new SourceSpan(line, 1, line, text.Length + 1) : new SourceSpan(line, 1, line, 1);

    private string? LineText(Page page, int line) => CurrentText(page) is { } text ? LineOf(page, text, line) : null;

    // A line of the page's current text (which may have been let go by the loader: its line index stays).
    private static string LineOf(Page page, string text, int line)
    {
        var starts = page.Source.LineStarts;
        if (line < 1 || line > starts.Length) return string.Empty;
        var start = starts[line - 1];
        var end = line < starts.Length ? starts[line] : text.Length;
        while (end > start && text[end - 1] is '\n' or '\r') end--;
        return text[start..end];
    }

    // The current text of a page when it is the text the snapshot parsed (so offsets and lines agree), else null.
    private string? CurrentText(Page page)
    {
        var text = textOf(page.Path);
        return text is not null && page.Source.Matches(text) ? text : null;
    }

    private static string EscapeMarkdown(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
