using System.Collections.Concurrent;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Sites.Publishing;

namespace ServiceManual.Lint.Sites;

/// <summary>
/// The single place where a link's URL becomes a site path. Everything is lexical and answered
/// from the site index: no file API is ever called with a link's text, so nothing outside the root
/// can be read or even stat'ed, whatever the link says.
/// </summary>
internal sealed class LinkResolver(JekyllSite site)
{
    // Distinct target paths are looked up once: many links share a target. (Concurrent: links are
    // resolved on every core, and the site index both memos read is not changed by resolving.)
    private readonly ConcurrentDictionary<string, Publishing.Served> targets = new(StringComparer.Ordinal);

    /// <summary>Resolves every link of every page and template, in file order.</summary>
    public IReadOnlyList<LinkResolution> ResolveAll()
    {
        var results = new List<LinkResolution>();
        foreach (var page in site.Pages.Concat(site.Templates))
        {
            foreach (var link in page.Links) results.Add(Resolve(page, link));
        }
        return results;
    }

    // Site-absolute and absolute URLs resolve the same from every page: each distinct one is resolved once.
    private readonly ConcurrentDictionary<string, LinkResolution> resolvedUrls = new(StringComparer.Ordinal);

    /// <summary>Resolves one link written on <paramref name="page"/>.</summary>
    public LinkResolution Resolve(Page page, Link link)
    {
        // Checked before the memo of absolute URLs: the verdict is about the file, not the URL.
        // A page Jekyll does not publish (published: false, a future post) shows its links to no one either.
        if (page.Kind == FileKind.Template ? !site.IsInUse(page) : site.Output.UrlOf(page) is null) return new LinkResolution(page, link, LinkOutcome.Unpublished, null, null, null, false);
        // Before the memo of absolute URLs: a UNC path cleans up to the same text as a protocol-relative URL.
        if (IsLocalFile(link.Url.Trim())) return new LinkResolution(page, link, LinkOutcome.LocalFile, null, null, null, false);
        var url = Clean(link.Url);
        var isAbsolute = url.StartsWith('/') || HasScheme(url);
        if (isAbsolute && resolvedUrls.TryGetValue(url, out var known))
        {
            return known with { Source = page, Link = link };
        }
        var resolution = Resolve(page, link, url);
        if (isAbsolute && !IsLiquid(url)) resolvedUrls[url] = resolution;
        return resolution;
    }

