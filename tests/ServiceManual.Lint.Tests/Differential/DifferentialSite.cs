using System.Text;

namespace ServiceManual.Lint.Tests.Differential;

/// <summary>How a variant's built site is served.</summary>
internal enum Serving
{
    /// <summary><c>jekyll serve</c> (WEBrick), corrected to GitHub Pages where they differ.</summary>
    JekyllServe,

    /// <summary>The Service Manual's <c>app.rb</c> routes under Sinatra (extensionless URLs).</summary>
    AppRb,
}

/// <summary>One generated site: its Markdown input, how it is served, and its Jekyll settings.</summary>
/// <param name="Name">A short name for reports.</param>
/// <param name="Gfm">GFM input (Jekyll 4's default) rather than <c>kramdown: { input: kramdown }</c>.</param>
/// <param name="Serving">Which server serves <c>_site</c>.</param>
/// <param name="BaseUrl">Jekyll's <c>baseurl</c> ("" for none).</param>
/// <param name="Permalink">Jekyll's site-wide <c>permalink:</c> style (null for the default, <c>date</c>).</param>
/// <param name="CollectionsDir">
/// Jekyll's <c>collections_dir</c> (null for none): the generator writes every collection document
/// (posts, drafts and the other collections) under it, and a root <c>_posts/</c> that Jekyll then ignores.
/// </param>
internal sealed record Variant(string Name, bool Gfm, Serving Serving, string BaseUrl = "", string? Permalink = null, string? CollectionsDir = null)
{
    public override string ToString() => Name;
}

/// <summary>One link as written in a source file: one link a line, so (path, line) names it.</summary>
internal sealed record SourceLink(string Path, int Line, string Written);

/// <summary>A source file the generator wrote links into, and whether Jekyll should render it to an HTML page.</summary>
internal sealed class SourceFile(string path, bool rendered)
{
    public string Path { get; } = path;
    public bool ExpectRendered { get; } = rendered;
    public List<SourceLink> Links { get; } = [];
}

