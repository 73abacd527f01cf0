using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Site;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Rules.Links;

/// <summary>SM301: a link to a page or file that the built site does not serve.</summary>
public sealed class LinkTargetMissingRule : ISiteRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM301", "link-target-missing", "Link target does not exist", "links", Severity.Error, IsFixable: true);

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        foreach (var link in context.Links)
        {
            if (link.Outcome != LinkOutcome.Missing || link.TargetPath is null || link.Link.Kind == LinkKind.FrontMatter) continue; // breadcrumbs: SM201
            var shown = "/" + link.TargetPath;
            var (suggestion, certain) = Suggest(context.Site, link.TargetPath);
            Fix? fix = null;
            string? hint = null;
            if (suggestion is not null)
            {
                var url = LinkRewriter.UrlFor(context.Site, suggestion, link.TargetPath);
                hint = $"did you mean '{url}'?";
                if (certain && LinkRewriter.IsRewritable(link.Link))
                {
                    var written = LinkRewriter.Written(link);
                    fix = LinkRewriter.Replace(link, url + LinkRewriter.Suffix(written), $"point the link at '{url}'");
                }
            }
            var what = link.Link.Kind == LinkKind.Image ? "image" : "page or file";
            context.Report(link, $"link target '{link.Link.Url}' does not exist: no {what} is served at '{shown}'", hint, fix);
        }
    }

    /// <summary>
    /// A page or asset the link probably meant: the only one with the same name elsewhere (moved),
    /// or the only one within two edits of the path (misspelt). Both are certain enough to fix.
    /// </summary>
    private static (ServedTarget? Target, bool Certain) Suggest(JekyllSite site, string missingPath)
    {
        var trimmed = missingPath.TrimEnd('/');
        var stem = trimmed.EndsWith(".html", StringComparison.Ordinal) ? trimmed[..^5] : trimmed;
        var name = stem[(stem.LastIndexOf('/') + 1)..];
        var isAsset = Path.HasExtension(name) && !trimmed.EndsWith(".html", StringComparison.Ordinal);

        // Misspellings are looked for among the neighbours in the same folder; moves anywhere.
        var folder = JekyllSite.FolderOf(stem);
        if (isAsset)
        {
            var sameName = site.AssetsNamed(name).Take(2).ToArray();
            if (sameName.Length == 1) return (new ServedTarget(sameName[0], null), true);
            var closeAsset = EditDistance.Closest(trimmed, site.AssetsIn(folder), 2);
            return closeAsset is { } a ? (new ServedTarget(a.Value, null), true) : (null, false);
        }

        var moved = site.PagesNamed(name).Take(2).ToArray();
        if (moved.Length == 1) return (new ServedTarget(moved[0].Path, moved[0]), true);

        var close = EditDistance.Closest(stem, site.ServedStemsIn(folder), Math.Max(2, stem.Length / 10));
        if (close is { } c && site.Resolve(c.Value) is { Page: not null } target) return (target, c.Distance <= 2);

        // "user-stories" for "writing-user-stories": a hint only, never a fix.
        var containing = site.ServedStemsIn(folder).Where(s => name.Length >= 4 && LastName(s).Contains(name, StringComparison.Ordinal)).Take(2).ToArray();
        return containing.Length == 1 && site.Resolve(containing[0]) is { Page: not null } contained ? (contained, false) : (null, false);
    }

    private static string LastName(string stem) => stem[(stem.LastIndexOf('/') + 1)..];

}
