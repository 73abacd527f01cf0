using System.Collections.Concurrent;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// Links resolved on demand and once per run, shared by every rule: all links of the files being
/// linted (what link rules walk), and any other page's links when a rule asks (a breadcrumb
/// majority, a reciprocal phase link). A run over a few files resolves little more than their links.
/// Safe to share between rules running side by side.
/// </summary>
internal sealed class ResolvedLinks(IReadOnlyList<Page> lintedFiles, LinkResolver resolver, TimingRecorder timing)
{
    private readonly ConcurrentDictionary<Page, LinkResolution[]> byPage = new();
    private readonly Lock resolvingLinted = new();
    private LinkResolution[]? ofLinted;

    public IReadOnlyList<LinkResolution> OfCheckedFiles
    {
        get
        {
            if (Volatile.Read(ref ofLinted) is { } resolved) return resolved;
            // Resolved once: a rule that asks while another resolves them waits for it.
            lock (resolvingLinted) return ofLinted ??= timing.Separately("links", ResolveLinted);
        }
    }

    // Every link of the files being linted, in file order. A cold run resolves tens of thousands:
    // the files are resolved on every core (the resolver's memos are concurrent).
    private LinkResolution[] ResolveLinted()
    {
        var files = lintedFiles.Where(p => !byPage.ContainsKey(p)).ToArray();
        var resolved = new LinkResolution[files.Length][];
        Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = files.Length < 1000 ? 1 : -1 }, i =>
        {
            var page = files[i];
            var links = resolved[i] = new LinkResolution[page.Links.Count];
            for (var j = 0; j < links.Length; j++) links[j] = resolver.Resolve(page, page.Links[j]);
        });
        for (var i = 0; i < files.Length; i++) byPage.TryAdd(files[i], resolved[i]);
        return lintedFiles.SelectMany(Of).ToArray();
    }

    // Two rules asking for the same page at once may both resolve it; both get the one kept.
    public IReadOnlyList<LinkResolution> Of(Page page) => byPage.GetOrAdd(page, static (page, resolver) =>
    {
        var resolved = new LinkResolution[page.Links.Count];
        for (var i = 0; i < resolved.Length; i++) resolved[i] = resolver.Resolve(page, page.Links[i]);
        return resolved;
    }, resolver);

    public LinkResolution Resolve(Page page, Link link)
    {
        if (byPage.TryGetValue(page, out var resolved))
        {
            foreach (var resolution in resolved)
            {
                if (ReferenceEquals(resolution.Link, link)) return resolution;
            }
        }
        return resolver.Resolve(page, link);
    }

    /// <summary>The pages and templates whose content a file's link findings depend on (their ids).</summary>
    public IEnumerable<string> TargetsOf(Page page) =>
        Of(page).Select(r => r.Target?.Page?.Path).OfType<string>().Distinct(StringComparer.Ordinal);
}