/// <summary>
/// Writes a Jekyll site exercising the ways a link can be written and served: site-absolute and
/// relative links from index and non-index pages, every URL form of a page, wrong case, percent
/// encoding, queries, dot segments, permalinks (front matter, defaults, collections, posts),
/// files Jekyll does not serve, assets, Liquid link forms, fragments on every kind of heading, and
/// schemes a browser must not follow. About a third of the links are broken in some way. Every link
/// sits on its own line and is recorded, in document order, with the file and line it is on.
/// </summary>
internal static class DifferentialSite
{
    public const string OwnHost = "example.test";

    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>Writes the site for <paramref name="variant"/> into <paramref name="root"/> and returns every source file that holds links.</summary>
    public static IReadOnlyList<SourceFile> Generate(string root, Variant variant)
    {
        var files = new List<SourceFile>();
        var site = new Writer(root, files, variant.CollectionsDir);

        site.Raw("_config.yml", Config(variant));
        site.Raw("smlint.yml", "site:\n  serving: " + (variant.Serving == Serving.AppRb ? "extensionless" : "jekyll") + "\n");
        // No links of its own; the meta tags tell the test which source file each page came from and its URL.
        site.Raw("_layouts/default.html",
            "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n" +
            "<meta name=\"smlint-page-url\" content=\"{{ page.url }}\">\n" +
            "<meta name=\"smlint-page-path\" content=\"{{ page.path }}\">\n" +
            "<title>{{ page.title }}</title>\n</head>\n<body>\n<main>\n{{ content }}\n</main>\n</body>\n</html>\n");

        // Assets.
        site.Bytes("images/logo.png", Png);
        site.Bytes("images/_hidden.png", Png);
        site.Bytes("files/doc.pdf", Pdf);
        site.Raw("css/main.scss", "---\n---\nbody { color: red; }\n");
        site.Raw("css/raw.scss", "body { color: blue; }\n");

        // Pages that are rendered, each with relative links written from where its source file sits.
        RelativePage(site.Page("index.md"), "");
        AbsoluteLinks(site.Page("index.md", append: true));
        RelativePage(site.Page("about.md"), "", extra: ["../index.html", "../about.html", "../../docs/guide.html"]);
        RelativePage(site.Page("docs/index.md"), "docs");
        GuidePage(site.Page("docs/guide.md"));
        RelativePage(site.Page("docs/guide.md", append: true), "docs");
        RelativePage(site.Page("docs/deep/page.md"), "docs/deep");
        site.Page("docs/noindex/other.md").Links(["../guide.html", "../../about.html", "other.html", "./"]);
        site.Page("a b.md").Links(["about.html", "a%20b.html", "docs/guide.html"]);
        // Front-matter permalinks: links resolve against the page's URL, not its source folder. Most
        // links on such pages are written relative to the page's URL; the extras, relative to its source file.
        RelativePage(site.Page("custom.md", frontMatter: "permalink: /custom/"), "custom",
            extra: ["about.html", "docs/guide.html", "./", "index.html", "../custom/"]);
        RelativePage(site.Page("xpage.md", frontMatter: "permalink: /x.html"), "", extra: ["x.html", "x", "./", "xpage.html"]);
        site.Page("noslash.md", frontMatter: "permalink: /noslash").Links(["about.html", "noslash", "noslash.html", "./"]);
        // Permalink from a `defaults:` scope (guides/ -> /g/:basename:output_ext).
        RelativePage(site.Page("guides/one.md"), "g", extra: ["one.html", "../g/one.html", "../guides/one.html", "two.html", "../about.html"]);
        site.Page("guides/two.md").Links(["one.html", "../about.html"]);
        // An HTML page with front matter (rendered by Liquid only), links as raw HTML.
        // "//server/share" is a network-path reference: another host, which the comparison leaves out.
        RelativePage(site.Page("legacy.html"), "", html: true, extra: ["//server/share"]);
        HeadingsPage(site.Page("docs/headings.md"));
        FragmentsPage(site.Page("fragments.md"));
        LiquidPage(site.Page("liquid.md"));
        SchemesPage(site.Page("schemes.md"));

        // Posts, at the site's permalink style: _posts and blog/_posts (category "blog"), and categories in front matter.
        RelativePage(site.Page("_posts/2010-07-21-name.md", frontMatter: ""), variant.Permalink == "pretty" ? "2010/07/21/name" : "2010/07/21",
            extra: ["../about.html", "../../../../about.html", "name.html", "../21/name.html", "/2010/07/21/name.html"]);
        site.Page("_posts/2012-03-04-second-post.md", frontMatter: "").Links(["/about.html", "name.html", "2010-07-21-name.html"]);
        site.Page("blog/_posts/2013-05-06-blog-post.md", frontMatter: "").Links(["/about.html", "../../../../about.html", "../../../../../about.html", "/blog/"]);
        site.Page("_posts/2014-01-02-categorised.md", frontMatter: "categories: [news, tech]").Links(["/about.html", "../../../../../about.html"]);
        // A collection with output and a permalink.
        RelativePage(site.Page("_docs/x.md", frontMatter: ""), "kb/x", extra: ["../about.html", "../../about.html", "../sub/z/", "../y/", "y.html"]);
        site.Page("_docs/y.md", frontMatter: "").Links(["../x/", "/kb/sub/z/", "/kb/y/"]);
        site.Page("_docs/sub/z.md", frontMatter: "").Links(["../../x/", "/kb/x/", "../x/"]);

        ReviewerCases(site, variant);
        // With a collections_dir, Jekyll reads posts only from under it: a root _posts/ is neither rendered nor copied.
        if (variant.CollectionsDir is not null)
            site.Page("_posts/2021-02-03-ignored.md", frontMatter: "", rendered: false, root: true).Links(["/about.html", "/nope-from-ignored.html"]);

        // Files Jekyll does not render: their links are never served, so nothing in them is a broken link.
        site.Page("_drafts/draft-post.md", rendered: false).Links(["/about.html", "/nope-from-draft.html"]);
        site.Page("_posts/2099-01-01-future.md", rendered: false).Links(["/about.html", "/nope-from-future.html"]);
        site.Page("unpublished.md", frontMatter: "published: false", rendered: false).Links(["/about.html", "/nope-from-unpublished.html"]);
        site.Page("_private/secret.md", rendered: false).Links(["/about.html", "/nope-from-private.html"]);
        site.Page("_partial.md", rendered: false).Links(["/nope-from-partial.html"]);
        site.Page("excluded.md", rendered: false).Links(["/about.html", "/nope-from-excluded.html"]);
        site.Page("excluded-dir/page.md", rendered: false).Links(["/nope-from-excluded-dir.html"]);
        site.Page("_notes/n.md", frontMatter: "", rendered: false).Links(["/nope-from-notes.html"]);
        // Markdown without front matter is a static file: copied as static.md, never rendered.
        site.Page("static.md", frontMatter: null, rendered: false).Links(["/about.html", "/nope-from-static.html", "about.html"]);

        site.Flush();
        return files;
    }

