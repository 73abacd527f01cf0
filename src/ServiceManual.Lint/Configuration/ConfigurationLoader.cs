using ServiceManual.Lint.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ServiceManual.Lint.Configuration;

/// <summary>Reads <c>_config.yml</c> and <c>smlint.yml</c> with YamlDotNet's representation model (no reflection).</summary>
public static class ConfigurationLoader
{
    /// <summary>The nearest folder at or above <paramref name="start"/> that holds <c>smlint.yml</c> or <c>_config.yml</c>; else <paramref name="start"/>.</summary>
    public static string FindSiteRoot(string start)
    {
        var full = Path.GetFullPath(start);
        if (File.Exists(full)) full = Path.GetDirectoryName(full)!;
        for (var folder = full; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (LintConfiguration.ConfigFileNames.Any(name => File.Exists(Path.Combine(folder, name)))) return folder;
        }
        return full;
    }

    /// <summary>
    /// Loads the configuration of the site at <paramref name="root"/>: Jekyll's <c>_config.yml</c>
    /// first, then <paramref name="configPath"/> (default <c>smlint.yml</c> at the root) over it.
    /// </summary>
    /// <exception cref="ConfigurationException">A file is not valid YAML or holds a wrong value.</exception>
    public static LintConfiguration Load(string root, string? configPath = null)
    {
        var configuration = new LintConfiguration();
        var jekyll = Path.Combine(root, "_config.yml");
        if (File.Exists(jekyll)) configuration = ApplyJekyll(configuration, ReadMapping(jekyll));

        var smlint = configPath ?? Path.Combine(root, "smlint.yml");
        if (configPath is not null && !File.Exists(configPath)) throw new ConfigurationException($"{configPath}: configuration file not found");
        if (File.Exists(smlint)) configuration = ApplySmlint(configuration with { SourcePath = smlint }, smlint, ReadMapping(smlint));
        return configuration;
    }

