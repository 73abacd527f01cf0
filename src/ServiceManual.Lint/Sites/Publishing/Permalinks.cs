using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ServiceManual.Lint.Sites.Publishing;

/// <summary>
/// Jekyll's URL templates, placeholders and slugs (lib/jekyll/url.rb, page.rb, document.rb,
/// drops/url_drop.rb and utils.rb of Jekyll 4.3; pages as Jekyll 1 and 2 placed them where they differ).
/// URLs here are decoded: Jekyll escapes the placeholders and unescapes the URL again to name the
/// file it writes, and a server decodes the request before it looks for that file.
/// </summary>
internal static partial class Permalinks
{
    private static readonly Dictionary<string, string> Styles = new(StringComparer.Ordinal)
    {
        ["none"] = "/:categories/:title:output_ext",
        ["date"] = "/:categories/:year/:month/:day/:title:output_ext",
        ["ordinal"] = "/:categories/:year/:y_day/:title:output_ext",
        ["pretty"] = "/:categories/:year/:month/:day/:title/",
        ["weekdate"] = "/:categories/:year/W:week/:short_day/:title:output_ext",
    };

    /// <summary>The posts' URL template for a <c>permalink</c> setting (a style name or a template of its own).</summary>
    public static string PostTemplate(string style) => Styles.TryGetValue(style.TrimStart(':'), out var template) ? template : style;

    /// <summary>Jekyll 3+'s <c>Utils.add_permalink_suffix</c>: what a page's or collection's template ends with under a style.</summary>
    public static string AddSuffix(string template, string style)
    {
        switch (style.TrimStart(':'))
        {
            case "pretty":
                return template + "/";
            case "date" or "ordinal" or "none":
                return template + ":output_ext";
        }
        if (style.EndsWith('/')) template += "/";
        if (style.EndsWith(":output_ext", StringComparison.Ordinal)) template += ":output_ext";
        return template;
    }

    /// <summary>A page's URL template (Jekyll's <c>Page#template</c>), by Jekyll version.</summary>
    public static string PageTemplate(bool isHtml, bool isIndex, string style, int jekyllMajor)
    {
        var pretty = style.TrimStart(':') == "pretty";
        if (jekyllMajor < 3)
        {
            if (!pretty || !isHtml) return "/:path/:basename:output_ext";
            return isIndex ? "/:path/" : "/:path/:basename/";
        }
        if (!isHtml) return "/:path/:basename:output_ext";
        return isIndex ? "/:path/" : AddSuffix("/:path/:basename", style);
    }