    private static string Config(Variant variant)
    {
        var config = new StringBuilder();
        config.Append("title: Differential test site\n");
        config.Append($"url: http://{OwnHost}\n");
        config.Append($"baseurl: \"{variant.BaseUrl}\"\n");
        if (!variant.Gfm) config.Append("markdown: kramdown\nkramdown:\n  input: kramdown\n");
        if (variant.Permalink is { } permalink) config.Append($"permalink: {permalink}\n");
        if (variant.CollectionsDir is { } collectionsDir) config.Append($"collections_dir: {collectionsDir}\n");
        // Jekyll puts dates in the build machine's zone unless `timezone:` says (2020-01-01 14:30:00 +0000
        // under :hour:minute is /timed/2020/0930/ with TZ=America/New_York): fixed, so the URLs do not depend on the machine.
        config.Append("timezone: UTC\n");
        // Jekyll matches an exclude entry as a glob and as a plain string prefix of the path from the
        // source (EntryFilter#glob_include?): `secret` excludes secret.md and secrets.md alike.
        config.Append("exclude:\n  - excluded.md\n  - excluded-dir\n  - secret\n");
        config.Append("collections:\n  docs:\n    output: true\n    permalink: /kb/:path/\n  notes:\n    output: false\n");
        config.Append("  events:\n    output: true\n    permalink: /:collection/:year/:title/\n");
        config.Append("defaults:\n");
        config.Append("  - scope:\n      path: \"\"\n    values:\n      layout: default\n");
        config.Append("  - scope:\n      path: guides\n    values:\n      permalink: /g/:basename:output_ext\n");
        // The old type names (Jekyll 4.3 warns and reads `post` as `posts`, `page` as `pages`).
        config.Append("  - scope:\n      path: typed\n      type: post\n    values:\n      permalink: /tp/:title/\n");
        config.Append("  - scope:\n      path: typed\n      type: page\n    values:\n      permalink: /tpg/:basename/\n");
        // A scope path is a plain string prefix (FrontmatterDefaults#path_is_subpath?): `guide` covers
        // guide/ and guidelines/ (not guides/: the longer `guides` scope above takes precedence there).
        config.Append("  - scope:\n      path: guide\n    values:\n      permalink: /gd/:basename/\n");
        // A glob scope: `topics/*` globs to topics/z.md and topics/sub, and topics/sub covers topics/sub/y.md.
        config.Append("  - scope:\n      path: \"topics/*\"\n    values:\n      permalink: /tg/:basename/\n");
        // `published: false` from defaults: Jekyll 4.3 still publishes the page (only posts and documents read it there).
        config.Append("  - scope:\n      path: unpub-default.md\n    values:\n      published: false\n");
        return config.ToString();
    }

    /// <summary>A post's URL at the variant's permalink style (date or pretty).</summary>
    private static string PostUrl(Variant variant, string categories, string date, string title) =>
        $"/{categories}/{date}/{title}" + (variant.Permalink == "pretty" ? "/" : ".html");

