using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Sites;
using ServiceManual.Lint.Sites.Publishing;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Rules;

/// <summary>SM301: a link to a page or file that the site's server does not serve.</summary>
internal sealed class LinkTargetMissingRule : ILinkRule
{
    internal static readonly RuleMessage OutsidePaths = new("outside-paths", "link target '{url}' is not served by this site: '/{path}' is outside its paths ({paths})");
    internal static readonly RuleMessage LocalFile = new("local-file", "link target '{url}' is a file on the author's computer: readers never get it");
    internal static readonly RuleMessage TagTargetMissing = new("tag-target-missing", "'{url}' names '{path}', which is not a file of the site: Jekyll's build stops here");
    internal static readonly RuleMessage Missing = new("missing", "link target '{url}' does not exist: no {what} is served at '{served}'");
    internal static readonly RuleMessage MissingCaseVariant = new("missing-case-variant", "link target '{url}' does not exist: no {what} is served at '{served}'; '{variant}' differs only in case (it works on a case-insensitive disk, not on the server)");
    internal static readonly RuleMessage MissingOwnId = new("missing-own-id", "link target '{url}' does not exist: no {what} is served at '{served}'; '{url}' is an id on this page");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.LinkTargetMissing, "link-target-missing", "Link target does not exist", RuleCategory.Links, Severity.Error, IsFixable: true) { IsThreadSafe = true, Messages = [OutsidePaths, LocalFile, TagTargetMissing, Missing, MissingCaseVariant, MissingOwnId], Reads = SiteReads.Files | SiteReads.FrontMatter };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(LinkContext context)
    {
        var link = context.Link;
        if (link.Link.Kind == LinkKind.FrontMatter) return; // breadcrumbs: SM201
        switch (link.Outcome)
        {
            case LinkOutcome.Missing when link.TargetPath is not null:
                ReportMissing(context, link);
                break;
            case LinkOutcome.NotServedBySite:
            {
                var paths = string.Join(", ", context.Configuration.Paths);
                var hint = link.Correction is { } prefixed
                    ? $"did you mean '{prefixed}'?"
                    : "if another application on this host serves it, add its path prefix to 'site.external-paths' in smlint.yml";
                var fix = link.Correction is { } url
                    ? VerifiedFix.ForLink(context, link, url + LinkRewriter.Suffix(link.Link.Url), $"point the link at '{url}'") : null;
                context.Report(OutsidePaths.With(link.Link.Url, link.TargetPath, paths), hint, fix);
                break;
            }
            case LinkOutcome.LocalFile:
                context.Report(LocalFile.With(link.Link.Url),
                    "link to a page or file of the site (a site-absolute path), or to an https: URL");
                break;
        }
    }

    private static void ReportMissing(LinkContext context, LinkResolution link)
    {
        var site = context.Site;
        var what = link.Link.Kind == LinkKind.Image ? "image" : "page or file";
        if (link.FromLiquid && IsTagTarget(link))
        {
            context.Report(TagTargetMissing.With(link.Link.Url, link.TargetPath));
            return;
        }
        var served = site.WithBaseUrl("/" + link.TargetPath);
        var message = Missing.With(link.Link.Url, what, served);
        // The URL's query and fragment, kept by every rewrite. (A fix is only made where the URL is
        // written literally, so the decoded URL's suffix is the written one; reading the written
        // text back costs a file read, and most broken links get no fix.)
        var written = link.Link.Url;
        if (link.CaseVariant is { } variant)
        {
            var fix = VerifiedFix.ForLink(context, link, variant + LinkRewriter.Suffix(written), $"point the link at '{variant}'");
            context.Report(MissingCaseVariant.With(link.Link.Url, what, served, variant), $"write '{variant}'", fix);
            return;
        }
        if (link.Correction is { } correction)
        {
            var fix = VerifiedFix.ForLink(context, link, correction, $"write '{correction}'", external: true);
            context.Report(message, $"did you mean '{correction}'?", fix);
            return;
        }
        // "licensing-rights" for "#licensing-rights": a relative name that is an id of this very page.
        if (!link.Link.Url.Contains('/') && !link.Link.Url.Contains('.') && !link.Link.Url.Contains('#') && link.Source.Kind == FileKind.Page
            && context.HasAnchor(link.Source, link.Link.Url))
        {
            var anchor = "#" + link.Link.Url;
            var fix = VerifiedFix.ForLink(context, link, anchor, $"point the link at '{anchor}' on this page", expected: link.Source.Path);
            context.Report(MissingOwnId.With(link.Link.Url, what, served), $"did you mean '{anchor}'?", fix);
            return;
        }
        var (suggestion, certain) = Suggest(site, link);
        if (suggestion is null || LinkRewriter.UrlFor(site, suggestion, link.TargetPath!) is not { } url)
        {
            context.Report(message);
            return;
        }
        Fix? edit = null;
        if (certain)
        {
            // Offered only if the new URL, fragment included, is served and lands on the suggestion.
            edit = VerifiedFix.ForLink(context, link, url + LinkRewriter.Suffix(written), $"point the link at '{url}'", expected: suggestion.Path);
        }
        context.Report(message, $"did you mean '{url}'?", edit);
    }

    private static bool IsTagTarget(LinkResolution link) =>
        link.Link.Url.Contains("link " + link.TargetPath, StringComparison.Ordinal) || link.Link.Url.Contains("post_url " + link.TargetPath, StringComparison.Ordinal);

    /// <summary>
    /// The page or file the link most likely meant, ranked as authors fix links: the same page in
    /// another form (<c>/a.html</c> for <c>/a/</c>, a <c>.md</c> source path); the only page or file
    /// with that name elsewhere (moved); the only one within two edits in the same folder, then in the
    /// site (misspelt); the only page titled as the link's text. Those are certain; a name that contains
    /// the written one is a hint.
    /// </summary>
    private static (ServedTarget? Target, bool Certain) Suggest(JekyllSite site, LinkResolution link)
    {
        var index = Indexes.GetValue(site.Urls, _ => new CandidateIndex(site));
        // The same broken URL is often written on many pages: each distinct one is worked out once
        // per snapshot (a page's title, which the last step reads, may differ in the next).
        return Suggestions.GetValue(site, static _ => new()).GetOrAdd((link.TargetPath!, link.Link.Text), static (key, state) => Suggest(state.site, state.index, key.Path, key.Text), (site, index));
    }

    private static (ServedTarget? Target, bool Certain) Suggest(JekyllSite site, CandidateIndex index, string targetPath, string? linkText)
    {
        var stem = StemOf("/" + targetPath);

        // The same page written in a form the server does not serve, or by its source path.
        if (Unique(site, index.ByStem[stem]) is { } sameStem) return (sameStem, true);

        var name = stem[(stem.LastIndexOf('/') + 1)..];
        var folder = stem[..(stem.LastIndexOf('/') + 1)];
        var nearby = index.ByFolder[folder];
        if (name.Length > 0)
        {
            if (Unique(site, index.ByName[name]) is { } moved) return (moved, true);

            var limit = Math.Max(2, name.Length / 10);
            if (EditDistance.Closest(name, nearby.Select(c => NameOf(c.Url)).Distinct(StringComparer.Ordinal), limit) is { } close
                && Unique(site, nearby.Where(c => NameOf(c.Url) == close.Value)) is { } misspelt)
            {
                return (misspelt, close.Distance <= 2);
            }
            if (name.Length >= 5 && EditDistance.Closest(name, index.NamesNear(name.Length), 2) is { } far && Unique(site, index.ByName[far.Value]) is { } elsewhere)
            {
                return (elsewhere, true);
            }
        }

        if (PageTitled(site, linkText) is { } titled) return (new ServedTarget(titled.Path, titled), true);

        // "user-stories" for "writing-user-stories": a hint only, never a fix.
        if (name.Length >= 4 && Unique(site, nearby.Where(c => NameOf(c.Url).Contains(name, StringComparison.Ordinal))) is { } containing)
        {
            return (containing, false);
        }
        return (null, false);
    }

    // Built once per set of URLs (JekyllSite.Urls), on the first broken link: a site with thousands
    // of them asks thousands of times, and an editor's snapshots, one per keystroke, share one.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, CandidateIndex> Indexes = [];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JekyllSite, System.Collections.Concurrent.ConcurrentDictionary<(string Path, string? Text), (ServedTarget? Target, bool Certain)>> Suggestions = [];

    /// <summary>The site's linkable URLs by stem (every form of one page), by last name, and by folder.</summary>
    private sealed class CandidateIndex
    {
        public CandidateIndex(JekyllSite site)
        {
            var candidates = site.LinkableUrls;
            ByStem = candidates.SelectMany(c => c.File.Page is null ? [(Key: StemOf(c.Url), c)] : new[] { (Key: StemOf(c.Url), c), (Key: "/" + SourceStem(c.File.Source), c) })
                .Distinct().ToLookup(k => k.Key, k => k.c, StringComparer.Ordinal);
            ByName = candidates.ToLookup(c => NameOf(c.Url), StringComparer.Ordinal);
            ByFolder = candidates.ToLookup(c => { var stem = StemOf(c.Url); return stem[..(stem.LastIndexOf('/') + 1)]; }, StringComparer.Ordinal);
            namesByLength = ByName.Select(g => g.Key).ToLookup(name => name.Length);
        }

        private readonly ILookup<int, string> namesByLength;

        /// <summary>The names within two letters of this length: the only ones two edits can reach.</summary>
        public IEnumerable<string> NamesNear(int length) => Enumerable.Range(length - 2, 5).SelectMany(l => namesByLength[l]);

        public ILookup<string, (string Url, OutputFile File)> ByStem { get; }

        public ILookup<string, (string Url, OutputFile File)> ByName { get; }

        public ILookup<string, (string Url, OutputFile File)> ByFolder { get; }
    }

    /// <summary>The one published page whose title is the link's text (ignoring case), if exactly one is.</summary>
    internal static Page? PageTitled(JekyllSite site, string? text)
    {
        if (text is null || text.Trim().Length <= 3) return null;
        var title = text.Trim();
        // The shared parses by title, kept per set of URLs (an editor's keystroke makes a snapshot
        // with one page swapped, whose title may be the one that changed): a shared parse counts
        // while the snapshot still has it, and the snapshot's swapped pages are looked at one by one.
        var (swapped, shared) = site.PagesByOrigin;
        var byTitle = PagesByTitle.GetValue(site.Urls, _ => shared.Where(p => p.Title is not null).ToLookup(p => p.Title!.Trim(), StringComparer.OrdinalIgnoreCase));
        Page? found = null;
        foreach (var page in byTitle[title].Concat(swapped.Where(p => p.Title is not null && string.Equals(p.Title.Trim(), title, StringComparison.OrdinalIgnoreCase))))
        {
            if (!ReferenceEquals(site.FindFile(page.Path), page) || site.Output.UrlOf(page) is null) continue;
            if (found is not null) return null;
            found = page;
        }
        return found;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, ILookup<string, Page>> PagesByTitle = [];

    // The one target among candidates (several URLs of one file count once), or null.
    private static ServedTarget? Unique(JekyllSite site, IEnumerable<(string Url, OutputFile File)> candidates)
    {
        OutputFile? found = null;
        foreach (var (_, file) in candidates)
        {
            if (found is not null && found.Source != file.Source) return null;
            found ??= file;
        }
        // The index may come from an earlier snapshot of the same URLs: the page is this one's parse.
        return found is null ? null : new ServedTarget(found.Source, found.Page is null ? null : site.FindFile(found.Source) ?? found.Page);
    }

    // "/a/b.html", "/a/b/", "/a/b/index.html", "/a/b.md" and "/a/b" all come to "/a/b".
    private static string StemOf(string url)
    {
        var stem = url;
        foreach (var ending in (ReadOnlySpan<string>)["/index.html", "/index", ".html", ".md", ".markdown"])
        {
            if (stem.EndsWith(ending, StringComparison.Ordinal)) { stem = stem[..^ending.Length]; break; }
        }
        stem = stem.TrimEnd('/');
        return stem.Length == 0 ? "/" : stem;
    }

    private static string NameOf(string url)
    {
        var stem = StemOf(url);
        return stem[(stem.LastIndexOf('/') + 1)..];
    }

    // A source path as its page's stem: "a/b.md" is "a/b", "a/index.md" is "a", "index.md" is "".
    private static string SourceStem(string path)
    {
        var stem = JekyllSite.Stem(path);
        return stem == "index" ? string.Empty : stem.EndsWith("/index", StringComparison.Ordinal) ? stem[..^6] : stem;
    }
}
