using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// SM203: the same page carries different breadcrumb labels on different pages. The label equal to
/// the target page's title is canonical; otherwise the most common one. A label used the same way
/// everywhere is the site's choice, even if it differs from the title.
/// </summary>
internal sealed class BreadcrumbLabelRule : ISiteRule
{
    internal static readonly RuleMessage LabelDiffers = new("label-differs", "breadcrumb label '{label}' for {target} differs from '{canonical}', {why} ({usage})");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.BreadcrumbLabel, "breadcrumb-label", "Breadcrumb labels for the same page disagree", RuleCategory.Navigation, Severity.Warning, IsFixable: true) { IsThreadSafe = true, Messages = [LabelDiffers], Reads = SiteReads.Files | SiteReads.FrontMatter };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        // Only a rule set that says so makes breadcrumbs: lists trails (the Service Manual's does).
        if (!context.Configuration.SiteVocabulary.Breadcrumbs) return;
        // Keyed by the URL string itself, not its text: crumb URLs come from front matter, whose values
        // are pooled, so a URL repeated on thousands of pages is one string, found without hashing its
        // characters (a re-run walks every page's crumbs). An equal URL held in another string is
        // only resolved again.
        var targets = new Dictionary<string, Page?>(ReferenceEqualityComparer.Instance);
        // Every page's crumbs count towards the majority, but findings can only be on the pages being
        // linted: only the pages the linted pages' crumbs lead to are tallied (a re-run over one
        // changed page counts few labels). A crumb link carries its label, so only each page's
        // summary is read; trails are read in full only where a finding is. When every page is
        // linted, every target is wanted (null).
        HashSet<Page>? wanted = null;
        if (context.LintedPages.Count < context.Site.Pages.Count)
        {
            wanted = new HashSet<Page>(ReferenceEqualityComparer.Instance);
            foreach (var page in context.LintedPages)
            {
                foreach (var link in page.CrumbLinks)
                {
                    if (link.Text is not null && TargetOf(page, link) is { } target) wanted.Add(target);
                }
            }
            if (wanted.Count == 0) return;
        }
        if (wanted is not null && context.Site.Pages is { } pages && Indexes.GetValue(context.Site.Urls, _ => Index(context, pages, TargetOf)) is { } index
            && index.Pages.Count == pages.Count)
        {
            // A re-check of a few pages (an editor's keystroke): where every page's crumbs lead is
            // kept per set of URLs (the snapshots of an editor's keystrokes resolve them alike), and
            // only the pages swapped since it was made are read again.
            var wantedPaths = wanted.Select(t => t.Path).ToHashSet(StringComparer.Ordinal);
            var found = new List<(int Index, int Crumb, Link Link, string Target)>();
            var swapped = new List<int>();
            for (var i = 0; i < pages.Count; i++)
            {
                if (!ReferenceEquals(pages[i], index.Pages[i])) swapped.Add(i);
            }
            var swappedSet = swapped.ToHashSet();
            foreach (var path in wantedPaths)
            {
                if (!index.ByTarget.TryGetValue(path, out var entries)) continue;
                foreach (var entry in entries)
                {
                    if (!swappedSet.Contains(entry.Index)) found.Add((entry.Index, entry.Crumb, entry.Link, path));
                }
            }
            foreach (var i in swapped)
            {
                foreach (var entry in Entries(context, pages[i], i, TargetOf))
                {
                    if (wantedPaths.Contains(entry.Target)) found.Add((i, entry.Crumb, entry.Link, entry.Target));
                }
            }
            // In page order, then crumb order, as the walk below adds them (the usage's ties keep it).
            found.Sort((a, b) => a.Index != b.Index ? a.Index.CompareTo(b.Index) : a.Crumb.CompareTo(b.Crumb));
            Report([.. found.Select(f => (pages[f.Index], f.Link, context.Site.FindFile(f.Target)!))]);
            return;
        }
        // Sized for every crumb up front: a cold run lists tens of thousands.
        var crumbCount = 0;
        foreach (var page in context.Site.Pages) crumbCount += page.CrumbLinks.Count;
        var labelled = new List<(Page Page, Link Link, Page Target)>(wanted is null ? crumbCount : 0);
        foreach (var page in context.Site.Pages)
        {
            // A page's crumbs are its front matter's: read as such, so the read is declared (no front matter, no crumbs).
            if (context.FrontMatterOf(page) is null) continue;
            foreach (var link in page.CrumbLinks)
            {
                if (link.Text is null || TargetOf(page, link) is not { } target) continue;
                if (wanted is null || wanted.Contains(target)) labelled.Add((page, link, target));
            }
        }
        Report(labelled);

        void Report(List<(Page Page, Link Link, Page Target)> labelled)
        {
            var crumbs = labelled.GroupBy(c => c.Target);
            foreach (var group in crumbs)
            {
                var counts = group.GroupBy(c => c.Link.Text!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                if (counts.Count < 2) continue;
                var title = group.Key.Title;
                string canonical;
                string why;
                if (title is not null && counts.ContainsKey(title))
                {
                    canonical = title;
                    why = $"the title of {group.Key.Path}";
                }
                else
                {
                    var ranked = counts.OrderByDescending(c => c.Value).ToArray();
                    if (ranked[0].Value == ranked[1].Value) continue; // no majority: nothing certain to say
                    canonical = ranked[0].Key;
                    why = "the most common label";
                }
                var usage = string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"'{c.Key}' on {c.Value} page{(c.Value == 1 ? "" : "s")}"));
                foreach (var (page, link, _) in group.Where(c => c.Link.Text != canonical && context.IsLinted(c.Page.Path)))
                {
                    var crumb = Breadcrumbs.Of(page, context).First(b => b.Url is { IsNull: false } url && page.FrontMatter!.GetWrittenRange(url).Offset == link.Offset);
                    var frontMatter = crumb.Page.FrontMatter!;
                    context.Report(crumb.Page, crumb.Page.Path, frontMatter.GetSpan(crumb.Title!),
                        LabelDiffers.With(crumb.Title!.Value, context.Site.TreePath(group.Key), canonical, why, usage),
                        $"use '{canonical}'", YamlScalarEdit.Replace(frontMatter, crumb.Title!, canonical, $"relabel the breadcrumb '{canonical}'"));
                }
            }
        }

        // A site-absolute URL leads to the same page from every page (most crumbs share a few), so each is resolved once.
        Page? TargetOf(Page page, Link link)
        {
            if (!link.Url.StartsWith('/')) return Breadcrumb.TargetOf(context.Resolve(page, link));
            if (!targets.TryGetValue(link.Url, out var target)) targets[link.Url] = target = Breadcrumb.TargetOf(context.Resolve(page, link));
            return target;
        }
    }

    // The labelled crumbs of a page (its front matter's), each with the source path of the page it leads to.
    private static IEnumerable<(int Crumb, Link Link, string Target)> Entries(SiteContext context, Page page, int index, Func<Page, Link, Page?> targetOf)
    {
        if (context.FrontMatterOf(page) is null) yield break;
        for (var crumb = 0; crumb < page.CrumbLinks.Count; crumb++)
        {
            var link = page.CrumbLinks[crumb];
            if (link.Text is not null && targetOf(page, link) is { } target) yield return (crumb, link, target.Path);
        }
    }

    private static CrumbIndex Index(SiteContext context, IReadOnlyList<Page> pages, Func<Page, Link, Page?> targetOf)
    {
        var byTarget = new Dictionary<string, List<(int Index, int Crumb, Link Link)>>(StringComparer.Ordinal);
        for (var i = 0; i < pages.Count; i++)
        {
            foreach (var (crumb, link, target) in Entries(context, pages[i], i, targetOf))
            {
                if (!byTarget.TryGetValue(target, out var list)) byTarget[target] = list = [];
                list.Add((i, crumb, link));
            }
        }
        return new CrumbIndex(pages, byTarget);
    }

    // Every page's labelled crumbs by the source path they lead to, as the pages were when it was made.
    private sealed record CrumbIndex(IReadOnlyList<Page> Pages, Dictionary<string, List<(int Index, int Crumb, Link Link)>> ByTarget);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, CrumbIndex> Indexes = [];
}
