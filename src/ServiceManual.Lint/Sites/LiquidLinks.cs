using System.Text.RegularExpressions;
using ServiceManual.Lint.Sites.Publishing;

namespace ServiceManual.Lint.Sites;

/// <summary>What a link written in Liquid comes to.</summary>
/// <param name="Url">The URL Jekyll writes, when every Liquid part has literal arguments.</param>
/// <param name="MissingTarget">The file a <c>{% link %}</c> or <c>{% post_url %}</c> names that does not exist (Jekyll's build stops there).</param>
internal readonly record struct LiquidLink(string? Url, string? MissingTarget);

/// <summary>
/// The Liquid link forms whose arguments are literals, expanded as Jekyll 4 does:
/// <c>{{ '/x/' | relative_url }}</c>, <c>{{ "/x" | absolute_url }}</c>, <c>{{ site.baseurl }}</c>,
/// <c>{{ site.url }}</c>, <c>{% link path %}</c> and <c>{% post_url name %}</c>. Anything else needs
/// Liquid itself, so the link is left unchecked (and counted).
/// </summary>
internal static partial class LiquidLinks
{
    public static LiquidLink Expand(string url, JekyllSite site)
    {
        var configuration = site.Configuration;
        var baseUrl = configuration.BaseUrl == "/" ? string.Empty : configuration.BaseUrl;
        var siteUrl = configuration.Jekyll.Url ?? string.Empty;
        // Jekyll 4's link and post_url tags put the base URL in front; Jekyll 3's did not.
        var tagBase = (configuration.JekyllVersion?.Major ?? 4) >= 4 ? baseUrl : string.Empty;
        string? missing = null;
        var expanded = FilterPattern().Replace(url, match =>
        {
            var path = match.Groups["path"].Value;
            // An absolute URL passes through both filters as it is.
            if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") return path;
            var relative = baseUrl + (path.StartsWith('/') ? path : "/" + path);
            return match.Groups["filter"].Value == "absolute_url" ? siteUrl + relative : relative;
        });
        expanded = VariablePattern().Replace(expanded, match => match.Groups["name"].Value switch
        {
            "baseurl" => baseUrl,
            "url" => siteUrl,
            // Any other text value of _config.yml ({{ site.repository }}); an unknown one stays Liquid.
            var name => configuration.Jekyll.Variables.TryGetValue(name, out var value) ? value : match.Value,
        });
        expanded = TagPattern().Replace(expanded, match =>
        {
            var argument = match.Groups["argument"].Value.Trim('\'', '"');
            if (match.Groups["tag"].Value == "post_url")
            {
                if (site.Output.PostNamed(argument) is { } post && site.Output.UrlOf(post) is { } postUrl) return tagBase + Permalinks.Escape(postUrl);
                missing ??= argument;
                return string.Empty;
            }
            var path = argument.TrimStart('/');
            // A document's path is relative to collections_dir, where there is one.
            var inCollections = configuration.Jekyll.CollectionsDir.Length == 0 ? null : site.FindFile(configuration.Jekyll.CollectionsDir + "/" + path);
            if ((site.FindFile(path) ?? inCollections) is { } page && site.Output.UrlOf(page) is { } pageUrl) return tagBase + Permalinks.Escape(pageUrl);
            if (site.HasAsset(path)) return tagBase + "/" + Permalinks.Escape(path);
            missing ??= argument;
            return string.Empty;
        });
        if (missing is not null) return new LiquidLink(null, missing);
        if (expanded.Contains("{{", StringComparison.Ordinal) || expanded.Contains("{%", StringComparison.Ordinal)) return default;
        return new LiquidLink(expanded, null);
    }

    [GeneratedRegex(@"\{\{-?\s*(?<q>['""])(?<path>[^'""{}]*)\k<q>\s*\|\s*(?<filter>relative_url|absolute_url)\s*-?\}\}")]
    private static partial Regex FilterPattern();

    [GeneratedRegex(@"\{\{-?\s*site\.(?<name>[A-Za-z_][\w-]*)\s*-?\}\}")]
    private static partial Regex VariablePattern();

    [GeneratedRegex(@"\{%-?\s*(?<tag>link|post_url)\s+(?<argument>[^\s%{}]+)\s*-?%\}")]
    private static partial Regex TagPattern();
}
