using ServiceManual.Lint.Configuration;

namespace ServiceManual.Lint.Sites.Publishing;

/// <summary>What a server answers to a request, after following its own redirects.</summary>
/// <param name="File">The file of <c>_site</c> it sends, null for a 404.</param>
/// <param name="Path">The path finally served (after redirects), decoded, without a leading slash.</param>
internal readonly record struct Served(OutputFile? File, string Path)
{
    /// <summary>Whether anything is served.</summary>
    public bool Found => File is not null;
}

/// <summary>
/// How a server turns a request path into a file of the built site. Paths are decoded, without the
/// base URL or a leading slash, and compared case-sensitively, as servers on Linux do.
/// </summary>
internal abstract class SiteServer(SiteOutput output)
{
    /// <summary>The built site this server serves.</summary>
    public SiteOutput Output { get; } = output;

    /// <summary>What a reader gets for a request path (redirects followed).</summary>
    public abstract Served Serve(string path);

    /// <summary>
    /// The URL the site's own links use for a page, from Jekyll's <c>page.url</c>: the page a reader
    /// is on, so the base of its relative links.
    /// </summary>
    public abstract string CanonicalUrl(string jekyllUrl);

    /// <summary>The server for a serving style.</summary>
    public static SiteServer For(ServingStyle style, SiteOutput output) => style switch
    {
        ServingStyle.Extensionless => new ExtensionlessServer(output),
        _ => new StaticServer(output),
    };
}

/// <summary>
/// <c>jekyll build</c>'s output as GitHub Pages (and any plain static server) serves it: a file at
/// its path; <c>/a/</c> from <c>a/index.html</c>; <c>/a</c> redirected to <c>/a/</c> when that exists;
/// <c>/a/b</c> from <c>a/b.html</c>. A trailing slash on a file, and a folder without an index page,
/// are 404s (<c>jekyll serve</c>'s WEBrick is more lenient with both; GitHub Pages is what readers get).
/// </summary>
internal sealed class StaticServer(SiteOutput output) : SiteServer(output)
{
    /// <inheritdoc />
    public override Served Serve(string path)
    {
        if (path.Length == 0 || path.EndsWith('/')) return new(Output.File(path + "index.html"), path);
        if (Output.File(path) is { } file) return new(file, path);
        // A folder with an index page is redirected to its slash form; a folder without one does not
        // stop a page of the same name (a.html beside a/) from being served.
        if (Output.IsFolder(path) && Output.File(path + "/index.html") is { } index) return new(index, path + "/");
        return new(Output.File(path + ".html"), path);
    }

    /// <inheritdoc />
    public override string CanonicalUrl(string jekyllUrl) => jekyllUrl;
}

/// <summary>
/// The GOV.UK Service Manual's <c>app.rb</c> (2014 on), route for route: <c>*.html</c> redirects to
/// the path without it; <c>*/index</c> to its folder; then <c>x/index.html</c>, <c>x.html</c>, the
/// static file, else 404. So <c>/a/b/</c> for <c>a/b.md</c> is a 404 here too.
/// </summary>
internal sealed class ExtensionlessServer(SiteOutput output) : SiteServer(output)
{
    /// <inheritdoc />
    public override Served Serve(string path)
    {
        var request = "/" + path;
        // The two redirecting routes, each taken at most once per form (a redirect to "" lands on "/").
        for (var hops = 0; hops < 10; hops++)
        {
            if (request.EndsWith(".html", StringComparison.Ordinal)) request = request[..^5];
            else if (request.EndsWith("/index", StringComparison.Ordinal)) request = request[..^6];
            else break;
            if (request.Length == 0) request = "/";
        }
        var served = request.TrimStart('/');
        var folder = served.TrimEnd('/');
        var index = Output.File(folder.Length == 0 ? "index.html" : folder + "/index.html");
        if (index is not null) return new(index, served);
        // File.join(_site, "a/", ".html") is "_site/a/.html": a trailing slash finds no page.
        if (served.Length > 0 && Output.File(served + ".html") is { } html) return new(html, served);
        return new(served.EndsWith('/') ? null : Output.File(served), served);
    }

    /// <inheritdoc />
    public override string CanonicalUrl(string jekyllUrl)
    {
        var url = jekyllUrl;
        if (url.EndsWith("/index.html", StringComparison.Ordinal)) url = url[..^"index.html".Length];
        else if (url.EndsWith(".html", StringComparison.Ordinal)) url = url[..^5];
        return url.Length > 1 ? url.TrimEnd('/') : "/";
    }
}