    /// <summary>
    /// Cases where a reviewer found smlint's model of Jekyll diverging from Jekyll 4.3.1. What Jekyll
    /// really does is in the comments, checked by building the site by hand; every case has links to its
    /// target in working and broken forms (on cases.md) and, where it renders, links of its own.
    /// </summary>
    private static void ReviewerCases(Writer site, Variant variant)
    {
        // 1. Folder and front-matter categories merge, folder first: /blog/news/2020/01/02/merged.html;
        //    `category:` (singular) too: /blog/tech/2020/01/03/tagged.html.
        site.Page("blog/_posts/2020-01-02-merged.md", frontMatter: "categories: news")
            .Links(["/about.html", "../../../../../about.html", "../../../../../../about.html", "../../../../about.html", "/nope-from-merged.html"]);
        site.Page("blog/_posts/2020-01-03-tagged.md", frontMatter: "category: tech").Links(["/about.html", "../../../../about.html", "/nope-from-tagged.html"]);
        // 2. Defaults by the old type names, by a prefix path and by a glob (see Config).
        site.Page("typed/_posts/2020-05-06-typed-post.md", frontMatter: "").Links(["../../about.html", "../about.html", "/nope-from-typed-post.html"]);
        site.Page("typed/page.md").Links(["../../about.html", "../about.html", "/nope-from-typed-page.html"]);
        site.Page("guide/g.md").Links(["../../about.html", "/nope-from-guide.html"]);
        site.Page("guidelines/x.md").Links(["../../about.html", "../about.html", "/nope-from-guidelines.html"]);
        site.Page("topics/z.md").Links(["../../about.html", "/nope-from-topics.html"]);
        site.Page("topics/sub/y.md").Links(["../../about.html", "../../../about.html", "/nope-from-topics-sub.html"]);
        // 3. A post without front matter is still a post: rendered (with the defaults' layout) at its date URL.
        site.Page("_posts/2020-01-04-bare.md", frontMatter: null).Links(["/about.html", "../../../about.html", "/nope-from-bare.html"]);
        // 4. A dated file name in a collection: the date is the document's date and is cut from :title,
        //    /events/2020/launch/.
        site.Page("_events/2020-03-04-launch.md", frontMatter: "").Links(["../../../about.html", "../../about.html", "/nope-from-launch.html"]);
        // 5. A front-matter date with a time, under :hour:minute: /timed/2020/1430/.
        site.Page("_posts/2020-01-01-timed.md", frontMatter: "date: 2020-01-01 14:30:00 +0000\npermalink: /timed/:year/:hour:minute/")
            .Links(["../../../about.html", "../../about.html", "/nope-from-timed.html"]);
        // 6. `published: "false"` is a string, so the page is published; so is one with `published: false` from defaults.
        site.Page("quoted.md", frontMatter: "published: \"false\"").Links(["/about.html", "/nope-from-quoted.html"]);
        site.Page("unpub-default.md").Links(["/about.html", "/nope-from-unpub-default.html"]);
        // 8. `:basename` is replaced as a plain substring of `:basename_x`: /hashy_x/.
        site.Page("hashy.md", frontMatter: "permalink: /:basename_x/").Links(["../about.html", "about.html", "/nope-from-hashy.html"]);
        // 9. A Markdown extension other than .md (markdown_ext: markdown,mkdown,mkdn,mkd,md): /mk.html.
        site.Page("mk.mkdown").Links(["about.html", "docs/guide.html", "/nope-from-mkdown.html"]);
        // 10. A name starting with '~' is skipped like one starting with '_', '.' or '#' (EntryFilter#special?).
        site.Page("~tilde.md", rendered: false).Links(["/about.html", "/nope-from-tilde.html"]);
        // 11. exclude: [secret] excludes both (a prefix match).
        site.Page("secret.md", rendered: false).Links(["/about.html", "/nope-from-secret.html"]);
        site.Page("secrets.md", rendered: false).Links(["/about.html", "/nope-from-secrets.html"]);

        site.Page("cases.md").Links([
            // 1.
            "/blog/news/2020/01/02/merged.html", "/blog/news/2020/01/02/merged/", "/blog/news/2020/01/02/merged",
            "/news/2020/01/02/merged.html", "/blog/2020/01/02/merged.html", "/news/blog/2020/01/02/merged.html", PostUrl(variant, "blog/news", "2020/01/02", "merged"),
            "/blog/tech/2020/01/03/tagged.html", "/blog/tech/2020/01/03/tagged/", "/tech/2020/01/03/tagged.html", "/blog/2020/01/03/tagged.html", PostUrl(variant, "blog/tech", "2020/01/03", "tagged"),
            // 2.
            "/tp/typed-post/", "/tp/typed-post", "/typed/2020/05/06/typed-post.html", "/typed/2020/05/06/typed-post/",
            "/tpg/page/", "/tpg/page", "/typed/page.html", "/typed/page",
            "/gd/g/", "/guide/g.html", "/gd/x/", "/guidelines/x.html", "/guidelines/x",
            "/tg/z/", "/topics/z.html", "/tg/y/", "/topics/sub/y.html", "/topics/sub/y",
            // 3.
            "/2020/01/04/bare.html", "/2020/01/04/bare/", "/2020/01/04/bare", "/_posts/2020-01-04-bare.md", "/_posts/2020-01-04-bare.html",
            // 4.
            "/events/2020/launch/", "/events/2020/launch", "/events/2020/2020-03-04-launch/", "/events/launch/", "/events/2020-03-04-launch.html",
            // 5.
            "/timed/2020/1430/", "/timed/2020/1430", "/timed/2020/1430/index.html", "/timed/2020/0000/", "/timed/2020/14:30/", "/2020/01/01/timed.html",
            // 6.
            "/quoted.html", "/quoted", "/unpub-default.html", "/unpub-default",
            // 8.
            "/hashy_x/", "/hashy_x", "/hashy/", "/hashy.html", "/hashy_x.html",
            // 9.
            "/mk.html", "/mk", "/mk.mkdown", "mk.html", "mk.mkdown",
            // 10.
            "/~tilde.html", "/%7Etilde.html", "~tilde.html", "/~tilde.md",
            // 11.
            "/secret.html", "/secrets.html", "secret.html", "/secret.md",
            // A root _posts/ with a collections_dir (only in that variant; a missing page in the others).
            "/2021/02/03/ignored.html", "/_posts/2021-02-03-ignored.md",
        ]);
    }

