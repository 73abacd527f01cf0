namespace ServiceManual.Lint.Configuration;

/// <summary>A collection declared in <c>_config.yml</c>'s <c>collections:</c>.</summary>
/// <param name="Label">Its name: files live in <c>_label/</c> (under <c>collections_dir</c>).</param>
/// <param name="Output">Whether Jekyll writes its documents (<c>output: true</c>); posts always are.</param>
/// <param name="Permalink">Its <c>permalink</c> template, if set.</param>
internal sealed record JekyllCollection(string Label, bool Output, string? Permalink);

/// <summary>One entry of <c>_config.yml</c>'s <c>defaults:</c>: front matter values for the files in its scope.</summary>
/// <param name="ScopePath">The scope's <c>path</c> (a folder prefix or a glob), empty for every file.</param>
/// <param name="ScopeType">The scope's <c>type</c> (<c>pages</c>, <c>posts</c>, <c>drafts</c> or a collection), null for every type.</param>
/// <param name="Values">The scalar values it sets, by key (only those that decide where a file is published are kept).</param>
internal sealed record JekyllDefault(string ScopePath, string? ScopeType, IReadOnlyDictionary<string, string> Values);

/// <summary>
/// What <c>_config.yml</c> says about where Jekyll publishes each file: the permalink style,
/// collections, front matter defaults, whether future posts are built, the plugins that publish
/// pages of their own (jekyll-redirect-from) and the names Jekyll would otherwise skip.
/// </summary>
internal sealed record JekyllConfiguration
{
    /// <summary>The <c>permalink</c> setting: a style name (<c>date</c>, <c>pretty</c>, <c>ordinal</c>, <c>weekdate</c>, <c>none</c>) or a template.</summary>
    public string Permalink { get; init; } = "date";

    /// <summary>The posts' own <c>permalink</c> (<c>collections: posts: permalink:</c>), over <see cref="Permalink"/>.</summary>
    public string? PostsPermalink { get; init; }

    /// <summary>Collections other than posts, in the order declared.</summary>
    public IReadOnlyList<JekyllCollection> Collections { get; init; } = [];

    /// <summary>The folder collections live in (<c>collections_dir</c>), empty for the site root.</summary>
    public string CollectionsDir { get; init; } = string.Empty;

    /// <summary>Front matter defaults, in the order declared (later ones win where scopes tie).</summary>
    public IReadOnlyList<JekyllDefault> Defaults { get; init; } = [];

    /// <summary>Whether posts dated in the future are published (<c>future:</c>; Jekyll 3 and later default to false).</summary>
    public bool? Future { get; init; }

    /// <summary>Plugins named in <c>plugins:</c> or <c>gems:</c>.</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];

    /// <summary>The site's <c>url</c> (what <c>absolute_url</c> puts in front), if set.</summary>
    public string? Url { get; init; }

    /// <summary>The top-level text values of <c>_config.yml</c>, which Liquid reads as <c>site.name</c> (<c>{{ site.repository }}/issues</c>).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether compiled Sass gets a source map beside it (<c>x.css.map</c>): Jekyll 4's converter writes one unless <c>sass: sourcemap: never</c>.</summary>
    public bool SassSourceMaps { get; init; } = true;

    /// <summary>Files the site's plugins write of their own (jekyll-feed's <c>feed.xml</c>, jekyll-sitemap's <c>sitemap.xml</c>...), as paths in <c>_site</c>.</summary>
    public IReadOnlyList<string> GeneratedFiles { get; init; } = [];

    /// <summary>Names Jekyll publishes although they start with <c>.</c> or <c>_</c> (<c>include:</c>).</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>
    /// Whether jekyll-relative-links rewrites Markdown links to source files (<c>[x](other.md)</c>)
    /// into their URLs: named in <c>plugins:</c>, or on by default in a GitHub Pages build (the
    /// <c>github-pages</c> gem), unless <c>relative_links: enabled: false</c>.
    /// </summary>
    public bool RelativeLinks { get; init; }

    /// <summary>The <c>relative_links: enabled:</c> setting, if written.</summary>
    public bool? RelativeLinksSetting { get; init; }

    /// <summary>Whether jekyll-relative-links also rewrites links in collection documents (<c>relative_links: collections: true</c>).</summary>
    public bool RelativeLinksInCollections { get; init; }

    /// <summary>Whether jekyll-redirect-from is on, so <c>redirect_from</c> and <c>redirect_to</c> publish redirect pages.</summary>
    public bool RedirectsFrom => Plugins.Contains("jekyll-redirect-from", StringComparer.Ordinal);

    /// <summary>The declared collection a site-relative source path belongs to, and its folder; posts are not among them.</summary>
    public (JekyllCollection Collection, string Folder)? CollectionOf(string path)
    {
        foreach (var collection in Collections)
        {
            var folder = (CollectionsDir.Length == 0 ? string.Empty : CollectionsDir + "/") + "_" + collection.Label;
            if (path.StartsWith(folder + "/", StringComparison.Ordinal)) return (collection, folder);
        }
        return null;
    }

    /// <summary>A line per setting, for the cache's fingerprint.</summary>
    public string Describe() =>
        $"permalink {Permalink} {PostsPermalink}\nurl {Url}\ncollections-dir {CollectionsDir}\nfuture {Future}\nplugins {string.Join(',', Plugins)}\ninclude {string.Join(',', Include)}\nsass-maps {SassSourceMaps}\nrelative-links {RelativeLinks} {RelativeLinksInCollections}\ngenerated {string.Join(',', GeneratedFiles)}\nvariables {string.Join(',', Variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value))}\n"
        + string.Concat(Collections.Select(c => $"collection {c.Label} {c.Output} {c.Permalink}\n"))
        + string.Concat(Defaults.Select(d => $"default {d.ScopePath} {d.ScopeType} {string.Join(',', d.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value))}\n"));
}
