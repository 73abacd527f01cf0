using ServiceManual.Lint.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ServiceManual.Lint.Configuration;

/// <summary>Reads <c>_config.yml</c> and <c>smlint.yml</c> with YamlDotNet's representation model (no reflection).</summary>
public static partial class ConfigurationLoader
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
        var jekyllVersion = JekyllVersionReader.Read(root);
        var configuration = new LintConfiguration { JekyllVersion = jekyllVersion, Markdown = DefaultMarkdown(jekyllVersion) };
        var jekyll = Path.Combine(root, "_config.yml");
        if (File.Exists(jekyll)) configuration = ApplyJekyll(configuration, ReadMapping(jekyll));

        var gems = GemsUsed(root, "jekyll-sass", "github-pages");
        if (gems.Contains("jekyll-sass")) configuration = configuration with { Jekyll = configuration.Jekyll with { Plugins = [.. configuration.Jekyll.Plugins, "jekyll-sass"] } };
        // GitHub Pages' build turns jekyll-relative-links on for every site.
        if (gems.Contains("github-pages") && configuration.Jekyll.RelativeLinksSetting is not false) configuration = configuration with { Jekyll = configuration.Jekyll with { RelativeLinks = true } };

        var smlint = configPath ?? Path.Combine(root, "smlint.yml");
        if (configPath is not null && !File.Exists(configPath)) throw new ConfigurationException($"{configPath}: configuration file not found");
        if (File.Exists(smlint)) configuration = ApplySmlint(configuration with { SourcePath = smlint }, smlint, ReadMapping(smlint));
        return configuration;
    }

    // The gems a site builds with, read as text from Gemfile.lock and Gemfile (never run). The
    // jekyll-sass gem (Jekyll 1 and 2, as the Service Manual used) compiled every .scss file, where
    // Jekyll's own converter compiles only those with front matter; github-pages is GitHub's build.
    private static HashSet<string> GemsUsed(string root, params string[] names)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in (ReadOnlySpan<string>)["Gemfile.lock", "Gemfile"])
        {
            var path = Path.Combine(root, file);
            try
            {
                if (!File.Exists(path) || new FileInfo(path).Length >= 1024 * 1024) continue;
                var text = File.ReadAllText(path);
                foreach (var name in names)
                {
                    if (System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![\w-]){System.Text.RegularExpressions.Regex.Escape(name)}(?![\w-])")) found.Add(name);
                }
            }
            catch (IOException)
            {
                // Not readable: as if absent.
            }
        }
        return found;
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
        configuration = configuration with { Jekyll = ReadPublishing(root) };
        if (Get(root, "url") is YamlScalarNode { Value: { } url } && Uri.TryCreate(url, UriKind.Absolute, out var siteUri))
        {
            configuration = configuration with { Hosts = [.. configuration.Hosts, siteUri.Host] };
        }
        if (Get(root, "kramdown") is YamlMappingNode kramdown) configuration = configuration with { Markdown = ApplyKramdown(configuration.Markdown, kramdown) };
        return configuration;
    }

    // Where Jekyll publishes files: permalink style, collections, defaults, future posts, plugins
    // and the names it would otherwise skip. Values of the wrong shape are left at Jekyll's defaults,
    // as Jekyll itself mostly does; this is the site's file, not ours to reject.
    private static JekyllConfiguration ReadPublishing(YamlMappingNode root)
    {
        var jekyll = new JekyllConfiguration();
        if (Scalar(root, "permalink") is { Length: > 0 } permalink) jekyll = jekyll with { Permalink = permalink.Trim() };
        if (Scalar(root, "collections_dir") is { } collectionsDir) jekyll = jekyll with { CollectionsDir = collectionsDir.Trim().Trim('/') };
        if (Scalar(root, "url") is { Length: > 0 } url) jekyll = jekyll with { Url = url.Trim().TrimEnd('/') };
        if (Get(root, "sass") is YamlMappingNode sass && Scalar(sass, "sourcemap") is { } sourceMap) jekyll = jekyll with { SassSourceMaps = sourceMap.Trim() != "never" };
        if (Scalar(root, "future") is { } future) jekyll = jekyll with { Future = IsTrue(future) };
        var plugins = new List<string>();
        foreach (var key in new[] { "plugins", "gems" })
        {
            if (Get(root, key) is YamlSequenceNode list) plugins.AddRange(Strings(list));
        }
        jekyll = jekyll with { Plugins = plugins, GeneratedFiles = GeneratedByPlugins(root, plugins) };
        var relativeLinks = Get(root, "relative_links") as YamlMappingNode;
        bool? relativeLinksEnabled = relativeLinks is not null && Scalar(relativeLinks, "enabled") is { } enabled ? IsTrue(enabled) : null;
        jekyll = jekyll with
        {
            RelativeLinksSetting = relativeLinksEnabled,
            RelativeLinks = plugins.Contains("jekyll-relative-links") && relativeLinksEnabled is not false,
            RelativeLinksInCollections = relativeLinks is not null && Scalar(relativeLinks, "collections") is { } inCollections && IsTrue(inCollections),
        };
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in root.Children.Take(1000))
        {
            if (keyNode is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value: { } text }) variables.TryAdd(name, text);
        }
        jekyll = jekyll with { Variables = variables };
        if (Get(root, "include") is YamlSequenceNode include) jekyll = jekyll with { Include = Strings(include) };
        var collections = new List<JekyllCollection>();
        switch (Get(root, "collections"))
        {
            case YamlSequenceNode names:
                collections.AddRange(Strings(names).Where(n => n != "posts").Select(n => new JekyllCollection(n, false, null)));
                break;
            case YamlMappingNode declared:
                foreach (var (keyNode, value) in declared.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } label }) continue;
                    var metadata = value as YamlMappingNode;
                    if (label == "posts")
                    {
                        jekyll = jekyll with { PostsPermalink = metadata is null ? null : Scalar(metadata, "permalink") };
                        continue;
                    }
                    var output = metadata is not null && Scalar(metadata, "output") is { } o && IsTrue(o);
                    collections.Add(new JekyllCollection(label, output, metadata is null ? null : Scalar(metadata, "permalink")));
                }
                break;
        }
        jekyll = jekyll with { Collections = collections };
        if (Get(root, "defaults") is YamlSequenceNode defaults)
        {
            var read = new List<JekyllDefault>();
            foreach (var entry in defaults.Children.OfType<YamlMappingNode>())
            {
                var scope = Get(entry, "scope") as YamlMappingNode;
                if (Get(entry, "values") is not YamlMappingNode values) continue;
                var kept = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (keyNode, value) in values.Children)
                {
                    if (keyNode is YamlScalarNode { Value: { } key } && value is YamlScalarNode { Value: { } scalar }) kept[key] = scalar;
                }
                read.Add(new JekyllDefault((scope is null ? null : Scalar(scope, "path"))?.Trim().Trim('/') ?? string.Empty,
                    scope is null ? null : Scalar(scope, "type"), kept));
            }
            jekyll = jekyll with { Defaults = read };
        }
        return jekyll;
    }

    // The files plugins write whatever the pages say: jekyll-feed's feeds, jekyll-sitemap's sitemap
    // and robots.txt. (Pagination pages depend on the number of posts and are not listed.)
    private static string[] GeneratedByPlugins(YamlMappingNode root, List<string> plugins)
    {
        var files = new List<string>();
        if (plugins.Contains("jekyll-feed"))
        {
            var feed = Get(root, "feed") as YamlMappingNode;
            files.Add((feed is null ? null : Scalar(feed, "path"))?.Trim().TrimStart('/') ?? "feed.xml");
            if (feed is not null && Get(feed, "categories") is YamlSequenceNode categories) files.AddRange(Strings(categories).Select(c => $"feed/{c}.xml"));
        }
        if (plugins.Contains("jekyll-sitemap")) files.AddRange(["sitemap.xml", "robots.txt"]);
        if (plugins.Contains("jekyll-redirect-from")) files.Add("redirects.json");
        return files.ToArray();
    }

    // YAML 1.1 as Psych reads it: true, yes and on (any case) are true.
    private static bool IsTrue(string value) => value.Trim().ToLowerInvariant() is "true" or "yes" or "on";

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
                case "external":
                    configuration = configuration with { External = ParseExternal(path, value, configuration.External) };
                    break;
                default:
                    throw Error(path, keyNode, $"unknown key '{key}'; expected include, exclude, rules, site, limits, ruleset or external");
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
                "paths" => configuration with { Paths = StringList(path, value).Select(p => "/" + p.Trim().Trim('/')).ToArray() },
                "external-paths" => configuration with { ExternalPaths = StringList(path, value).Select(p => "/" + p.Trim().Trim('/')).ToArray() },
                "markdown" => configuration with { Markdown = configuration.Markdown with { Input = ParseMarkdownInput(path, value) } },
                _ => throw Error(path, keyNode, $"unknown site option '{key}'; expected baseurl, serving, hosts, paths, external-paths or markdown"),
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