    private static string Rel(string fromFolder, string target)
    {
        var relative = Path.GetRelativePath("/r/" + fromFolder, "/r/" + target).Replace('\\', '/');
        return relative;
    }

    /// <summary>About 45 relative links to every kind of target, written relative to <paramref name="folder"/> (the source file's folder, or the page URL's).</summary>
    private static void RelativePage(PageWriter page, string folder, bool html = false, string[]? extra = null)
    {
        var links = new List<string>();
        foreach (var target in new[] { "about", "docs/guide", "docs/deep/page", "docs/noindex/other", "missing" })
        {
            var path = Rel(folder, target);
            links.Add(path + ".html");
            links.Add(path);
            links.Add(path + "/");
            links.Add(path + ".md");
        }
        links.Add(Rel(folder, "a b").Replace(" ", "%20", StringComparison.Ordinal) + ".html");
        links.Add(Rel(folder, "a b").Replace(" ", "%20", StringComparison.Ordinal));
        var root = Rel(folder, "");
        links.Add(root + "/");
        links.Add(root);
        links.Add(root + "/index.html");
        var docs = Rel(folder, "docs");
        links.Add(docs + "/");
        links.Add(docs);
        links.Add(docs + "/index.html");
        links.Add(docs + "/index");
        var noIndex = Rel(folder, "docs/noindex");
        links.Add(noIndex + "/");
        links.Add(noIndex);
        links.Add(Rel(folder, "images/logo.png"));
        links.Add(Rel(folder, "files/doc.pdf"));
        links.Add(Rel(folder, "css/main.css"));
        links.Add(Rel(folder, "css/main.scss"));
        links.Add(Rel(folder, "css/raw.scss"));
        links.Add(Rel(folder, "images/_hidden.png"));
        links.Add("./" + Rel(folder, "about") + ".html");
        links.Add(docs + "/../docs/guide.html");
        links.Add(docs + "/./deep/page.html");
        links.Add(Rel(folder, "Docs/Guide") + ".html");
        links.Add(Rel(folder, "docs/guide") + ".html?x=1");
        links.Add(Rel(folder, "docs/guide") + "?q=a");
        links.Add(Rel(folder, "docs/guide") + ".html#installing");
        links.Add(Rel(folder, "docs/guide") + "#nope");
        if (extra is not null) links.AddRange(extra);
        if (html) page.HtmlLinks(links);
        else page.Links(links);
    }

