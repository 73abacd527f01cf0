using System.Reflection;

namespace ServiceManual.Lint.Rules;

/// <summary>The rule documents of <c>rules/</c>, embedded in the library so help works from an installed tool.</summary>
internal static class RuleDocs
{
    /// <summary>The Markdown document of a built-in rule, or null when there is none.</summary>
    public static string? Get(string ruleId)
    {
        using var stream = typeof(RuleDocs).Assembly.GetManifestResourceStream($"rules/{ruleId}.md");
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The first paragraph under the document's title: a plain description for SARIF and listings.</summary>
    public static string? Summary(string ruleId)
    {
        var doc = Get(ruleId);
        if (doc is null) return null;
        var paragraphs = doc.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return paragraphs.FirstOrDefault(p => !p.StartsWith('#'))?.Replace('\n', ' ');
    }

    internal static string InformationalVersion =>
        typeof(RuleDocs).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