    /// <summary>Fills a template's <c>:placeholders</c> (a missing one makes Jekyll fail; here it becomes empty) and sanitises the result.</summary>
    public static string Fill(string template, Func<string, string?> placeholder)
    {
        var filled = PlaceholderPattern().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            // '/:month_:day': the underscore may end the name rather than belong to it.
            var value = placeholder(name) ?? (name.EndsWith('_') ? placeholder(name[..^1]) is { } shorter ? shorter + "_" : null : null);
            return value ?? string.Empty;
        });
        return Sanitise(filled);
    }

    /// <summary>Jekyll's <c>URL#sanitize_url</c>: a leading slash, <c>..</c> made a slash, <c>./</c> dropped, slashes squeezed.</summary>
    public static string Sanitise(string url)
    {
        var result = ("/" + url).Replace("..", "/", StringComparison.Ordinal).Replace("./", string.Empty, StringComparison.Ordinal);
        var squeezed = new StringBuilder(result.Length);
        foreach (var c in result)
        {
            if (c == '/' && squeezed.Length > 0 && squeezed[^1] == '/') continue;
            squeezed.Append(c);
        }
        return squeezed.ToString();
    }

    /// <summary>The file Jekyll writes for a URL (<c>Page#destination</c>, <c>Document#destination</c>), relative to <c>_site</c>.</summary>
    public static string OutputPath(string url, string outputExtension)
    {
        var path = url.TrimStart('/');
        if (url.EndsWith('/')) return path + "index" + (outputExtension == ".html" ? ".html" : outputExtension);
        return path.EndsWith(outputExtension, StringComparison.Ordinal) ? path : path + outputExtension;
    }

    /// <summary>Jekyll's <c>Utils.slugify</c> in <c>default</c> (lower-cased) or <c>pretty</c> mode.</summary>
    public static string Slugify(string text, bool pretty, bool cased)
    {
        var slug = (pretty ? PrettySlugPattern() : DefaultSlugPattern()).Replace(text, "-");
        if (slug.StartsWith('-')) slug = slug[1..];
        if (slug.EndsWith('-')) slug = slug[..^1];
        return cased ? slug : slug.ToLowerInvariant();
    }

    /// <summary>A post's file name: its date, its slug and its extension (Jekyll's <c>DATE_FILENAME_MATCHER</c>).</summary>
    public static (DateOnly Date, string Slug, string Extension)? ParsePostName(string fileName)
    {
        var match = PostNamePattern().Match(fileName);
        if (!match.Success || Parse(match.Groups[1].Value) is not var (date, _, _)) return null;
        return (date, match.Groups[2].Value, match.Groups[3].Value);
    }

    /// <summary>
    /// The moment a post or document is dated (what Jekyll compares with the build's time to hold
    /// future posts back): the written time with its offset, or that wall-clock time (midnight for a
    /// date alone) in the site's timezone.
    /// </summary>
    public static DateTimeOffset? ParseInstant(string value, TimeZoneInfo? siteZone)
    {
        if (Parse(value) is not var (date, time, offset)) return null;
        return offset is { } known ? new DateTimeOffset(date.ToDateTime(time), known) : AtSiteTime(date.ToDateTime(time), siteZone);
    }

    // A date, the time written after it (midnight if none) and its offset (null if none).
    private static (DateOnly Date, TimeOnly Time, TimeSpan? Offset)? Parse(string value)
    {
        var match = DatePattern().Match(value.Trim());
        if (!match.Success) return null;
        if (!DateOnly.TryParseExact($"{Number(1):D4}-{Number(2):D2}-{Number(3):D2}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return null;
        var time = match.Groups["hour"].Success
            ? new TimeOnly(Math.Min(Number("hour"), 23), Number("minute"), match.Groups["second"].Success ? Math.Min(Number("second"), 59) : 0)
            : TimeOnly.MinValue;
        if (!match.Groups["hour"].Success || !match.Groups["zone"].Success) return (date, time, null);
        var zone = match.Groups["zone"].Value;
        var offset = zone is "Z" or "z" ? TimeSpan.Zero
            : new TimeSpan(int.Parse(zone[1..3], CultureInfo.InvariantCulture), int.Parse(zone[^2..], CultureInfo.InvariantCulture), 0) * (zone[0] == '-' ? -1 : 1);
        return (date, time, offset);

        int Number(object group) => int.Parse(group is int index ? match.Groups[index].Value : match.Groups[(string)group].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>A wall-clock time in the site's timezone (UTC when none) as a moment.</summary>
    public static DateTimeOffset AtSiteTime(DateTime wallClock, TimeZoneInfo? siteZone) =>
        siteZone is null ? new DateTimeOffset(wallClock, TimeSpan.Zero) : new DateTimeOffset(wallClock, siteZone.GetUtcOffset(wallClock));

    /// <summary>A site's <c>timezone</c> (an IANA name), or null (UTC) when it names none this machine knows.</summary>
    public static TimeZoneInfo? Zone(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name.Trim());
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>A date placeholder's value, as Ruby's <c>strftime</c> writes it.</summary>
    public static string? DatePart(string name, DateTime date) => name switch
    {
        "year" => date.Year.ToString("D4", CultureInfo.InvariantCulture),
        "month" => date.Month.ToString("D2", CultureInfo.InvariantCulture),
        "day" => date.Day.ToString("D2", CultureInfo.InvariantCulture),
        "i_month" => date.Month.ToString(CultureInfo.InvariantCulture),
        "i_day" => date.Day.ToString(CultureInfo.InvariantCulture),
        "short_year" => (date.Year % 100).ToString("D2", CultureInfo.InvariantCulture),
        "short_month" => date.ToString("MMM", CultureInfo.InvariantCulture),
        "long_month" => date.ToString("MMMM", CultureInfo.InvariantCulture),
        "y_day" => date.DayOfYear.ToString("D3", CultureInfo.InvariantCulture),
        "short_day" => date.ToString("ddd", CultureInfo.InvariantCulture),
        "long_day" => date.ToString("dddd", CultureInfo.InvariantCulture),
        "week" => ISOWeek.GetWeekOfYear(date).ToString("D2", CultureInfo.InvariantCulture),
        "w_year" => ISOWeek.GetYear(date).ToString(CultureInfo.InvariantCulture),
        "w_day" => (((int)date.DayOfWeek + 6) % 7 + 1).ToString(CultureInfo.InvariantCulture),
        "hour" => date.Hour.ToString("D2", CultureInfo.InvariantCulture),
        "minute" => date.Minute.ToString("D2", CultureInfo.InvariantCulture),
        "second" => date.Second.ToString("D2", CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>Escapes a decoded URL path as Jekyll writes it in links (Addressable's path encoding).</summary>
    public static string Escape(string path)
    {
        var escaped = new StringBuilder(path.Length);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "-._~!$&'()*+,;=:@/".Contains(c)) escaped.Append(c);
            else escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return escaped.ToString();
    }

    [GeneratedRegex(":([a-z_]+)")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"[^\p{M}\p{L}\p{Nd}]+")]
    private static partial Regex DefaultSlugPattern();

    [GeneratedRegex(@"[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+")]
    private static partial Regex PrettySlugPattern();

    [GeneratedRegex(@"^(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$")]
    private static partial Regex PostNamePattern();

    [GeneratedRegex(@"^(\d{2,4})-(\d{1,2})-(\d{1,2})(?:[ T]+(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:\.\d+)?)?\s*(?<zone>Z|z|[+-]\d{2}:?\d{2})?)?")]
    private static partial Regex DatePattern();
}