    /// <summary>Site-absolute links to every URL form, served or not.</summary>
    private static void AbsoluteLinks(PageWriter page)
    {
        page.Line("").Line("## Site-absolute").Line("");
        page.Links([
            "/", "/index.html", "/index", "/index.md",
            "/about.html", "/about", "/about/", "/about.md", "/about.html/", "/About.html",
            "/docs/", "/docs", "/docs/index.html", "/docs/index", "/docs/index/", "/DOCS/",
            "/docs/guide.html", "/docs/guide", "/docs/guide/", "/docs/guide.html/", "/docs/guide.md", "/docs/Guide.html", "/Docs/Guide.html",
            "/docs/guide.html?x=1", "/docs/guide?x=1", "/docs/guide.html?x=1#installing",
            "/docs/./guide.html", "/docs/deep/../guide.html", "/../docs/guide.html", "/docs//guide.html", "/./about.html",
            "/docs/deep/", "/docs/deep", "/docs/deep/page.html", "/docs/deep/page",
            "/docs/noindex/", "/docs/noindex", "/docs/noindex/other.html", "/docs/noindex/other",
            "/a%20b.html", "/a%20b", "/a+b.html", "/a%20B.html",
            "/custom/", "/custom", "/custom/index.html", "/custom.html", "/custom.md",
            "/x.html", "/x", "/x/", "/xpage.html", "/xpage",
            "/noslash", "/noslash.html", "/noslash/",
            "/g/one.html", "/g/one", "/g/one/", "/guides/one.html", "/guides/one", "/g/two.html",
            "/legacy.html", "/legacy", "/legacy/",
            "/headings.html", "/docs/headings.html", "/fragments.html", "/liquid.html", "/schemes.html",
            "/static.md", "/static.html", "/static",
            "/images/logo.png", "/images/logo", "/images/Logo.png", "/images/", "/images", "/images/_hidden.png",
            "/files/doc.pdf", "/files/doc.PDF", "/files/",
            "/css/main.css", "/css/main.scss", "/css/main", "/css/raw.scss", "/css/raw.css",
            "/_private/secret.html", "/_private/secret", "/_partial.html", "/_layouts/default.html",
            "/excluded.html", "/excluded", "/excluded-dir/page.html", "/excluded-dir/",
            "/unpublished.html", "/unpublished",
            "/_drafts/draft-post.html", "/2011/01/01/draft-post.html",
            "/2010/07/21/name.html", "/2010/07/21/name", "/2010/07/21/name/", "/2010/07/21/", "/2010/07/21/name.md",
            "/_posts/2010-07-21-name.html", "/2010-07-21-name.html",
            "/2012/03/04/second-post.html", "/2012/03/04/second-post/",
            "/blog/2013/05/06/blog-post.html", "/blog/2013/05/06/blog-post/", "/2013/05/06/blog-post.html", "/blog/_posts/2013-05-06-blog-post.html",
            "/news/tech/2014/01/02/categorised.html", "/2014/01/02/categorised.html", "/tech/news/2014/01/02/categorised.html",
            "/2099/01/01/future.html",
            "/kb/x/", "/kb/x", "/kb/x.html", "/kb/x/index.html", "/kb/sub/z/", "/kb/sub/z", "/kb/z/", "/_docs/x.html", "/docs/x.html", "/kb/",
            "/notes/n.html", "/_notes/n.html",
            "/smlint.yml", "/_config.yml", "/feed.xml",
            "/missing.html", "/missing", "/missing/", "/docs/missing.html",
        ]);
        page.Line("").Line("## Site-absolute images and raw HTML").Line("");
        page.Image("/images/logo.png");
        page.Image("/images/missing.png");
        page.Image("images/logo.png");
        page.Line("- <a href=\"/a b.html\">raw space</a>");
        page.Record("/a b.html", page.LineCount);
        page.Line("- <a href=\"/docs/guide.html\">raw</a>");
        page.Record("/docs/guide.html", page.LineCount);
        page.Line("- <img src=\"/images/logo.png\" alt=\"raw image\">");
        page.Record("/images/logo.png", page.LineCount);
        page.Line("- <img src=\"/images/nope.png\" alt=\"raw image\">");
        page.Record("/images/nope.png", page.LineCount);
        page.Line("").Line("## Reference links").Line("");
        page.ReferenceLinks([("guide", "/docs/guide.html"), ("gone", "/docs/gone.html"), ("about", "about.html")]);
    }

    private static void GuidePage(PageWriter page)
    {
        page.Line("").Line("## Installing").Line("").Line("Text.").Line("");
        page.Line("## Configuring the tool").Line("").Line("Text.").Line("");
        page.Links(["#installing", "#configuring-the-tool", "#Installing", "#nope", "#top", "#", "guide.html#installing", "headings.html#hello-world"]);
    }

    /// <summary>Headings of every awkward kind, each followed by links to the ids kramdown and GFM might give it.</summary>
    private static void HeadingsPage(PageWriter page)
    {
        void Heading(string heading, params string[] fragments)
        {
            page.Line("").Line(heading).Line("");
            page.Links(fragments.Select(f => "#" + f).ToArray());
        }

        Heading("## Hello, World!", "hello-world", "Hello-World", "hello-world-");
        Heading("## 1. Don't slow down", "1-dont-slow-down", "dont-slow-down", "1-don-t-slow-down");
        Heading("## Café au lait", "café-au-lait", "caf%C3%A9-au-lait", "caf-au-lait", "cafe-au-lait");
        Heading("## snake_case_heading", "snake_case_heading", "snakecaseheading", "snake-case-heading");
        Heading("## Repeated", "repeated");
        Heading("## Repeated", "repeated-1", "repeated-2");
        Heading("## Custom heading {#custom-id}", "custom-id", "custom-heading");
        Heading("##NoSpace", "nospace", "NoSpace");
        Heading("## C# and .NET", "c-and-net", "c--and-net");
        Heading("## 2019", "2019", "section");
        Heading("## 100% done", "100-done", "done");
        Heading("## Émigré & Co.", "émigré--co", "migr--co", "migr-co", "emigre--co");
        Heading("### Trailing hashes ###", "trailing-hashes", "trailing-hashes-");
        Heading("## \"Quoted\" words", "quoted-words");
        Heading("## Upper Case", "upper-case", "Upper-Case");
        page.Line("").Line("Setext heading").Line("--------------").Line("");
        page.Links(["#setext-heading"]);
        page.Line("").Line("<h2 id=\"html-id\">Raw HTML heading</h2>").Line("");
        page.Links(["#html-id", "#raw-html-heading"]);
        page.Line("").Line("<a name=\"named-anchor\"></a>").Line("");
        page.Links(["#named-anchor", "#top", "#", "#TOP", "#nope", "headings.html#hello-world", "headings#hello-world", "/docs/headings.html#nope"]);
    }