    private LinkResolution Resolve(Page page, Link link, string url)
    {
        var viaOwnHost = false;
        var fromLiquid = false;
        var configuration = site.Configuration;
        if (IsLiquid(url))
        {
            switch (LiquidLinks.Expand(url, site))
            {
                case { Url: { } expanded }:
                    url = Clean(expanded);
                    fromLiquid = true;
                    break;
                case { MissingTarget: { } missing }:
                    // A {% link %} or {% post_url %} to a file that is not there stops Jekyll's build.
                    return new LinkResolution(page, link, LinkOutcome.Missing, missing, null, null, false) { FromLiquid = true };
                default:
                    return Outcome(LinkOutcome.Dynamic);
            }
        }
        if (url.Length == 0) return Outcome(LinkOutcome.Empty);

        if (HasScheme(url) || url.StartsWith("//", StringComparison.Ordinal))
        {
            var scheme = url.StartsWith("//", StringComparison.Ordinal) ? "https" : url[..url.IndexOf(':')].ToLowerInvariant();
            if (scheme is "javascript" or "vbscript" or "data") return Outcome(LinkOutcome.UnsafeScheme);
            if (scheme == "file") return Outcome(LinkOutcome.LocalFile);
            var absolute = url.StartsWith("//", StringComparison.Ordinal) ? "https:" + url : url;
            if (scheme is not ("http" or "https") || !Uri.TryCreate(absolute, UriKind.Absolute, out var uri)
                || !configuration.Hosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
            {
                return Outcome(LinkOutcome.External);
            }
            viaOwnHost = true;
            url = uri.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped) + (uri.Query.Length > 0 ? uri.Query : string.Empty) + (uri.Fragment.Length > 0 ? uri.Fragment : string.Empty);
            if (!url.StartsWith('/')) url = "/" + url;
        }

        string? fragment = null;
        var hash = url.IndexOf('#');
        if (hash >= 0)
        {
            fragment = Decode(url[(hash + 1)..]);
            url = url[..hash];
        }
        var query = url.IndexOf('?');
        if (query >= 0) url = url[..query];
        var written = url;
        var path = Decode(url);

        if (path.Length == 0)
        {
            // "#id" or "?q" alone: this very page. In a layout or include, that page is not known.
            if (page.Kind == FileKind.Template) return Outcome(LinkOutcome.Dynamic);
            return CheckFragment(new ServedTarget(page.Path, page), page.Path, climbed: false);
        }

        // jekyll-relative-links (on in GitHub Pages' build) rewrites a Markdown link that names a
        // source file, from the page's own folder or from the root, into that file's URL.
        if (configuration.Jekyll.RelativeLinks && !viaOwnHost && !fromLiquid && RewritesRelativeLinks(page, link) && SourceFileNamed(page, path) is { } source)
        {
            return CheckFragment(source, source.Path, climbed: false);
        }
        var isRelative = !path.StartsWith('/');
        var climbed = false;
        if (isRelative)
        {
            if (page.Kind == FileKind.Template) return Outcome(LinkOutcome.Dynamic);
            // The page's URL has no base when Jekyll does not publish it; its source folder stands in.
            var baseFolder = BaseFolder(page);
            (path, climbed) = Normalise(baseFolder + path);
        }
        else
        {
            (path, climbed) = Normalise(path);
        }

        // Paths other applications on the site's hosts serve: not ours to check.
        if (IsUnder(path, configuration.ExternalPaths, rootAlone: true)) return Outcome(viaOwnHost ? LinkOutcome.External : LinkOutcome.OtherApplication);
        if (!IsUnder(path, configuration.Paths, rootAlone: false))
        {
            if (viaOwnHost) return Outcome(LinkOutcome.External);
            // "/agile/x.html" where "/service-manual/agile/x.html" is served: the site path was left out.
            var prefixed = configuration.Paths.Select(prefix => prefix + path).FirstOrDefault(candidate => ServeFromRoot(candidate) is { Found: true });
            return new LinkResolution(page, link, LinkOutcome.NotServedBySite, path.TrimStart('/'), null, fragment, viaOwnHost)
            {
                Correction = prefixed is null ? null : Permalinks.Escape(prefixed),
                FromLiquid = fromLiquid,
            };
        }

        var served = ServeFromRoot(path);
        var requested = WithoutBaseUrl(path);
        if (served.File is not { } file)
        {
            if (isRelative && !climbed && Normalise("/" + Decode(written)) is var (fromRoot, _) && ServeFromRoot(fromRoot) is { File: { } rootFile })
            {
                return new LinkResolution(page, link, LinkOutcome.MissingLeadingSlash, fromRoot.TrimStart('/'), TargetOf(rootFile), fragment, viaOwnHost) { FromLiquid = fromLiquid };
            }
            return new LinkResolution(page, link, LinkOutcome.Missing, requested, null, fragment, viaOwnHost)
            {
                CaseVariant = CaseVariantOf(path),
                Correction = isRelative ? SchemeLeftOut(written) : null,
                FromLiquid = fromLiquid,
            };
        }
        var resolved = CheckFragment(TargetOf(file), requested, climbed);
        // A jekyll-redirect-from page: served, but through a redirect to the page's own URL.
        return file.Page is null && file.RedirectTo is { } redirectTo ? resolved with { RedirectsTo = redirectTo } : resolved;

        LinkResolution Outcome(LinkOutcome outcome) => new(page, link, outcome, null, null, null, viaOwnHost) { FromLiquid = fromLiquid };

        LinkResolution CheckFragment(ServedTarget found, string target, bool climbed)
        {
            var missing = !string.IsNullOrEmpty(fragment) && !fragment.Equals("top", StringComparison.OrdinalIgnoreCase)
                && (found.Page is not null ? !site.HasAnchor(found.Page, fragment) : !TakesFragments(found.Path));
            var outcome = missing ? LinkOutcome.FragmentMissing : climbed ? LinkOutcome.EscapesRoot : LinkOutcome.Found;
            return new LinkResolution(page, link, outcome, target, found, fragment, viaOwnHost) { FromLiquid = fromLiquid };
        }
    }

