using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Tests.Differential;

/// <summary>
/// The differential test: a generated Jekyll site (<see cref="DifferentialSite"/>) is built by the
/// real Jekyll and served by a real server; every link in every built page is requested as a
/// browser would, and the set of links the server fails must be exactly the set smlint reports as
/// errors (rules SM3xx), link for link, keyed by (source file, line).
/// </summary>
[Category("Differential")]
[NonParallelizable]
public sealed class DifferentialTests
{
    private static readonly Variant[] Variants =
    [
        new("kramdown+jekyll-serve", Gfm: false, Serving.JekyllServe),
        new("kramdown+app.rb", Gfm: false, Serving.AppRb),
        new("gfm+jekyll-serve", Gfm: true, Serving.JekyllServe),
        new("gfm+app.rb", Gfm: true, Serving.AppRb),
        new("gfm+jekyll-serve+baseurl", Gfm: true, Serving.JekyllServe, BaseUrl: "/base"),
        new("gfm+jekyll-serve+pretty", Gfm: true, Serving.JekyllServe, Permalink: "pretty"),
        new("gfm+jekyll-serve+collections_dir", Gfm: true, Serving.JekyllServe, CollectionsDir: "coll"),
    ];

    private static readonly string[] ForbiddenSchemes = ["file", "javascript", "vbscript", "data"];

    private string? root;

    [TearDown]
    public void DeleteSite()
    {
        if (root is not null && Directory.Exists(root) && Environment.GetEnvironmentVariable("SMLINT_KEEP_DIFFERENTIAL_SITE") is null)
            Directory.Delete(root, recursive: true);
    }

    private static IEnumerable<string> VariantNames => Variants.Select(v => v.Name);

    [TestCaseSource(nameof(VariantNames))]
    public async Task Smlint_fails_exactly_the_links_the_server_fails(string variantName)
    {
        var variant = Variants.Single(v => v.Name == variantName);
        await RequireToolsAsync(variant);
        root = Path.Combine(Path.GetTempPath(), "smlint-differential-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var files = DifferentialSite.Generate(root, variant);

        var requested = await BuildAndRequestAsync(variant, root, files);

        // smlint, in process, on the same source (it skips _site by default).
        var lint = Linter.Lint(new LintOptions { Root = root });
        var smlintErrors = lint.Diagnostics
            .Where(d => d.Severity == Severity.Error && d.Rule.Id.StartsWith("SM3", StringComparison.Ordinal))
            .GroupBy(d => (d.Path, d.Span.Line))
            .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(d => $"{d.Rule.Id} {d.Message}")));
        var rows = requested.Select(r =>
        {
            smlintErrors.TryGetValue((r.Link.Path, r.Link.Line), out var smlint);
            return new Row(r.Link, r.Href, r.Verdict, smlint);
        }).ToList();

        // smlint errors on lines that hold no generated link are disagreements too.
        var known = rows.Select(r => (r.Link.Path, r.Link.Line)).ToHashSet();
        var stray = smlintErrors.Where(e => !known.Contains(e.Key))
            .Select(e => new Row(new SourceLink(e.Key.Path, e.Key.Line, "(no generated link on this line)"), null, new Verdict(true, false, "-", "passes: no link here"), e.Value))
            .ToList();

