using System.Text.RegularExpressions;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Sites;
using ServiceManual.Lint.Sites.Publishing;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Workspaces.Navigation;

internal sealed partial class SiteNavigation
{
    /// <summary>
    /// What can be written at a position: inside a link target, the URLs the site serves (as its
    /// server serves them, relative when the target is typed relatively) or, after <c>#</c>, the ids
    /// of the target page; inside front matter, breadcrumb urls and the rule set's allowed values.
    /// Each item replaces what was typed so far of the target or value.
    /// </summary>
    public IReadOnlyList<CompletionItem> Complete(string path, int line, int column)
    {
        if (textOf(path) is not { } text) return [];
        var source = new SourceText(text);
        if (line < 1 || line > source.LineCount + 1) return [];
        var lineStart = source.GetLineStart(line);
        var lineText = source.GetLine(line);
        if (column < 1 || column > lineText.Length + 1) return [];
        var before = lineText[..(column - 1)];
        var page = site.FindFile(path);

        if (FrontMatterLines(source) is { } frontMatterEnd && line > 1 && line < frontMatterEnd)
        {
            return CompleteFrontMatter(source, line, before);
        }
        if (page is null || TargetBefore(before, page.IsMarkdown) is not { } typed) return [];
        var startColumn = column - typed.Text.Length;
        if (typed.Text.IndexOf('#') is var hash and >= 0)
        {
            var replace = new SourceSpan(line, startColumn + hash + 1, line, column);
            return CompleteFragment(page, typed with { Text = typed.Text[..hash] }, typed.Text[(hash + 1)..], replace);
        }
        return CompleteUrl(page, typed, new SourceSpan(line, startColumn, line, column));
    }

    private readonly record struct TypedTarget(string Text, LinkKind Kind, bool SourcePath);

    // The link target the cursor is typing, from the start of the target to the cursor, if it is in one.
    private static TypedTarget? TargetBefore(string before, bool markdown)
    {
        if (HtmlAttributePattern().Match(before) is { Success: true } attribute) return new TypedTarget(attribute.Groups["url"].Value, LinkKind.HtmlAttribute, false);
        if (LiquidLinkPattern().Match(before) is { Success: true } liquid) return new TypedTarget(liquid.Groups["path"].Value, LinkKind.Inline, true);
        if (!markdown) return null;
        if (DefinitionPattern().Match(before) is { Success: true } definition) return new TypedTarget(definition.Groups["url"].Value, LinkKind.ReferenceDefinition, false);
        var open = before.LastIndexOf("](", StringComparison.Ordinal);
        if (open < 0) return null;
        var typed = before[(open + 2)..];
        if (typed.StartsWith('<')) typed = typed[1..];
        // A blank, a closing parenthesis or bracket: the cursor is past the destination.
        return typed.AsSpan().IndexOfAny(" \t)>\"'") >= 0 ? null : new TypedTarget(typed, LinkKind.Inline, false);
    }

