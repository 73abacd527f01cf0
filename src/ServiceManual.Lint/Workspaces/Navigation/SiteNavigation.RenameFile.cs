using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Rules;
using ServiceManual.Lint.Sites;
using ServiceManual.Lint.Sites.Publishing;

namespace ServiceManual.Lint.Workspaces.Navigation;

internal sealed partial class SiteNavigation
{
    /// <summary>
    /// The edits that keep every link to a page or static file working once it moves from
    /// <paramref name="fromPath"/> to <paramref name="toPath"/>, and the moved page's own relative
    /// links too. Each link keeps its form (relative or site-absolute, <c>.html</c> or trailing slash
    /// where still served, query and fragment); none changes where the URL stays (a <c>permalink:</c>).
    /// Every new link is read back from its edited text and resolved against the site as it is after
    /// the move: one that would not reach the moved file is left out. Edits to the moved page are
    /// for its text before the move, under <paramref name="fromPath"/>.
    /// </summary>
    public WorkspaceChange RenameFile(string fromPath, string toPath)
    {
        var edits = new Dictionary<string, List<TextEdit>>(StringComparer.Ordinal);
        var change = new WorkspaceChange([], (fromPath, toPath));
        if (fromPath == toPath || site.FindFile(toPath) is not null || site.HasAsset(toPath) || FileClassifier.IsTemplate(toPath) || !IsReadByJekyll(toPath)) return change;
        var page = site.FindFile(fromPath);
        if (page is null && !site.HasAsset(fromPath)) return change;
        if (page is { Kind: FileKind.Template }) return change;

        // The site once the file has moved: the page parsed again at its new path (its URL, defaults and permalink follow).
        JekyllSite moved;
        Page? movedPage = null;
        if (page is not null)
        {
            if (CurrentText(page) is not { } text || !FileClassifier.IsTextCandidate(toPath) || !FileClassifier.IsRendered(toPath, text, out _)) return change;
            movedPage = PageParser.Parse(toPath, FileKind.Page, text, site.Configuration.Markdown);
            var pages = site.Pages.Where(p => p != page).Append(movedPage).OrderBy(p => p.Path, StringComparer.Ordinal).ToArray();
            moved = new JekyllSite(site.Root, site.Configuration, pages, site.Templates, site.Assets, site.Problems, site.StaticMarkdown, site.Skipped);
        }
        else
        {
            var assets = site.Assets.Where(a => a != fromPath).Append(toPath);
            moved = new JekyllSite(site.Root, site.Configuration, site.Pages, site.Templates, assets, site.Problems, site.StaticMarkdown, site.Skipped);
        }
        var movedResolver = new LinkResolver(moved);

        // Links from elsewhere to the file, and the moved page's own links, each with where it must still lead.
        var work = new List<(LinkResolution Before, Page SourceAfter, Link LinkAfter, string Expected)>();
        foreach (var link in LinksTo(fromPath))
        {
            if (link.Source != page) work.Add((link, link.Source, link.Link, toPath));
        }
        // Read as the same kind of file, the moved text has the same links, in the same order.
        if (page is not null && movedPage is not null && page.IsMarkdown == movedPage.IsMarkdown && movedPage.Links.Count == page.Links.Count)
        {
            for (var i = 0; i < page.Links.Count; i++)
            {
                var before = resolver.Resolve(page, page.Links[i]);
                if (Reaches(before)) work.Add((before, movedPage, movedPage.Links[i], before.Target!.Path == fromPath ? toPath : before.Target.Path));
            }
        }

        foreach (var (before, sourceAfter, linkAfter, expected) in work)
        {
            var still = movedResolver.Resolve(sourceAfter, linkAfter);
            if (still.Outcome == before.Outcome && still.Target?.Path == expected) continue; // the URL still leads there
            if (CurrentText(before.Source) is not { } text) continue;
            var target = new ServedTarget(expected, moved.FindFile(expected));
            if (Rewrite(moved, movedResolver, text, before, sourceAfter, linkAfter, target) is not { } edit) continue;
            var path = before.Source == page ? fromPath : before.Source.Path;
            if (!edits.TryGetValue(path, out var list)) edits[path] = list = [];
            list.Add(edit);
        }
        return change with { Edits = ToFileEdits(edits) };
    }

    // A plain path inside the root that Jekyll reads (not hidden by its name, not excluded): else the moved file is not published.
    private bool IsReadByJekyll(string path)
    {
        var segments = path.Split('/');
        if (path.Length == 0 || segments.Any(s => s is "" or "." or "..") || path.Contains('\\')) return false;
        var configuration = site.Configuration;
        var filter = new ExcludeFilter(configuration.Exclude, configuration.Jekyll, configuration.JekyllExclude);
        for (var i = 0; i < segments.Length; i++)
        {
            if (filter.IsHiddenFromJekyll(segments[i], string.Join('/', segments[..i]))) return false;
        }
        return !filter.IsExcluded(path);
    }

