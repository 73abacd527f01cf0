using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Site;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// Links resolved on demand and once per run, shared by every rule: all links of the files being
/// linted (what link rules walk), and any other page's links when a rule asks (a breadcrumb
/// majority, a reciprocal phase link). A run over a few files resolves little more than their links.
/// </summary>
internal sealed class ResolvedLinks(JekyllSite site, Func<string, bool> isLinted, TimingRecorder timing)
{
    private readonly LinkResolver resolver = new(site);
    private readonly Dictionary<Page, LinkResolution[]> byPage = [];
    private IReadOnlyList<LinkResolution>? ofLinted;

    public IReadOnlyList<LinkResolution> OfLinted => ofLinted ??= timing.Separately("links", () =>
        site.Pages.Concat(site.Templates).Where(p => isLinted(p.Path)).SelectMany(Of).ToArray());

    public IReadOnlyList<LinkResolution> Of(Page page)
    {
        if (!byPage.TryGetValue(page, out var resolved))
        {
            resolved = new LinkResolution[page.Links.Count];
            for (var i = 0; i < resolved.Length; i++) resolved[i] = resolver.Resolve(page, page.Links[i]);
            byPage[page] = resolved;
        }
        return resolved;
    }

    public LinkResolution Resolve(Page page, Link link) =>
        byPage.TryGetValue(page, out var resolved) ? resolved.First(r => ReferenceEquals(r.Link, link)) : resolver.Resolve(page, link);

    /// <summary>The pages and templates whose content a file's link findings depend on (their ids).</summary>
    public IEnumerable<string> TargetsOf(Page page) =>
        Of(page).Select(r => r.Target?.Page?.Path).OfType<string>().Distinct(StringComparer.Ordinal);
}
