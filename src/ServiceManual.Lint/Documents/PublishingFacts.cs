namespace ServiceManual.Lint.Documents;

/// <summary>
/// The front matter values that decide where Jekyll publishes a page: read once while parsing (and
/// kept in the cache's summary), so the site's URL index never decodes a cached page's body.
/// </summary>
/// <param name="Permalink">The <c>permalink</c> value.</param>
/// <param name="Published">The <c>published</c> value as written (<c>false</c> keeps the page out of the build).</param>
/// <param name="Date">The <c>date</c> value as written (a post's date when set).</param>
/// <param name="Slug">The <c>slug</c> value (a post's or document's <c>:title</c>).</param>
/// <param name="Categories">The <c>category</c> and <c>categories</c> values.</param>
/// <param name="RedirectFrom">jekyll-redirect-from's <c>redirect_from</c> URLs.</param>
/// <param name="RedirectTo">jekyll-redirect-from's <c>redirect_to</c> URL.</param>
internal sealed record PublishingFacts(string? Permalink, string? Published, string? Date, string? Slug, IReadOnlyList<string> Categories,
    IReadOnlyList<string> RedirectFrom, string? RedirectTo)
{
    /// <summary>A page whose front matter says nothing about where it is published.</summary>
    public static PublishingFacts None { get; } = new(null, null, null, null, [], [], null);

    /// <summary>Reads the facts from parsed front matter.</summary>
    public static PublishingFacts Of(FrontMatter? frontMatter)
    {
        if (frontMatter?.Root is not { } root) return None;
        string? Scalar(string key) => root.Get(key) is YamlScalar { IsNull: false } scalar ? scalar.Value : null;
        var permalink = Scalar("permalink");
        // Only a plain false unpublishes: a quoted "false" is a string, which Jekyll publishes.
        var published = root.Get("published") is YamlScalar { IsNull: false, Style: YamlDotNet.Core.ScalarStyle.Plain } plainPublished ? plainPublished.Value : null;
        var date = Scalar("date");
        var slug = Scalar("slug");
        var categories = new List<string>();
        // Jekyll's order (Document#populate_categories): 'categories' (a list, or a string of names),
        // then 'category'; the folders above _posts come before both (see SiteOutput).
        switch (root.Get("categories"))
        {
            case YamlSequence list:
                categories.AddRange(list.Items.OfType<YamlScalar>().Where(s => !s.IsNull).Select(s => s.Value));
                break;
            case YamlScalar { IsNull: false } names:
                categories.AddRange(names.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                break;
        }
        if (Scalar("category") is { } category) categories.Add(category);
        var redirectFrom = root.Get("redirect_from") switch
        {
            YamlSequence list => list.Items.OfType<YamlScalar>().Where(s => !s.IsNull).Select(s => s.Value).ToArray(),
            YamlScalar { IsNull: false } one => [one.Value],
            _ => [],
        };
        var redirectTo = Scalar("redirect_to");
        if (permalink is null && published is null && date is null && slug is null && categories.Count == 0 && redirectFrom.Length == 0 && redirectTo is null) return None;
        return new PublishingFacts(permalink, published, date, slug, categories.ToArray(), redirectFrom, redirectTo);
    }
}