    // The edit that makes a link reach the moved target in the form it was written, if one provably does.
    private static TextEdit? Rewrite(JekyllSite moved, LinkResolver movedResolver, string text, LinkResolution before, Page sourceAfter, Link linkAfter, ServedTarget target)
    {
        var link = before.Link;
        var written = text.Substring(link.Offset, link.Length);
        if (NewUrl(moved, before, sourceAfter, written, target) is not { } newUrl || newUrl == written) return null;
        var edit = new TextEdit(link.Offset, link.Length, newUrl);
        string? readBack;
        if (before.FromLiquid) readBack = written == link.Url ? newUrl : null; // Liquid's URL is its text as written
        else if (link.Kind == LinkKind.FrontMatter) readBack = written == link.Url && IsPlainYaml(newUrl) ? newUrl : null;
        else readBack = VerifiedFix.ReadBack(text, link, edit);
        if (readBack is null) return null;
        var after = movedResolver.Resolve(sourceAfter, linkAfter with { Url = readBack, Length = newUrl.Length });
        return after.Outcome == before.Outcome && after.Target?.Path == target.Path && after.RedirectsTo is null ? edit : null;
    }

    // The link's URL rewritten to reach the target in the site after the move, keeping its form.
    private static string? NewUrl(JekyllSite moved, LinkResolution before, Page sourceAfter, string written, ServedTarget target)
    {
        var from = before.Target!.Path;
        if (before.FromLiquid)
        {
            // {% link path %} names the source file: the path is what changes.
            var at = written.IndexOf(from, StringComparison.Ordinal);
            return written.Contains("{%", StringComparison.Ordinal) && at >= 0 && written.IndexOf(from, at + 1, StringComparison.Ordinal) < 0
                ? string.Concat(written.AsSpan(0, at), target.Path, written.AsSpan(at + from.Length)) : null;
        }
        if (!LinkRewriter.IsRewritable(before.Link)) return null;
        var suffix = LinkRewriter.Suffix(written);
        var pathPart = written[..^suffix.Length];
        if (pathPart.Length == 0) return null; // "#id" on the page itself: it moves along
        if (before.ViaOwnHost)
        {
            if (!Uri.TryCreate(pathPart, UriKind.Absolute, out var uri)) return null;
            var absolute = LinkRewriter.UrlFor(moved, target, uri.AbsolutePath);
            return absolute is null ? null : uri.GetLeftPart(UriPartial.Authority) + absolute + suffix;
        }
        var decoded = Unescape(pathPart) ?? pathPart;
        // jekyll-relative-links: a Markdown link that names the source file names the new one.
        if (NamesSourceFile(before.Source, decoded, from))
        {
            var newSource = decoded.StartsWith('/') ? "/" + target.Path : Relative(SourceFolder(sourceAfter.Path), "/" + target.Path);
            return Permalinks.Escape(newSource) + suffix;
        }
        var url = LinkRewriter.UrlFor(moved, target, pathPart);
        if (url is null) return null;
        // "/a/b" for "/a/b.html", where the server answers both: the link keeps leaving it out.
        if (!pathPart.EndsWith(".html", StringComparison.Ordinal) && !pathPart.EndsWith('/') && url.EndsWith(".html", StringComparison.Ordinal)
            && LinkRewriter.Reaches(moved, url[..^5], target))
        {
            url = url[..^5];
        }
        if (pathPart.StartsWith('/')) return url + suffix;
        if (moved.UrlOf(sourceAfter) is not { } pageUrl) return null;
        var relative = Relative(pageUrl[..(pageUrl.LastIndexOf('/') + 1)], url);
        if (pathPart.StartsWith("./", StringComparison.Ordinal) && !relative.StartsWith('.')) relative = "./" + relative;
        return relative + suffix;
    }

    private static bool NamesSourceFile(Page source, string decoded, string from)
    {
        var folder = SourceFolder(source.Path);
        var (path, climbed) = LinkResolver.Normalise(decoded.StartsWith('/') ? decoded : folder + decoded);
        return !climbed && path == "/" + from;
    }

    // "/a/b/" for "a/b/c.md", "/" for a file at the root.
    private static string SourceFolder(string path) => "/" + (path.LastIndexOf('/') is var slash and >= 0 ? path[..(slash + 1)] : string.Empty);

    /// <summary>The relative URL from a folder (<c>/a/b/</c>) to a site-absolute URL (<c>/a/c/d.html</c> gives <c>../c/d.html</c>).</summary>
    internal static string Relative(string folder, string url)
    {
        var from = folder.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var to = url[1..].Split('/');
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common]) common++;
        var relative = string.Concat(Enumerable.Repeat("../", from.Length - common)) + string.Join('/', to[common..]);
        return relative.Length == 0 ? "./" : relative;
    }

    // A URL that YAML reads as the same plain scalar in a breadcrumb.
    private static bool IsPlainYaml(string url) =>
        url.Length > 0 && url.All(c => char.IsAsciiLetterOrDigit(c) || "-._~/%!$&()*+,;=@?".Contains(c)) && url[0] is not ('!' or '&' or '*' or '%' or '?' or '-');
}
