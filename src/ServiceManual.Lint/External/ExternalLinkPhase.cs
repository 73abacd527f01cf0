using System.Text.RegularExpressions;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Rules;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.External;

/// <summary>How this run checks external links: settings, where the cache is, and the hooks of the caller.</summary>
internal sealed record ExternalRun(
    ExternalLinkSettings Settings,
    string CacheFolder,
    bool Refresh,
    IProgress<ExternalProgress>? Progress,
    Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? Connect);

/// <summary>An external link with the answer for its URL.</summary>
/// <param name="Link">The link as resolved (its page and position).</param>
/// <param name="Url">The URL requested (absolute, no fragment).</param>
/// <param name="Fragment">The decoded fragment, when the link has one.</param>
/// <param name="Result">The answer for <paramref name="Url"/>.</param>
internal sealed record ExternalLink(LinkResolution Link, string Url, string? Fragment, ExternalResult Result);

/// <summary>A rule about external links, run by the external phase once every URL has its answer.</summary>
internal interface IExternalLinkRule : IRule
{
    void Check(SiteContext context, IReadOnlyList<ExternalLink> links);
}

/// <summary>
/// The external phase, after the site's own rules: the distinct <c>http(s):</c> URLs of the files
/// being reported on (links to the site's own hosts stay with the site index), each asked once
/// (or answered from the cache), the answers mapped back to every link to them for the SM31x rules.
/// </summary>
internal static class ExternalLinkPhase
{
    public static (ExternalSummary Summary, string? CacheWarning) Run(JekyllSite site, ResolvedLinks links, Func<string, bool> isReported, ExternalRun run, Action<Diagnostic> report)
    {
        var settings = run.Settings;
        var excluded = settings.Exclude.Select(pattern => new Regex(pattern, ExternalUrls.PatternOptions)).ToArray();
        var found = new List<(LinkResolution Link, string Url, string? Fragment)>();
        var wantIds = new Dictionary<string, bool>(StringComparer.Ordinal);
        var excludedLinks = 0;
        foreach (var page in site.Pages.Concat(site.Templates))
        {
            if (!isReported(page.Path)) continue;
            foreach (var link in links.Of(page))
            {
                if (link.Outcome != LinkOutcome.External || link.ViaOwnHost || !ExternalUrls.TrySplit(link.Link.Url, out var url, out var fragment)) continue;
                if (excluded.Any(pattern => pattern.IsMatch(url))) { excludedLinks++; continue; }
                found.Add((link, url, fragment));
                wantIds[url] = (wantIds.TryGetValue(url, out var already) && already) || IsCheckable(fragment);
            }
        }

        var requests = wantIds.Select(entry => new ExternalRequest(entry.Key, entry.Value)).OrderBy(r => r.Url, StringComparer.Ordinal).ToArray();
        var now = DateTimeOffset.UtcNow;
        var cache = ExternalCache.Load(run.CacheFolder);
        var answers = new Dictionary<string, ExternalResult>(StringComparer.Ordinal);
        var toAsk = new List<ExternalRequest>();
        foreach (var request in requests)
        {
            if (!run.Refresh && cache.Find(request, settings, now) is { } kept) answers[request.Url] = kept;
            else toAsk.Add(request);
        }

        var requestsMade = 0;
        if (toAsk.Count > 0)
        {
            using var checker = new ExternalLinkChecker(settings, run.Connect);
            var answered = answers.Count;
            var lastReport = 0L;
            void Answered()
            {
                var done = Interlocked.Increment(ref answered);
                var nowTicks = Environment.TickCount64;
                var last = Volatile.Read(ref lastReport);
                // A few times a second is enough for a progress line.
                if (run.Progress is null || (nowTicks - last < 100 && done < requests.Length) || Interlocked.CompareExchange(ref lastReport, nowTicks, last) != last) return;
                run.Progress.Report(new ExternalProgress(done, requests.Length, checker.HostsWaiting));
            }
            run.Progress?.Report(new ExternalProgress(answered, requests.Length, 0));
            var results = Task.Run(() => checker.CheckAsync(toAsk, Answered, CancellationToken.None)).GetAwaiter().GetResult();
            for (var i = 0; i < toAsk.Count; i++) answers[toAsk[i].Url] = results[i];
            requestsMade = checker.Requests;
        }

        string? cacheWarning = null;
        if (toAsk.Count > 0)
        {
            try
            {
                cache.Save(answers, settings, now);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                cacheWarning = $"the external link cache could not be written ({e.Message}); the next run will ask again";
            }
        }

        var checkedLinks = found.Select(f => new ExternalLink(f.Link, f.Url, f.Fragment, answers[f.Url])).ToArray();
        foreach (var rule in RuleRegistry.BuiltIn.OfType<IExternalLinkRule>())
        {
            var severity = site.Configuration.SeverityOf(rule.Descriptor);
            if (severity == Severity.Off) continue;
            rule.Check(new SiteContext(site, rule, severity, links, isReported, [], report), checkedLinks);
        }

        var byStatus = answers.Values.GroupBy(a => a.Status).ToDictionary(g => g.Key, g => g.Count());
        var summary = new ExternalSummary(found.Count + excludedLinks, answers.Count, requestsMade, answers.Values.Count(a => a.FromCache), excludedLinks,
            byStatus.GetValueOrDefault(ExternalStatus.Ok), answers.Values.Count(a => a.Status == ExternalStatus.Ok && a.PermanentRedirect is not null),
            byStatus.GetValueOrDefault(ExternalStatus.Broken), byStatus.GetValueOrDefault(ExternalStatus.Unreachable), byStatus.GetValueOrDefault(ExternalStatus.Flaky));
        return (summary, cacheWarning);
    }

    /// <summary>
    /// Whether a fragment names an element to look for: not a text fragment (<c>#:~:text=</c>),
    /// a line range of a code host (<c>#L10-L20</c>) or an app route (<c>#/path</c>, <c>#!</c>), which
    /// no id in the page answers and browsers or scripts handle themselves.
    /// </summary>
    public static bool IsCheckable(string? fragment) =>
        fragment is { Length: > 0 } && fragment != "top" && !fragment.StartsWith(":~:", StringComparison.Ordinal)
        && !fragment.StartsWith('/') && !fragment.StartsWith('!') && !Regex.IsMatch(fragment, @"^L\d+(-L\d+)?$", RegexOptions.CultureInvariant);
}