    private static YamlMappingNode? ReadMapping(string path)
    {
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path)) stream.Load(reader);
            if (stream.Documents.Count == 0) return null;
            return stream.Documents[0].RootNode as YamlMappingNode
                ?? throw new ConfigurationException($"{path}:1:1: the file must be a mapping of keys to values");
        }
        catch (YamlException e)
        {
            throw new ConfigurationException($"{path}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        catch (IOException e)
        {
            throw new ConfigurationException($"{path}: cannot read: {e.Message}");
        }
    }

    private static LintConfiguration ApplyJekyll(LintConfiguration configuration, YamlMappingNode? root)
    {
        if (root is null) return configuration;
        if (Scalar(root, "baseurl") is { } baseUrl) configuration = configuration with { BaseUrl = NormaliseBaseUrl(baseUrl) };
        switch (Get(root, "exclude"))
        {
            case YamlSequenceNode exclude:
                configuration = configuration with { JekyllExclude = Strings(exclude) };
                break;
            case YamlScalarNode { Value: { } list }:
                // Jekyll 1 also took "exclude: a, b, c".
                configuration = configuration with { JekyllExclude = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) };
                break;
        }
        if (Get(root, "url") is YamlScalarNode { Value: { } url } && Uri.TryCreate(url, UriKind.Absolute, out var siteUri))
        {
            configuration = configuration with { Hosts = [.. configuration.Hosts, siteUri.Host] };
        }
        if (Get(root, "kramdown") is YamlMappingNode kramdown && Scalar(kramdown, "auto_ids") is { } autoIds)
        {
            // kramdown's Boolean option parser: anything but "false" (or empty) is true, so "true," counts.
            var value = autoIds.Trim().ToLowerInvariant();
            configuration = configuration with { AutoIds = value.Length > 0 && value != "false" };
        }
        return configuration;
    }

    private static LintConfiguration ApplySmlint(LintConfiguration configuration, string path, YamlMappingNode? root)
    {
        if (root is null) return configuration;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            switch (key)
            {
                case "include":
                    configuration = configuration with { Include = StringList(path, value) };
                    break;
                case "exclude":
                    configuration = configuration with { Exclude = StringList(path, value) };
                    break;
                case "rules":
                    configuration = configuration with { Severities = RuleSeverities(path, value) };
                    break;
                case "site":
                    configuration = ApplySite(configuration, path, value);
                    break;
                case "limits":
                    configuration = configuration with { Limits = ParseLimits(path, value, configuration.Limits) };
                    break;
                case "ruleset":
                    configuration = configuration with { RuleSet = LoadRuleSet(path, value) };
                    break;
                default:
                    throw Error(path, keyNode, $"unknown key '{key}'; expected include, exclude, rules, site, limits or ruleset");
            }
        }
        return configuration;
    }

    private static Limits ParseLimits(string path, YamlNode node, Limits limits)
    {
        if (node is not YamlMappingNode mapping) throw Error(path, node, "'limits' must be a mapping");
        foreach (var (keyNode, value) in mapping.Children)
        {
            var text = ScalarValue(path, value);
            if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) || number <= 0)
            {
                throw Error(path, value, $"limit must be a positive number, not '{text}'");
            }
            limits = (keyNode as YamlScalarNode)?.Value switch
            {
                "max-page-bytes" => limits with { MaxPageBytes = (long)number },
                "max-front-matter-bytes" => limits with { MaxFrontMatterBytes = (int)Math.Min(number, int.MaxValue) },
                "parse-seconds" => limits with { ParseSeconds = number },
                var other => throw Error(path, keyNode, $"unknown limit '{other}'; expected max-page-bytes, max-front-matter-bytes or parse-seconds"),
            };
        }
        return limits;
    }

    // "ruleset: service-manual" names a built-in rule set; "ruleset: my-rules.yml" reads a file beside
    // smlint.yml and "ruleset: { ... }" the same keys inline, both over the generic Jekyll set
    // unless they say "extends: service-manual".
    private static RuleSet LoadRuleSet(string path, YamlNode value)
    {
        if (value is YamlScalarNode { Value: { } file })
        {
            if (RuleSet.Named(file) is { } named) return named;
            var full = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, file);
            if (!File.Exists(full)) throw Error(path, value, $"rule set file '{file}' not found (the built-in rule sets are {string.Join(" and ", RuleSet.BuiltInNames)})");
            return RuleSet.Parse(File.ReadAllText(full), full, RuleSet.Jekyll);
        }
        if (value is not YamlMappingNode) throw Error(path, value, "'ruleset' must be a rule set name, a file name or a mapping");
        var tree = Documents.YamlTreeBuilder.Parse(File.ReadAllText(path)) as Documents.YamlMapping;
        return tree?.Get("ruleset") is Documents.YamlMapping inline ? RuleSet.Apply(inline, path, RuleSet.Jekyll) : RuleSet.Jekyll;
    }

    private static LintConfiguration ApplySite(LintConfiguration configuration, string path, YamlNode node)
    {
        if (node is not YamlMappingNode site) throw Error(path, node, "'site' must be a mapping");
        foreach (var (keyNode, value) in site.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            configuration = key switch
            {
                "baseurl" => configuration with { BaseUrl = NormaliseBaseUrl(ScalarValue(path, value)) },
                "serving" => configuration with { Serving = ParseServing(path, value) },
                "hosts" => configuration with { Hosts = StringList(path, value) },
                "paths" => configuration with { Paths = StringList(path, value).Select(p => "/" + p.Trim('/')).ToArray() },
                _ => throw Error(path, keyNode, $"unknown site option '{key}'; expected baseurl, serving, hosts or paths"),
            };
        }
        return configuration;
    }

    private static ServingStyle ParseServing(string path, YamlNode value) => ScalarValue(path, value).ToLowerInvariant() switch
    {
        "extensionless" => ServingStyle.Extensionless,
        "jekyll" => ServingStyle.Jekyll,
        var other => throw Error(path, value, $"unknown serving style '{other}'; expected extensionless or jekyll"),
    };

    private static Dictionary<string, Severity> RuleSeverities(string path, YamlNode node)
    {
        if (node is not YamlMappingNode rules) throw Error(path, node, "'rules' must map rule ids or names to off, info, warning or error");
        var severities = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyNode, value) in rules.Children)
        {
            var rule = ScalarValue(path, keyNode);
            var text = value is YamlMappingNode options ? Scalar(options, "severity") : (value as YamlScalarNode)?.Value;
            if (!SeverityNames.TryParse(text, out var severity))
            {
                throw Error(path, value, $"rule '{rule}': severity must be off, info, warning or error, not '{text}'");
            }
            if (Rules.RuleRegistry.Find(rule) is null) throw Error(path, keyNode, $"unknown rule '{rule}'; run 'smlint rules' for the list");
            severities[rule] = severity;
        }
        return severities;
    }

    /// <summary>Jekyll's baseurl without a trailing slash, starting with one ("/" for none).</summary>
    private static string NormaliseBaseUrl(string baseUrl) => "/" + baseUrl.Trim().Trim('/');

    private static YamlNode? Get(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(entry => entry.Key is YamlScalarNode { Value: { } name } && name == key).Value;

    private static string? Scalar(YamlMappingNode mapping, string key) => (Get(mapping, key) as YamlScalarNode)?.Value;

    private static string ScalarValue(string path, YamlNode node) =>
        (node as YamlScalarNode)?.Value ?? throw Error(path, node, "expected a single value");

    private static string[] Strings(YamlSequenceNode sequence) =>
        sequence.Children.OfType<YamlScalarNode>().Select(item => item.Value).OfType<string>().ToArray();

    private static string[] StringList(string path, YamlNode node) => node switch
    {
        YamlSequenceNode sequence => Strings(sequence),
        YamlScalarNode { Value: { } single } => [single],
        _ => throw Error(path, node, "expected a list of strings"),
    };

    private static ConfigurationException Error(string path, YamlNode node, string message) =>
        new($"{path}:{node.Start.Line}:{node.Start.Column}: {message}");
}
