using System.Collections.Concurrent;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Site;

/// <summary>
/// The single place where a link's URL becomes a site path. Everything is lexical and answered
/// from the site index: no file API is ever called with a link's text, so nothing outside the root
/// can be read or even stat'ed, whatever the link says.
/// </summary>
public sealed class LinkResolver(JekyllSite site)
{
    // Distinct target paths are looked up once: many links share a target. (Concurrent: links are
    // resolved on every core, and the site index both memos read is not changed by resolving.)
    private readonly ConcurrentDictionary<string, ServedTarget?> targets = new(StringComparer.Ordinal);

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
        var url = Clean(link.Url);
        var isAbsolute = url.StartsWith('/') || HasScheme(url);
        if (isAbsolute && resolvedUrls.TryGetValue(url, out var known))
        {
            return known with { Source = page, Link = link };
        }
        var resolution = Resolve(page, link, url);
        if (isAbsolute) resolvedUrls[url] = resolution;
        return resolution;
    }

    private LinkResolution Resolve(Page page, Link link, string url)
    {
        var viaOwnHost = false;
        if (url.Contains("{{", StringComparison.Ordinal) || url.Contains("{%", StringComparison.Ordinal)) return Outcome(LinkOutcome.Dynamic);
        if (url.Length == 0) return Outcome(LinkOutcome.Empty);

        if (HasScheme(url) || url.StartsWith("//", StringComparison.Ordinal))
        {
            var absolute = url.StartsWith("//", StringComparison.Ordinal) ? "https:" + url : url;
            if (!Uri.TryCreate(absolute, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || !site.Configuration.Hosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
            {
                return Outcome(LinkOutcome.External);
            }
            viaOwnHost = true;
            url = uri.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped) + (uri.Fragment.Length > 0 ? uri.Fragment : string.Empty);
            if (!url.StartsWith('/')) url = "/" + url;
        }

        string? fragment = null;
        var hash = url.IndexOf('#');
        if (hash >= 0)
        {
            fragment = Uri.UnescapeDataString(url[(hash + 1)..]);
            url = url[..hash];
        }
        var query = url.IndexOf('?');
        if (query >= 0) url = url[..query];
        var path = Uri.UnescapeDataString(url);

        if (path.Length == 0)
        {
            // "#id" or "?q" alone: this very page. In a layout or include, that page is not known.
            if (page.Kind == FileKind.Template) return Outcome(LinkOutcome.Dynamic);
            return CheckFragment(new ServedTarget(page.Path, page), page.Path);
        }

        string? sitePath;
        var isRelative = !path.StartsWith('/');
        if (isRelative)
        {
            if (page.Kind == FileKind.Template) return Outcome(LinkOutcome.Dynamic);
            sitePath = Normalise(BaseFolder(page) + path);
        }
        else
        {
            var baseUrl = site.Configuration.BaseUrl;
            if (baseUrl != "/")
            {
                if (path != baseUrl && !path.StartsWith(baseUrl + "/", StringComparison.Ordinal)) return Outcome(viaOwnHost ? LinkOutcome.External : LinkOutcome.OtherApplication);
                path = path[baseUrl.Length..];
            }
            sitePath = Normalise(path.TrimStart('/'));
            if (sitePath is not null && !site.Serves(sitePath)) return Outcome(viaOwnHost ? LinkOutcome.External : LinkOutcome.OtherApplication);
        }
        if (sitePath is null) return Outcome(LinkOutcome.EscapesRoot);

        var target = Lookup(sitePath);
        if (target is null)
        {
            if (isRelative && Normalise(path) is { } fromRoot && Lookup(fromRoot) is { } rootTarget)
            {
                return new LinkResolution(page, link, LinkOutcome.MissingLeadingSlash, fromRoot, rootTarget, fragment, viaOwnHost);
            }
            return new LinkResolution(page, link, LinkOutcome.Missing, sitePath, null, fragment, viaOwnHost);
        }
        return CheckFragment(target, sitePath);

        LinkResolution Outcome(LinkOutcome outcome) => new(page, link, outcome, null, null, null, viaOwnHost);

        LinkResolution CheckFragment(ServedTarget found, string requested)
        {
            var missing = found.Page is not null && !string.IsNullOrEmpty(fragment)
                && !fragment.Equals("top", StringComparison.OrdinalIgnoreCase) && !site.HasAnchor(found.Page, fragment);
            return new LinkResolution(page, link, missing ? LinkOutcome.FragmentMissing : LinkOutcome.Found, requested, found, fragment, viaOwnHost);
        }
    }

    private ServedTarget? Lookup(string sitePath)
    {
        if (!targets.TryGetValue(sitePath, out var target))
        {
            target = site.Resolve(sitePath);
            targets[sitePath] = target;
        }
        return target;
    }

    /// <summary>The folder relative links on a page resolve against: its served URL up to the last slash.</summary>
    private string BaseFolder(Page page)
    {
        var url = site.UrlOf(page);
        var baseUrl = site.Configuration.BaseUrl;
        if (baseUrl != "/" && url.StartsWith(baseUrl, StringComparison.Ordinal)) url = url[baseUrl.Length..];
        url = url.TrimStart('/');
        var slash = url.LastIndexOf('/');
        return slash < 0 ? string.Empty : url[..(slash + 1)];
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

    /// <summary>Resolves <c>.</c> and <c>..</c> lexically; null when <c>..</c> climbs above the root.</summary>
    internal static string? Normalise(string path)
    {
        // The common case, "a/b/c" with no dot segments or doubled slashes, is already normal.
        if (!path.StartsWith('/') && !path.Contains("//", StringComparison.Ordinal) && !path.Contains("./", StringComparison.Ordinal)
            && !path.EndsWith("/.", StringComparison.Ordinal) && !path.EndsWith("/..", StringComparison.Ordinal) && path is not ("." or ".."))
        {
            return path;
        }
        var trailingSlash = path.EndsWith('/');
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (segments.Count == 0) return null;
                segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment);
        }
        var joined = string.Join('/', segments);
        return trailingSlash && joined.Length > 0 ? joined + "/" : joined;
    }
}
