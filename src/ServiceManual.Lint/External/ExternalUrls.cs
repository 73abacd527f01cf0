using System.Text.RegularExpressions;

namespace ServiceManual.Lint.External;

/// <summary>Which written URLs are checked over the network, and the form they are requested and cached by.</summary>
internal static class ExternalUrls
{
    // Linear-time matching: a pattern from a configuration file must not be able to hang a run.
    public const RegexOptions PatternOptions = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    /// <summary>The absolute URL to request (no fragment) and the decoded fragment, or false for anything not plain http(s).</summary>
    public static bool TrySplit(string written, out string url, out string? fragment)
    {
        url = string.Empty;
        fragment = null;
        var text = written.Trim();
        if (text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal)) return false;
        if (text.StartsWith("//", StringComparison.Ordinal)) text = "https:" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0) return false;
        url = uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
        if (uri.Fragment.Length > 1) fragment = Uri.UnescapeDataString(uri.Fragment[1..]);
        return true;
    }
}
