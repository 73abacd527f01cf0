using System.Globalization;
using ServiceManual.Lint.External;
using YamlDotNet.RepresentationModel;

namespace ServiceManual.Lint.Configuration;

public static partial class ConfigurationLoader
{
    private static ExternalLinkSettings ParseExternal(string path, YamlNode node, ExternalLinkSettings settings)
    {
        if (node is not YamlMappingNode mapping) throw Error(path, node, "'external' must be a mapping");
        foreach (var (keyNode, value) in mapping.Children)
        {
            settings = (keyNode as YamlScalarNode)?.Value switch
            {
                "enabled" => settings with { Enabled = ParseBool(path, value) },
                "max-age" => settings with { MaxAge = ParseDuration(path, value, allowZero: true) },
                "error-max-age" => settings with { ErrorMaxAge = ParseDuration(path, value, allowZero: true) },
                "concurrency" => settings with { Concurrency = ParseCount(path, value, 1, 1024) },
                "per-host" => settings with { PerHost = ParseCount(path, value, 1, 64) },
                "timeout" => settings with { Timeout = ParseDuration(path, value, allowZero: false) },
                "retries" => settings with { Retries = ParseCount(path, value, 0, 10) },
                "retry-delay" => settings with { RetryDelay = ParseDuration(path, value, allowZero: true) },
                "max-retry-after" => settings with { MaxRetryAfter = ParseDuration(path, value, allowZero: true) },
                "max-redirects" => settings with { MaxRedirects = ParseCount(path, value, 0, 50) },
                "accept" => settings with { Accept = StringList(path, value).Select(code => ParseStatus(path, value, code)).ToArray() },
                "exclude" => settings with { Exclude = StringList(path, value).Select(pattern => CheckPattern(path, value, pattern)).ToArray() },
                "headers" => settings with { Headers = ParseHeaders(path, value) },
                "user-agent" => settings with { UserAgent = ScalarValue(path, value) },
                var other => throw Error(path, keyNode, $"unknown external option '{other}'; expected enabled, max-age, error-max-age, concurrency, per-host, timeout, retries, retry-delay, max-retry-after, max-redirects, accept, exclude, headers or user-agent"),
            };
        }
        return settings;
    }

    private static bool ParseBool(string path, YamlNode value) => ScalarValue(path, value).Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var other => throw Error(path, value, $"expected true or false, not '{other}'"),
    };

    private static int ParseCount(string path, YamlNode value, int min, int max)
    {
        var text = ScalarValue(path, value);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count < min || count > max)
        {
            throw Error(path, value, $"expected a whole number from {min} to {max}, not '{text}'");
        }
        return count;
    }

    private static int ParseStatus(string path, YamlNode node, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 999
            ? code : throw Error(path, node, $"'{text}' is not an HTTP status code");

    private static string CheckPattern(string path, YamlNode node, string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, ExternalUrls.PatternOptions);
            return pattern;
        }
        catch (ArgumentException e)
        {
            throw Error(path, node, $"exclude pattern '{pattern}' is not a valid regular expression: {e.Message}");
        }
    }

    /// <summary>"1d", "12h", "30m", "10s", "500ms", or a number of seconds.</summary>
    internal static bool TryParseDuration(string text, out TimeSpan duration)
    {
        text = text.Trim().ToLowerInvariant();
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('d') ? (text[..^1], 86400.0)
            : text.EndsWith('h') ? (text[..^1], 3600.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : (text, 1.0);
        duration = default;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value * unit > TimeSpan.FromDays(365).TotalSeconds) return false;
        duration = TimeSpan.FromSeconds(value * unit);
        return true;
    }

    private static TimeSpan ParseDuration(string path, YamlNode value, bool allowZero)
    {
        var text = ScalarValue(path, value);
        if (!TryParseDuration(text, out var duration) || (!allowZero && duration == TimeSpan.Zero))
        {
            throw Error(path, value, $"expected a duration such as 1d, 12h, 30m, 10s or 500ms{(allowZero ? "" : " (more than zero)")}, not '{text}'");
        }
        return duration;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> ParseHeaders(string path, YamlNode node)
    {
        if (node is not YamlMappingNode hosts) throw Error(path, node, "'headers' must map host names to header mappings");
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (hostNode, headersNode) in hosts.Children)
        {
            var host = ScalarValue(path, hostNode);
            if (headersNode is not YamlMappingNode headers) throw Error(path, headersNode, $"headers for '{host}' must be a mapping of header names to values");
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (nameNode, valueNode) in headers.Children)
            {
                var name = ScalarValue(path, nameNode);
                var text = ScalarValue(path, valueNode);
                // Checked here so a bad header is a configuration error with a line, not a failure mid-run.
                if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || c == ':') || text.Any(c => c is '\r' or '\n'))
                {
                    throw Error(path, nameNode, $"'{name}: {text}' is not a valid HTTP header");
                }
                values[name] = text;
            }
            result[host] = values;
        }
        return result;
    }
}