    // Static files whose fragments mean something: HTML we cannot see inside (copied as it is), PDF
    // pages and SVG views. An image's or a stylesheet's fragment targets nothing.
    private static bool TakesFragments(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".html" or ".htm" or ".xhtml" or ".pdf" or ".svg" or ".md" or ".txt";

    // The plugin reads Markdown links and reference definitions (images too: "![x](y)" holds "[x](y)")
    // in pages, and in collection documents only when told to.
    private bool RewritesRelativeLinks(Page page, Link link) =>
        page.Kind == FileKind.Page && page.IsMarkdown && link.Kind is LinkKind.Inline or LinkKind.Image or LinkKind.ReferenceDefinition
        && (site.Configuration.Jekyll.RelativeLinksInCollections || site.Output.IsPlainPage(page));

    // The published page, document or static file at a path written from the page's source folder
    // (or from the root, with a leading slash), as jekyll-relative-links finds it.
    private ServedTarget? SourceFileNamed(Page page, string path)
    {
        var folder = page.Path.LastIndexOf('/') is var slash and >= 0 ? page.Path[..slash] : string.Empty;
        var (fromRoot, climbed) = Normalise(path.StartsWith('/') ? path : "/" + folder + (folder.Length > 0 ? "/" : string.Empty) + path);
        if (climbed || fromRoot.EndsWith('/')) return null;
        var sourcePath = fromRoot[1..];
        if (site.FindFile(sourcePath) is { Kind: FileKind.Page } target) return site.Output.UrlOf(target) is null ? null : new ServedTarget(target.Path, target);
        return site.HasAsset(sourcePath) && site.Output.File(sourcePath) is not null ? new ServedTarget(sourcePath, null) : null;
    }

    // A redirect page (jekyll-redirect-from) stands for the page it sends readers to.
    private ServedTarget TargetOf(Publishing.OutputFile file) =>
        file.Page is null && file.RedirectTo is not null && site.FindFile(file.Source) is { } destination ? new ServedTarget(destination.Path, destination) : new ServedTarget(file.Source, file.Page);

    // A URL path from the host's root (decoded, with the base URL) as the server answers it.
    private Publishing.Served ServeFromRoot(string path)
    {
        var baseUrl = site.Configuration.BaseUrl;
        if (baseUrl != "/")
        {
            if (path != baseUrl && !path.StartsWith(baseUrl + "/", StringComparison.Ordinal)) return new(null, path.TrimStart('/'));
            path = path[baseUrl.Length..];
        }
        var sitePath = path.TrimStart('/');
        if (!targets.TryGetValue(sitePath, out var served))
        {
            served = site.Serve(sitePath);
            targets[sitePath] = served;
        }
        return served;
    }

    // A path from the host's root as the site's own path: no base URL, no leading slash.
    private string WithoutBaseUrl(string path)
    {
        var baseUrl = site.Configuration.BaseUrl;
        if (baseUrl != "/" && (path == baseUrl || path.StartsWith(baseUrl + "/", StringComparison.Ordinal))) path = path[baseUrl.Length..];
        return path.TrimStart('/');
    }

    // The one served URL that equals a missing one but for case (a trailing slash aside), if there is exactly one.
    private string? CaseVariantOf(string path)
    {
        var sitePath = "/" + WithoutBaseUrl(path);
        string? match = null;
        foreach (var url in site.UrlsIgnoringCase(sitePath.TrimEnd('/')))
        {
            if (match is not null && match != url) return null;
            match = url;
        }
        if (match is null) return null;
        var full = site.WithBaseUrl(match);
        return ServeFromRoot(full) is { Found: true } ? Permalinks.Escape(full) : null;
    }

    // "www.example.com/x" or "example.org/path" written without a scheme, or an e-mail address without mailto:.
    private static string? SchemeLeftOut(string written)
    {
        if (System.Text.RegularExpressions.Regex.IsMatch(written, @"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")) return "mailto:" + written;
        var host = written.Split('/')[0];
        if (host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && host.Length > 4) return "https://" + written;
        var labels = host.Split('.');
        if (labels.Length >= 2 && labels.All(l => l.Length > 0 && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            && TopLevelDomains.Contains(labels[^1].ToLowerInvariant()) && written.Contains('/'))
        {
            return "https://" + written;
        }
        return null;
    }

    // Common top-level domains only: "guide.md/x" or "a.html/b" must not read as hosts.
    private static readonly HashSet<string> TopLevelDomains = new(StringComparer.Ordinal)
    {
        "com", "org", "net", "uk", "gov", "io", "dev", "edu", "info", "eu", "us", "de", "fr", "nl", "au", "ca", "co", "app",
    };

    private static bool IsLiquid(string url) => url.Contains("{{", StringComparison.Ordinal) || url.Contains("{%", StringComparison.Ordinal);

    // file: URLs are handled with the schemes; these are paths on the author's own disk.
    private static bool IsLocalFile(string raw) =>
        raw.StartsWith(@"\\", StringComparison.Ordinal)
        || (raw.Length >= 3 && char.IsAsciiLetter(raw[0]) && raw[1] == ':' && raw[2] is '\\' or '/');

    // Whether a path is one of the prefixes or under one. "/" is every path, or, where it would
    // make a list meaningless (external paths), the root page alone.
    private static bool IsUnder(string path, IReadOnlyList<string> prefixes, bool rootAlone)
    {
        for (var i = 0; i < prefixes.Count; i++)
        {
            var prefix = prefixes[i];
            if (prefix == "/")
            {
                if (!rootAlone || path == "/") return true;
                continue;
            }
            if (path.StartsWith(prefix, StringComparison.Ordinal) && (path.Length == prefix.Length || path[prefix.Length] == '/')) return true;
        }
        return false;
    }

    // Percent-decoding as servers do; a malformed escape is kept as written.
    private static string Decode(string text)
    {
        if (!text.Contains('%')) return text;
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    /// <summary>The folder relative links on a page resolve against (decoded, from the host's root): its URL up to the last slash.</summary>
    private string BaseFolder(Page page)
    {
        var url = site.Output.UrlOf(page) is { } published ? site.WithBaseUrl(site.Server.CanonicalUrl(published)) : site.WithBaseUrl("/" + page.Path);
        return url[..(url.LastIndexOf('/') + 1)];
    }

    // Browsers drop tabs and newlines from URLs and read '\' as '/'.
    private static string Clean(string url)
    {
        var cleaned = url.Trim();
        if (cleaned.AsSpan().IndexOfAny("\t\r\n\\") < 0) return cleaned; // the common case: nothing to clean
        cleaned = cleaned.Replace("\t", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal)
            .Replace("\n", string.Empty, StringComparison.Ordinal);
        return cleaned.Replace('\\', '/');
    }

    private static bool HasScheme(string url)
    {
        var colon = url.IndexOf(':');
        if (colon <= 0) return false;
        if (!char.IsAsciiLetter(url[0])) return false;
        for (var i = 1; i < colon; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(url[i]) || url[i] is '+' or '-' or '.')) return false;
        }
        return true;
    }

    /// <summary>
    /// Resolves <c>.</c> and <c>..</c> in a path from the host's root as browsers do: <c>..</c> at the
    /// root stays there (and says so).
    /// </summary>
    internal static (string Path, bool Climbed) Normalise(string path)
    {
        if (!path.Contains("//", StringComparison.Ordinal) && !path.Contains("/.", StringComparison.Ordinal)) return (path, false);
        var trailingSlash = path.EndsWith('/') || path.EndsWith("/.", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal);
        var segments = new List<string>();
        var climbed = false;
        var parts = path.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            var segment = parts[i];
            if (segment == ".") continue;
            if (segment == "..")
            {
                if (segments.Count == 0) climbed = true;
                else segments.RemoveAt(segments.Count - 1);
                continue;
            }
            // An empty segment ("a//b") is kept by browsers; servers read it as one slash.
            if (segment.Length == 0 && i < parts.Length - 1) continue;
            if (segment.Length == 0) continue;
            segments.Add(segment);
        }
        var joined = "/" + string.Join('/', segments);
        return (trailingSlash && joined.Length > 1 ? joined + "/" : joined, climbed);
    }
}