        var compared = rows.Where(r => r.Verdict.Checked).ToList();
        var disagreements = compared.Concat(stray).Where(r => r.Verdict.Fails != (r.Smlint is not null)).OrderBy(r => r.Link.Path, StringComparer.Ordinal).ThenBy(r => r.Link.Line).ToList();
        var report = new StringBuilder();
        report.AppendLine($"{variant.Name}: {compared.Count} links compared ({rows.Count - compared.Count} not checked: mailto/tel/other hosts), " +
                          $"{compared.Count(r => r.Verdict.Fails)} fail on the server, {compared.Count - disagreements.Count + stray.Count} agreements, {disagreements.Count} disagreements");
        report.AppendLine($"{"variant",-26} | {"file:line",-40} | {"written link",-50} | {"requested",-60} | {"server",-40} | smlint");
        foreach (var row in disagreements)
            report.AppendLine($"{variant.Name,-26} | {row.Link.Path + ":" + row.Link.Line,-40} | {row.Link.Written,-50} | {row.Verdict.Requested,-60} | {row.Verdict.Detail,-40} | {row.Smlint ?? "passed"}");
        var text = report.ToString();
        var all = new StringBuilder("file\tline\twritten\thref\trequested\tserver fails\tserver\tsmlint\n");
        foreach (var row in rows.Concat(stray))
            all.Append(CultureInfo.InvariantCulture, $"{row.Link.Path}\t{row.Link.Line}\t{row.Link.Written}\t{row.Href}\t{row.Verdict.Requested}\t{(row.Verdict.Checked ? row.Verdict.Fails ? "yes" : "no" : "not checked")}\t{row.Verdict.Detail}\t{row.Smlint ?? "passed"}\n");
        await File.WriteAllTextAsync(Path.Combine(TestContext.CurrentContext.WorkDirectory, $"differential-{variant.Name.Replace('+', '-')}-all.tsv"), all.ToString());
        var reportFile = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"differential-{variant.Name.Replace('+', '-')}.txt");
        await File.WriteAllTextAsync(reportFile, text);
        await TestContext.Out.WriteLineAsync(text);

        Assert.That(compared, Has.Count.GreaterThanOrEqualTo(400), "too few links compared for the test to mean much");
        Assert.That(disagreements, Is.Empty, text);
    }

    // The after-fix runs: pretty permalinks, posts and a collection (every generated site has both),
    // under both serving styles.
    private static readonly Variant[] FixVariants =
    [
        new("gfm+jekyll-serve+pretty", Gfm: true, Serving.JekyllServe, Permalink: "pretty"),
        new("kramdown+app.rb+pretty", Gfm: false, Serving.AppRb, Permalink: "pretty"),
    ];

    private static IEnumerable<string> FixVariantNames => FixVariants.Select(v => v.Name);

    /// <summary>
    /// --fix on the generated site, then Jekyll builds it again and every link is requested again:
    /// no link the server served before is broken after, and every link a fix rewrote is served.
    /// </summary>
    [TestCaseSource(nameof(FixVariantNames))]
    public async Task After_fix_no_served_link_breaks_and_every_fixed_link_is_served(string variantName)
    {
        var variant = FixVariants.Single(v => v.Name == variantName);
        await RequireToolsAsync(variant);
        root = Path.Combine(Path.GetTempPath(), "smlint-differential-fix-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var files = DifferentialSite.Generate(root, variant);
        var before = (await BuildAndRequestAsync(variant, root, files)).ToDictionary(r => r.Link, r => r.Verdict);

        var report = Fixing.FixApplier.Apply(Linter.Lint(new LintOptions { Root = root }));
        Assert.That(report.Refused, Is.Empty);
        // One link a line: a fix's finding names the line of the link it rewrote.
        var fixedLines = report.Applied.Where(d => d.Rule.Id.StartsWith("SM3", StringComparison.Ordinal)).Select(d => (d.Path, d.Span.Line)).ToHashSet();
        Assert.That(fixedLines, Has.Count.GreaterThanOrEqualTo(10), "too few fixes for the test to mean much");

        var after = (await BuildAndRequestAsync(variant, root, files)).ToDictionary(r => r.Link, r => r.Verdict);
        var problems = new StringBuilder();
        foreach (var (link, verdict) in after.Where(a => a.Value.Checked).OrderBy(a => a.Key.Path, StringComparer.Ordinal).ThenBy(a => a.Key.Line))
        {
            var wasServed = before.TryGetValue(link, out var old) && old.Checked && !old.Fails;
            var isFixed = fixedLines.Contains((link.Path, link.Line));
            if (verdict.Fails && (wasServed || isFixed))
            {
                var now = File.ReadLines(Path.Combine(root, link.Path)).ElementAt(link.Line - 1);
                problems.AppendLine($"{link.Path}:{link.Line}: {(isFixed ? "fixed" : "served before")}, now '{now.Trim()}' fails: {verdict.Requested} {verdict.Detail}");
            }
        }
        var fixedServed = fixedLines.Count(l => after.Any(a => (a.Key.Path, a.Key.Line) == l && a.Value.Checked && !a.Value.Fails));
        await TestContext.Out.WriteLineAsync($"{variant.Name}: {report.Applied.Count} fixes in {report.FilesChanged.Count} files; {fixedServed} of {fixedLines.Count} fixed links served after the rebuild; {after.Count} links requested");
        Assert.That(problems.ToString(), Is.Empty);
    }

    /// <summary>
    /// Builds the site with Jekyll (into a fresh <c>_site</c>), serves it, and requests every link of
    /// every built page as a browser would: the server's verdict for each generated link.
    /// </summary>
    private static async Task<List<(SourceLink Link, string? Href, Verdict Verdict)>> BuildAndRequestAsync(Variant variant, string root, IReadOnlyList<SourceFile> files)
    {
        var siteFolder = Path.Combine(root, "_site");
        if (Directory.Exists(siteFolder)) Directory.Delete(siteFolder, recursive: true);
        var (exitCode, buildLog) = await Processes.RunAsync("jekyll", ["build", "-s", root, "-d", siteFolder, "--disable-disk-cache"], root);
        Assert.That(exitCode, Is.Zero, $"jekyll build failed:\n{buildLog}");

        // Every built page: its source file (page.path), its URL (page.url) and its links in <main>, in document order.
        var parser = new HtmlParser();
        var built = new Dictionary<string, (string Url, List<string> Links)>(StringComparer.Ordinal);
        var sources = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var html in Directory.EnumerateFiles(siteFolder, "*.html", SearchOption.AllDirectories))
        {
            using var document = parser.ParseDocument(await File.ReadAllTextAsync(html));
            var path = document.QuerySelector("meta[name=smlint-page-path]")?.GetAttribute("content");
            var url = document.QuerySelector("meta[name=smlint-page-url]")?.GetAttribute("content");
            if (path is null || url is null) continue;
            // A document's page.path leaves out the collections_dir it is in.
            if (variant.CollectionsDir is { } collectionsDir && !sources.Contains(path) && sources.Contains(collectionsDir + "/" + path)) path = collectionsDir + "/" + path;
            var links = document.QuerySelector("main")!.QuerySelectorAll("[href], [src]")
                .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).ToList();
            Assert.That(built.TryAdd(path, (url, links)), $"two built pages claim the source {path}");
        }

        // The zip of the generator's record with the built links must be honest: same pages, same counts.
        var rendered = files.Where(f => f.ExpectRendered).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var harness = new List<string>();
        foreach (var file in files)
        {
            if (built.TryGetValue(file.Path, out var page) != file.ExpectRendered)
            {
                harness.Add(file.ExpectRendered ? $"{file.Path}: expected Jekyll to render it, but no built page came from it" : $"{file.Path}: expected Jekyll not to render it, but it built {page.Url}");
                continue;
            }
            if (file.ExpectRendered && page.Links.Count != file.Links.Count)
                harness.Add($"{file.Path} ({page.Url}): wrote {file.Links.Count} links, built page has {page.Links.Count}:\n  " +
                            string.Join("\n  ", Enumerable.Range(0, Math.Max(page.Links.Count, file.Links.Count)).Select(i =>
                                $"{(i < file.Links.Count ? file.Links[i].Written : "-"),-50} {(i < page.Links.Count ? page.Links[i] : "-")}")));
        }
        Assert.That(harness, Is.Empty, "the generator's record of links does not match the built site:\n" + string.Join("\n", harness));

        var baseUrl = variant.BaseUrl.TrimEnd('/');
        var rows = new List<(SourceLink Link, string? Href, Verdict Verdict)>();
        using (var server = await StartServerAsync(variant, root))
        using (var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 10, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) })
        {
            var browser = new Browser(client, variant, server.Port, siteFolder, baseUrl);
            var work = new List<(SourceLink Link, string? Href, Uri? Reader)>();
            foreach (var file in files)
            {
                if (!file.ExpectRendered)
                {
                    work.AddRange(file.Links.Select(l => (l, (string?)null, (Uri?)null)));
                    continue;
                }
                var page = built[file.Path];
                var reader = new Uri($"http://127.0.0.1:{server.Port}{ReaderPath(variant, baseUrl, page.Url)}");
                work.AddRange(file.Links.Zip(page.Links, (l, href) => (l, (string?)href, (Uri?)reader)));
            }
            var verdicts = new ConcurrentDictionary<SourceLink, Verdict>();
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) =>
                verdicts[item.Link] = item.Href is null
                    ? new Verdict(true, false, "-", "passes: the file is not rendered, so the link is never served")
                    : await browser.CheckAsync(item.Href, item.Reader!));
            rows.AddRange(work.Select(item => (item.Link, item.Href, verdicts[item.Link])));
        }

        return rows;
    }

    /// <summary>
    /// The URL a reader is at on a page, which relative links resolve against. Under <c>jekyll serve</c>
    /// it is <c>page.url</c> (after the baseurl); under app.rb it is the URL the site's own links use:
    /// <c>page.url</c> without <c>.html</c>, without a trailing <c>/index.html</c> or slash (the root stays <c>/</c>).
    /// </summary>
    private static string ReaderPath(Variant variant, string baseUrl, string pageUrl)
    {
        if (variant.Serving == Serving.JekyllServe) return baseUrl + pageUrl;
        var path = pageUrl;
        if (path.EndsWith("/index.html", StringComparison.Ordinal)) path = path[..^"index.html".Length];
        else if (path.EndsWith(".html", StringComparison.Ordinal)) path = path[..^".html".Length];
        if (path.Length > 1) path = path.TrimEnd('/');
        return path.Length == 0 ? "/" : path;
    }

    private static async Task<ServerProcess> StartServerAsync(Variant variant, string root)
    {
        var port = Processes.FreePort();
        if (variant.Serving == Serving.JekyllServe)
            return await ServerProcess.StartAsync("jekyll",
                ["serve", "-s", root, "-d", Path.Combine(root, "_site"), "--skip-initial-build", "--no-watch", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture)],
                root, port);
        var app = Path.Combine(TestContext.CurrentContext.TestDirectory, "Differential", "app.rb");
        return await ServerProcess.StartAsync("ruby", [app, "-p", port.ToString(CultureInfo.InvariantCulture), "-o", "127.0.0.1"], root, port);
    }

    private static async Task RequireToolsAsync(Variant variant)
    {
        var (jekyll, jekyllOutput) = await Processes.RunAsync("jekyll", ["--version"], timeout: TimeSpan.FromMinutes(1));
        if (jekyll != 0) Assert.Ignore($"jekyll is not installed (apt-get install jekyll): {jekyllOutput.Trim()}");
        if (variant.Serving != Serving.AppRb) return;
        // sinatra/base, not sinatra: the classic one starts a server when the script ends.
        var (ruby, rubyOutput) = await Processes.RunAsync("ruby", ["-e", "require 'sinatra/base'; require 'webrick'"], timeout: TimeSpan.FromMinutes(1));
        if (ruby != 0) Assert.Ignore($"ruby with sinatra and webrick is not installed (apt-get install ruby-sinatra ruby-webrick): {rubyOutput.Trim()}");
    }

    private sealed record Row(SourceLink Link, string? Href, Verdict Verdict, string? Smlint);

    /// <param name="Checked">False for links the comparison leaves out (mailto:, tel:, other hosts).</param>
    /// <param name="Fails">Whether a reader following the link fails to reach its target.</param>
    /// <param name="Requested">The absolute URL requested.</param>
    /// <param name="Detail">The server's answer, for the report.</param>
    private sealed record Verdict(bool Checked, bool Fails, string Requested, string Detail);

    private sealed record Fetched(int Status, Uri? Final, IDocument? Html, string Note);

    /// <summary>Follows links as a browser would, against the test server.</summary>
    private sealed class Browser(HttpClient client, Variant variant, int port, string siteFolder, string baseUrl)
    {
        private readonly ConcurrentDictionary<string, Lazy<Task<Fetched>>> fetched = new(StringComparer.Ordinal);
        private readonly HtmlParser parser = new();

        public async Task<Verdict> CheckAsync(string href, Uri reader)
        {
            // Browsers strip leading and trailing spaces and controls, and tabs and newlines anywhere.
            var written = href.Trim().Replace("\t", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);
            var colon = written.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && IsScheme(written[..colon]))
            {
                var scheme = written[..colon].ToLowerInvariant();
                if (ForbiddenSchemes.Contains(scheme)) return new Verdict(true, true, written, $"{scheme}: is not followed from a web page");
                if (scheme is not ("http" or "https")) return new Verdict(false, false, written, $"not checked ({scheme}:)");
            }
            // As a browser parses a URL against an http(s) page (WHATWG URL), a backslash before the query is a
            // slash: "\\server\share" is "//server/share", another host (.NET's Uri makes it file://server/share).
            var end = written.IndexOfAny(['?', '#']);
            var target = (end < 0 ? written : written[..end]).Replace('\\', '/') + (end < 0 ? "" : written[end..]);
            if (!Uri.TryCreate(reader, target, out var resolved)) return new Verdict(true, true, written, "not a valid URL");
            if (resolved.Authority != reader.Authority)
            {
                // The site's own host (`url:` in _config.yml, what absolute_url writes) is this server.
                if (!resolved.Host.Equals(DifferentialSite.OwnHost, StringComparison.OrdinalIgnoreCase)) return new Verdict(false, false, resolved.AbsoluteUri, "not checked (another host)");
                resolved = new UriBuilder(resolved) { Scheme = "http", Host = "127.0.0.1", Port = port }.Uri;
            }
            var hash = written.IndexOf('#', StringComparison.Ordinal);
            var fragment = hash < 0 ? null : written[(hash + 1)..];
            var request = resolved.GetLeftPart(UriPartial.Query);
            var page = await fetched.GetOrAdd(request, url => new Lazy<Task<Fetched>>(() => FetchAsync(url))).Value;
            var requested = request + (fragment is null ? "" : "#" + fragment);
            if (page.Status is < 200 or > 299) return new Verdict(true, true, requested, $"HTTP {page.Status}{page.Note}");
            if (string.IsNullOrEmpty(fragment) || fragment.Equals("top", StringComparison.OrdinalIgnoreCase)) return new Verdict(true, false, requested, $"HTTP {page.Status}");
            if (page.Html is null) return new Verdict(true, true, requested, $"HTTP {page.Status}, #{fragment} on a file that is not HTML");
            // As a browser: the fragment as written, then percent-decoded; an id, or an <a name>.
            var decoded = Uri.UnescapeDataString(fragment);
            if (HasAnchor(page.Html, fragment) || HasAnchor(page.Html, decoded)) return new Verdict(true, false, requested, $"HTTP {page.Status}, #{fragment} found");
            return new Verdict(true, true, requested, $"HTTP {page.Status}, no id '{decoded}'");
        }

        private static bool HasAnchor(IDocument document, string id) =>
            document.GetElementById(id) is not null
            || document.QuerySelectorAll("[id]").Any(e => e.GetAttribute("id") == id)
            || document.QuerySelectorAll("a[name]").Any(e => e.GetAttribute("name") == id);

        private static bool IsScheme(string text) =>
            char.IsAsciiLetter(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');

        // WEBrick closes kept-alive connections under HttpClient's feet: one connection a request, and one retry.
        private async Task<HttpResponseMessage?> SendAsync(string url)
        {
            for (var attempt = 1; ; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.ConnectionClose = true;
                try
                {
                    return await client.SendAsync(request);
                }
                catch (HttpRequestException) when (attempt < 3)
                {
                    await Task.Delay(100 * attempt);
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            }
        }

        private async Task<Fetched> FetchAsync(string url)
        {
            using var response = await SendAsync(url);
            // A browser shows an error page when the server closes the connection without an answer
            // (app.rb under WEBrick does that when it redirects to a path with a space in it).
            if (response is null) return new Fetched(0, null, null, " (no response: the server closed the connection)");
            var final = response.RequestMessage?.RequestUri;
            var status = (int)response.StatusCode;
            var note = "";
            if (variant.Serving == Serving.JekyllServe && status is >= 200 and <= 299 && final is not null)
            {
                // GitHub Pages correction: `jekyll serve` (WEBrick) lists folders that have no index page
                // and answers 200 for a trailing slash on a file (/a/b.html/, /a/b/ for a/b.md); GitHub Pages
                // (and ordinary static servers) answer 404 to both, and this test follows GitHub Pages: a
                // URL ending in '/' is served only when _site holds that folder's index.html.
                var path = Uri.UnescapeDataString(final.AbsolutePath);
                if (baseUrl.Length > 0 && path.StartsWith(baseUrl + "/", StringComparison.Ordinal)) path = path[baseUrl.Length..];
                if (path.EndsWith('/') && !File.Exists(Path.Combine(siteFolder, path.TrimStart('/'), "index.html")))
                {
                    status = (int)HttpStatusCode.NotFound;
                    note = $" (WEBrick answered {(int)response.StatusCode}; GitHub Pages 404)";
                }
            }
            if (final is not null && final.AbsoluteUri != url) note += $" via {final.PathAndQuery}";
            IDocument? html = null;
            if (status is >= 200 and <= 299 && response.Content.Headers.ContentType?.MediaType == "text/html")
                html = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            return new Fetched(status, final, html, note);
        }
    }
}