    /// <summary>Fragments on other pages, and on this page.</summary>
    private static void FragmentsPage(PageWriter page)
    {
        page.Line("").Line("## Local heading").Line("");
        page.Links([
            "#local-heading", "#Local-Heading", "#local", "#top", "#",
            "/docs/guide.html#installing", "/docs/guide#installing", "/docs/guide/#installing", "/docs/guide.html#nope", "/docs/guide.html#top",
            "docs/guide.html#configuring-the-tool", "docs/guide.html#configuring", "docs/guide.html#",
            "/docs/headings.html#hello-world", "/docs/headings.html#1-dont-slow-down", "/docs/headings.html#dont-slow-down",
            "/docs/headings.html#café-au-lait", "/docs/headings.html#caf-au-lait", "/docs/headings.html#snake_case_heading",
            "/docs/headings.html#snakecaseheading", "/docs/headings.html#repeated-1", "/docs/headings.html#custom-id",
            "/docs/headings.html#nospace", "/docs/headings.html#2019", "/docs/headings.html#section", "/docs/headings.html#html-id",
            "/docs/headings.html#named-anchor",
            "/about.html#top", "/about.html#nope", "/docs/#nope", "/docs/#top", "/images/logo.png#x", "/missing.html#x",
            "/kb/x/#nope", "/2010/07/21/name.html#nope", "/custom/#nope", "/x.html#top",
        ]);
    }

    /// <summary>Liquid link forms; every <c>{% link %}</c> and <c>{% post_url %}</c> names a file that exists (a wrong one fails the build).</summary>
    private static void LiquidPage(PageWriter page)
    {
        page.Links([
            "{{ '/docs/guide.html' | relative_url }}", "{{ '/docs/' | relative_url }}", "{{ '/nope/' | relative_url }}",
            "{{ 'docs/guide.html' | relative_url }}", "{{ '/about' | relative_url }}",
            "{{ \"/docs/guide.html\" | absolute_url }}", "{{ \"/nope.html\" | absolute_url }}", "{{ \"/about\" | absolute_url }}",
            "{{ site.baseurl }}/docs/guide.html", "{{ site.baseurl }}/nope.html", "{{ site.baseurl }}/about",
            "{{ site.url }}{{ site.baseurl }}/docs/guide.html", "{{ site.url }}/about.html",
            "{% link _docs/x.md %}", "{% link _docs/sub/z.md %}", "{% link docs/guide.md %}", "{% link about.md %}", "{% link custom.md %}",
            "{% link docs/guide.md %}#installing", "{% link docs/guide.md %}#nope",
            "{% post_url 2010-07-21-name %}", "{% post_url 2010-07-21-name %}#nope", "{% post_url 2012-03-04-second-post %}",
            "{{ '/docs/guide.html#installing' | relative_url }}", "{{ '/docs/guide.html#nope' | relative_url }}",
            // 7. post_url names a post in a subfolder's _posts by its folder; relative_url leaves an absolute URL as
            // it is (so under a baseurl the site's own https://example.test/x.html misses /base/).
            "{% post_url blog/2020-01-02-merged %}", "{% post_url blog/2020-01-02-merged %}#nope", "{% post_url 2020-01-04-bare %}",
            "{% link _events/2020-03-04-launch.md %}", "{% link mk.mkdown %}", "{% link hashy.md %}",
            "{{ 'https://example.test/x.html' | relative_url }}", "{{ 'https://example.test/x/' | relative_url }}", "{{ 'https://other.test/x/' | relative_url }}",
        ]);
    }

