using ServiceManual.Lint.Documents;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ServiceManual.Lint.Configuration;

// The Markdown dialect and kramdown's id options. Precedence, highest first: smlint.yml's
// site.markdown (the user's word on what the linter should assume); _config.yml's kramdown.input
// (what Jekyll is told); the Jekyll version (1 and 2 read kramdown's own input, 3 and later GFM);
// else GFM, the default of every Jekyll since 3.0.
public static partial class ConfigurationLoader
{
    private static MarkdownOptions DefaultMarkdown(System.Version? jekyllVersion) =>
        MarkdownOptions.Default with { Input = jekyllVersion is { Major: < 3 } ? MarkdownInput.Kramdown : MarkdownInput.Gfm };

    // _config.yml's kramdown mapping, read as Jekyll hands it to kramdown.
    private static MarkdownOptions ApplyKramdown(MarkdownOptions options, YamlMappingNode kramdown, string path)
    {
        if (Get(kramdown, "input") is YamlScalarNode { Value: { } input } inputNode) options = options with { Input = JekyllInput(input, inputNode, path) };
        if (Get(kramdown, "auto_ids") is YamlScalarNode autoIds) options = options with { AutoIds = KramdownBoolean(autoIds) };
        if (Get(kramdown, "auto_id_stripping") is YamlScalarNode stripping) options = options with { AutoIdStripping = KramdownBoolean(stripping) };
        if (Get(kramdown, "transliterated_header_ids") is YamlScalarNode transliterated) options = options with { TransliteratedHeaderIds = KramdownBoolean(transliterated) };
        if (Get(kramdown, "auto_id_prefix") is YamlScalarNode prefix) options = options with { AutoIdPrefix = IsNull(prefix) ? string.Empty : prefix.Value ?? string.Empty };
        // gfm_quirks: "paragraph_end,no_auto_typographic" or a list; only paragraph_end changes headers.
        switch (Get(kramdown, "gfm_quirks"))
        {
            case YamlScalarNode quirks:
                options = options with { GfmParagraphEnd = !IsNull(quirks) && (quirks.Value ?? "").Split(',').Any(q => q.Trim() == "paragraph_end") };
                break;
            case YamlSequenceNode quirks:
                options = options with { GfmParagraphEnd = Strings(quirks).Any(q => q.Trim() == "paragraph_end") };
                break;
        }
        return options;
    }

    // Jekyll (and kramdown) upper-case the first letter and look for a parser class of that name:
    // "GFM" and "kramdown" work, "gfm" fails the build. "markdown" is kramdown's strict Markdown
    // parser, which shares kramdown's headers and ids.
    private static MarkdownInput JekyllInput(string input, YamlNode node, string path)
    {
        var name = input.Length == 0 ? input : char.ToUpperInvariant(input[0]) + input[1..];
        return name switch
        {
            "GFM" => MarkdownInput.Gfm,
            "Kramdown" or "Markdown" => MarkdownInput.Kramdown,
            _ => throw new ConfigurationException("_config.yml", (int)node.Start.Line, (int)node.Start.Column,
                $"kramdown input '{input}' is not one Jekyll can use (it takes GFM or kramdown; " +
                "only the first letter's case may differ); Jekyll stops with \"kramdown has no parser to handle the specified input format\"", Path.GetFullPath(path)),
        };
    }

    private static MarkdownInput ParseMarkdownInput(string path, YamlNode value) => ScalarValue(path, value).ToLowerInvariant() switch
    {
        "gfm" => MarkdownInput.Gfm,
        "kramdown" => MarkdownInput.Kramdown,
        var other => throw Error(path, value, $"unknown markdown dialect '{other}'; expected gfm or kramdown"),
    };

    // kramdown's Boolean option: YAML's own true and false (Jekyll's YAML is 1.1, so an unquoted
    // no or off is false too); any other value is true unless it is empty or "false", so "true," counts.
    private static bool KramdownBoolean(YamlScalarNode node)
    {
        var value = node.Value ?? string.Empty;
        if (node.Style == ScalarStyle.Plain && value is "no" or "No" or "NO" or "off" or "Off" or "OFF") return false;
        var text = value.Trim().ToLowerInvariant();
        return !IsNull(node) && text.Length > 0 && text != "false";
    }

    private static bool IsNull(YamlScalarNode node) =>
        node.Style == ScalarStyle.Plain && node.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