    private IReadOnlyList<CompletionItem> CompleteFragment(Page page, TypedTarget target, string typed, SourceSpan replace)
    {
        if (target.SourcePath) return [];
        Page? targetPage;
        if (target.Text.Length == 0) targetPage = page;
        else
        {
            var resolution = resolver.Resolve(page, new Link(target.Text, 0, target.Text.Length, replace, target.Kind));
            targetPage = resolution.Outcome is LinkOutcome.Found or LinkOutcome.EscapesRoot ? resolution.Target?.Page : null;
        }
        if (targetPage is null) return [];
        var own = targetPage.Anchors.Where(a => a.Line > 0).GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Line, StringComparer.Ordinal);
        return site.AnchorsOf(targetPage)
            .Where(id => id.StartsWith(typed, StringComparison.OrdinalIgnoreCase) && id.AsSpan().IndexOfAny(" \t\r\n()<>\"'#") < 0)
            .Order(StringComparer.Ordinal)
            .Select(id => new CompletionItem(id, id, CompletionKind.Anchor,
                own.TryGetValue(id, out var anchorLine) ? LineText(targetPage, anchorLine)?.Trim() ?? $"line {anchorLine}" : "from its layout or an include", replace))
            .ToArray();
    }

    private IReadOnlyList<CompletionItem> CompleteUrl(Page page, TypedTarget typed, SourceSpan replace)
    {
        if (typed.SourcePath) return CompleteSourcePath(typed.Text, replace);
        var text = typed.Text;
        if (text.Length == 0 || text.StartsWith('/'))
        {
            if (text.StartsWith("//", StringComparison.Ordinal)) return [];
            return Candidates(pagesOnly: false)
                .Where(c => c.Url.StartsWith(text, StringComparison.OrdinalIgnoreCase) && Lands(page, typed.Kind, c.Url, c.Source, replace))
                .Select(c => new CompletionItem(c.Url, c.Url, c.Kind, c.Detail, replace))
                .ToArray();
        }
        if (text.Contains(':')) return []; // a scheme: another site
        // Relative: the folder typed so far, from the folder of the page's URL.
        if (site.UrlOf(page) is not { } pageUrl) return [];
        var slash = text.LastIndexOf('/');
        var folderTyped = text[..(slash + 1)];
        var (folder, climbed) = LinkResolver.Normalise(pageUrl[..(pageUrl.LastIndexOf('/') + 1)] + folderTyped);
        if (climbed) return [];
        if (!folder.EndsWith('/')) folder += "/";
        var prefix = folder + text[(slash + 1)..];
        return Candidates(pagesOnly: false)
            .Where(c => c.Url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(c => (Candidate: c, Relative: folderTyped + c.Url[folder.Length..]))
            .Where(c => c.Relative.Length > 0 && Lands(page, typed.Kind, c.Relative, c.Candidate.Source, replace))
            .Select(c => new CompletionItem(c.Relative, c.Relative, c.Candidate.Kind, c.Candidate.Detail, replace))
            .ToArray();
    }

    // Whether a URL written on the page reaches the file without a finding (served, no redirect, inside the site's paths).
    private bool Lands(Page page, LinkKind kind, string url, string source, SourceSpan span)
    {
        var resolution = resolver.Resolve(page, new Link(url, 0, url.Length, span, kind));
        return resolution.Outcome == LinkOutcome.Found && resolution.RedirectsTo is null && resolution.Target?.Path == source;
    }

    // {% link path %} names a source file: the pages and static files, by their paths from the root.
    private IReadOnlyList<CompletionItem> CompleteSourcePath(string typed, SourceSpan replace) =>
        site.Pages.Where(p => site.Output.UrlOf(p) is not null).Select(p => new CompletionItem(p.Path, p.Path, CompletionKind.Page, p.Title, replace))
            .Concat(site.Assets.Order(StringComparer.Ordinal).Select(a => new CompletionItem(a, a, CompletionKind.File, null, replace)))
            .Where(c => c.Label.StartsWith(typed.TrimStart('/'), StringComparison.OrdinalIgnoreCase))
            .ToArray();

    private sealed record UrlCandidate(string Url, string Source, CompletionKind Kind, string? Detail);

    private UrlCandidate[]? candidates;

    // The URLs the site's own links use for each page and file (base URL in front, escaped), pages first.
    private UrlCandidate[] Candidates(bool pagesOnly)
    {
        var all = candidates ??= site.LinkableUrls
            .Select(l => new UrlCandidate(Permalinks.Escape(site.WithBaseUrl(l.Url)), l.File.Source, l.File.Page is null ? CompletionKind.File : CompletionKind.Page,
                l.File.Page is { } p ? p.Title : l.File.Source))
            .OrderBy(c => c.Kind).ThenBy(c => c.Url, StringComparer.Ordinal)
            .ToArray();
        return pagesOnly ? all.Where(c => c.Kind == CompletionKind.Page).ToArray() : all;
    }

    // The line the front matter's closing "---" is on, when the text starts with front matter.
    private static int? FrontMatterLines(SourceText source)
    {
        if (!source.GetLine(1).TrimEnd().Equals("---", StringComparison.Ordinal)) return null;
        for (var line = 2; line <= source.LineCount; line++)
        {
            if (source.GetLine(line).TrimEnd() is "---" or "...") return line;
        }
        return source.LineCount + 1; // not closed yet: the author is writing it
    }

    private IReadOnlyList<CompletionItem> CompleteFrontMatter(SourceText source, int line, string before)
    {
        var match = FrontMatterValuePattern().Match(before);
        if (!match.Success) return [];
        var key = match.Groups["key"].Success ? match.Groups["key"].Value : null;
        var typed = match.Groups["value"].Value;
        var quote = typed.Length > 0 && typed[0] is '"' or '\'' ? 1 : 0;
        var replace = new SourceSpan(line, before.Length - typed.Length + quote + 1, line, before.Length + 1);
        typed = typed[quote..];
        var indented = match.Groups["indent"].Length > 0 || match.Groups["item"].Success;
        var topKey = indented ? TopLevelKey(source, line) : key;
        if (topKey is null) return [];

        if (topKey == "breadcrumbs" && key == "url")
        {
            return Candidates(pagesOnly: true)
                .Where(c => c.Url.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(c => new CompletionItem(c.Url, c.Url, CompletionKind.Page, c.Detail, replace))
                .ToArray();
        }
        // A value of a top-level key, or an item of a list under one.
        if (!(key is not null && !indented) && !(key is null && match.Groups["item"].Success)) return [];
        IEnumerable<string> values;
        if (topKey == "layout") values = site.Templates.Where(t => t.Path.StartsWith("_layouts/", StringComparison.Ordinal)).Select(t => System.IO.Path.GetFileNameWithoutExtension(t.Path));
        else if (site.Configuration.SiteVocabulary.Values.TryGetValue(topKey, out var allowed)) values = allowed;
        else return [];
        return values.Distinct(StringComparer.Ordinal)
            .Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionItem(v, v, CompletionKind.Value, topKey, replace))
            .ToArray();
    }

    // The key at the start of a line above, unindented: the one an indented line belongs to.
    private static string? TopLevelKey(SourceText source, int line)
    {
        for (var above = line - 1; above >= 2; above--)
        {
            var text = source.GetLine(above);
            if (text.Length == 0 || text[0] is ' ' or '\t' or '-' or '#') continue;
            return TopLevelKeyPattern().Match(text) is { Success: true } key ? key.Groups["key"].Value : null;
        }
        return null;
    }

    [GeneratedRegex(@"\b(?:href|src)\s*=\s*[""'](?<url>[^""'\s]*)$", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAttributePattern();

    [GeneratedRegex(@"\{%-?\s*link\s+(?<path>[^\s%}]*)$")]
    private static partial Regex LiquidLinkPattern();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:[ \t]+<?(?<url>[^\s>]*)$")]
    private static partial Regex DefinitionPattern();

    [GeneratedRegex(@"^(?<indent>[ \t]*)(?<item>-[ \t]+)?(?:(?<key>[A-Za-z_][\w-]*):[ \t]*)?(?<value>[^\s#]*)$")]
    private static partial Regex FrontMatterValuePattern();

    [GeneratedRegex(@"^(?<key>[A-Za-z_][\w-]*):")]
    private static partial Regex TopLevelKeyPattern();
}