    /// <summary>Schemes a browser must not follow from a web page, and links the comparison leaves out.</summary>
    private static void SchemesPage(PageWriter page)
    {
        page.Links(["file:///etc/passwd", "mailto:someone@example.org", "tel:+441234567890", "https://www.gov.uk/", "http://example.org/about.html", "//example.org/x"]);
        page.HtmlLinks(["javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,hello", "JavaScript:alert(1)"]);
        // 12. A UNC path in raw HTML (see Browser.CheckAsync for what a browser makes of it).
        page.HtmlLinks(["\\\\server\\share"]);
        page.Links([
            $"http://{OwnHost}/docs/guide.html", $"http://{OwnHost}/nope.html", $"https://{OwnHost}/about.html", $"//{OwnHost}/about.html", $"//{OwnHost}/nope.html",
        ]);
    }

    private sealed class Writer(string root, List<SourceFile> files, string? collectionsDir)
    {
        private static readonly string[] CollectionFolders = ["_posts/", "_drafts/", "_docs/", "_notes/", "_events/"];
        private readonly Dictionary<string, PageWriter> pages = new(StringComparer.Ordinal);

        /// <summary>Where a source file is written: collection documents (and posts in a folder's <c>_posts</c>) go under <c>collections_dir</c>.</summary>
        private string Place(string path, bool root) =>
            collectionsDir is null || root || !(CollectionFolders.Any(f => path.StartsWith(f, StringComparison.Ordinal)) || path.Contains("/_posts/", StringComparison.Ordinal))
                ? path
                : collectionsDir + "/" + path;

        public void Raw(string path, string content) => Bytes(path, new UTF8Encoding(false).GetBytes(content));

        public void Bytes(string path, byte[] content)
        {
            var full = System.IO.Path.Combine(root, path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, content);
        }

        /// <summary>A page with front matter (<paramref name="frontMatter"/> lines inside it; null for none at all).</summary>
        /// <param name="root">Write it where <paramref name="path"/> says even when there is a <c>collections_dir</c>.</param>
        public PageWriter Page(string path, string? frontMatter = "", bool rendered = true, bool append = false, bool root = false)
        {
            path = Place(path, root);
            if (append) return pages[path];
            var file = new SourceFile(path, rendered);
            files.Add(file);
            var page = new PageWriter(file);
            pages.Add(path, page);
            if (frontMatter is not null)
            {
                page.Line("---");
                page.Line("title: " + System.IO.Path.GetFileNameWithoutExtension(path));
                foreach (var line in frontMatter.Split('\n', StringSplitOptions.RemoveEmptyEntries)) page.Line(line);
                page.Line("---");
            }
            page.Line("");
            page.Line("Links from " + path + ", one a line.");
            page.Line("");
            return page;
        }

        public void Flush()
        {
            foreach (var (path, page) in pages) Raw(path, page.Finish());
        }
    }

    internal sealed class PageWriter(SourceFile file)
    {
        private readonly List<string> lines = [];
        private readonly List<(SourceLink Usage, string Label, string Url)> references = [];

        public int LineCount => lines.Count;

        public PageWriter Line(string text)
        {
            lines.Add(text);
            return this;
        }

        /// <summary>Records a link on the given 1-based line.</summary>
        public void Record(string written, int line) => file.Links.Add(new SourceLink(file.Path, line, written));

        public PageWriter Links(IEnumerable<string> urls)
        {
            var html = file.Path.EndsWith(".html", StringComparison.Ordinal);
            if (html) return HtmlLinks(urls);
            foreach (var url in urls)
            {
                Line($"- [link]({url})");
                Record(url, lines.Count);
            }
            return this;
        }

        public PageWriter HtmlLinks(IEnumerable<string> urls)
        {
            foreach (var url in urls)
            {
                Line($"<p><a href=\"{url}\">link</a></p>");
                Record(url, lines.Count);
            }
            Line("");
            return this;
        }

        public PageWriter Image(string url)
        {
            Line($"- ![image]({url})");
            Record(url, lines.Count);
            return this;
        }

        /// <summary>Reference links: the usages here, the definitions at the end of the page; each link is named by its definition's line.</summary>
        public PageWriter ReferenceLinks(IEnumerable<(string Label, string Url)> links)
        {
            foreach (var (label, url) in links)
            {
                Line($"- [link][{label}]");
                var usage = new SourceLink(file.Path, 0, url);
                file.Links.Add(usage);
                references.Add((usage, label, url));
            }
            return this;
        }

        public string Finish()
        {
            if (references.Count > 0)
            {
                Line("");
                foreach (var (usage, label, url) in references)
                {
                    Line($"[{label}]: {url}");
                    file.Links[file.Links.IndexOf(usage)] = usage with { Line = lines.Count };
                }
            }
            return string.Join("\n", lines) + "\n";
        }
    }
}
