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
        var read = new List<string>();
        foreach (var gems in (ReadOnlySpan<string>)["Gemfile.lock", "Gemfile"]) read.Add(Path.GetFullPath(Path.Combine(root, gems)));
        var jekyll = Path.Combine(root, "_config.yml");
        read.Add(Path.GetFullPath(jekyll));
        if (File.Exists(jekyll)) configuration = ApplyJekyll(configuration, ReadMapping(jekyll), jekyll) with { JekyllConfigText = ReadText(jekyll) };

        var gemsUsed = GemsUsed(root, "jekyll-sass", "github-pages");
        if (gemsUsed.Contains("jekyll-sass")) configuration = configuration with { Jekyll = configuration.Jekyll with { Plugins = [.. configuration.Jekyll.Plugins, "jekyll-sass"] } };
        // GitHub Pages' build turns jekyll-relative-links on for every site.
        if (gemsUsed.Contains("github-pages") && configuration.Jekyll.RelativeLinksSetting is not false) configuration = configuration with { Jekyll = configuration.Jekyll with { RelativeLinks = true } };

        var smlint = configPath ?? Path.Combine(root, "smlint.yml");
        if (configPath is not null && !File.Exists(configPath)) throw new ConfigurationException(configPath, 0, 0, "configuration file not found");
        read.Add(Path.GetFullPath(smlint));
        configuration = configuration with { ConfigurationFiles = read };
        if (File.Exists(smlint))
        {
            var reading = new SmlintReading(ExtendsBoundaries(root, configPath));
            configuration = ApplySmlintFile(configuration with { SourcePath = smlint }, smlint, reading, []);
        }
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

    // The text as FixApplier reads it back (a BOM kept as a character), or null if it cannot be read.
    private static string? ReadText(string path)
    {
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            return null;
        }
    }

    private static YamlMappingNode? ReadMapping(string path)
    {
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path)) stream.Load(reader);
            if (stream.Documents.Count == 0) return null;
            return stream.Documents[0].RootNode as YamlMappingNode
                ?? throw new ConfigurationException(path, 1, 1, "the file must be a mapping of keys to values");
        }
        catch (YamlException e)
        {
            throw new ConfigurationException(path, (int)e.Start.Line, (int)e.Start.Column, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        catch (IOException e)
        {
            throw new ConfigurationException(path, 0, 0, $"cannot read: {e.Message}");
        }
    }

    private static LintConfiguration ApplyJekyll(LintConfiguration configuration, YamlMappingNode? root, string path)
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
        if (Get(root, "kramdown") is YamlMappingNode kramdown) configuration = configuration with { Markdown = ApplyKramdown(configuration.Markdown, kramdown, path) };
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

    /// <summary>The keys <c>smlint.yml</c> may hold (the JSON schema in <c>docs/schema/</c> lists the same; a test keeps them in step).</summary>
    public static IReadOnlyList<string> SmlintKeys { get; } = ["extends", "include", "exclude", "ignore", "rules", "overrides", "site", "limits", "ruleset", "external"];

    /// <summary>The keys of <c>site:</c>.</summary>
    public static IReadOnlyList<string> SiteKeys { get; } = ["baseurl", "serving", "hosts", "paths", "external-paths", "markdown"];

    /// <summary>The keys of <c>limits:</c>.</summary>
    public static IReadOnlyList<string> LimitKeys { get; } = ["max-page-bytes", "max-front-matter-bytes", "parse-seconds"];

    /// <summary>The keys of each entry of <c>overrides:</c>.</summary>
    public static IReadOnlyList<string> OverrideKeys { get; } = ["files", "rules"];

    // What reading one smlint.yml and the files it extends shares: where extended files may be.
    private sealed record SmlintReading(IReadOnlyList<string> Boundaries);

    // A shared configuration may live above the site (a repository's top, beside several sites), but
    // no further: inside the git repository that holds the site root (else the site root itself),
    // or beside a configuration file named explicitly.
    private static IReadOnlyList<string> ExtendsBoundaries(string root, string? configPath)
    {
        var boundaries = new List<string>();
        var full = Path.GetFullPath(root);
        var repository = full;
        for (var folder = full; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (Directory.Exists(Path.Combine(folder, ".git")) || File.Exists(Path.Combine(folder, ".git")))
            {
                repository = folder;
                break;
            }
        }
        boundaries.Add(repository);
        if (configPath is not null) boundaries.Add(Path.GetDirectoryName(Path.GetFullPath(configPath))!);
        return boundaries;
    }

    private static LintConfiguration ApplySmlintFile(LintConfiguration configuration, string path, SmlintReading reading, IReadOnlyList<string> chain)
    {
        var root = ReadMapping(path);
        if (root is null) return configuration;
        // The files extended come first, wherever "extends:" is written, so this file's keys apply over them.
        if (Get(root, "extends") is { } extends)
        {
            var fullPath = Path.GetFullPath(path);
            foreach (var (name, node) in ExtendsList(path, extends))
            {
                var target = ResolveExtends(path, node, name, reading, [.. chain, fullPath]);
                configuration = configuration with { ConfigurationFiles = [.. configuration.ConfigurationFiles, target] };
                configuration = ApplySmlintFile(configuration, target, reading, [.. chain, fullPath]);
            }
        }
        return ApplySmlint(configuration, path, root);
    }

    private static IEnumerable<(string Name, YamlNode Node)> ExtendsList(string path, YamlNode extends) => extends switch
    {
        YamlScalarNode { Value: { Length: > 0 } name } => [(name, extends)],
        YamlSequenceNode list => list.Children.Select(item => (item is YamlScalarNode { Value: { Length: > 0 } name } ? name : throw Error(path, item, "each entry of 'extends' must be a file name"), item)),
        _ => throw Error(path, extends, "'extends' must be a file name (relative to this file) or a list of them"),
    };

    private static string ResolveExtends(string path, YamlNode node, string name, SmlintReading reading, IReadOnlyList<string> chain)
    {
        if (Path.IsPathRooted(name) || name.Contains("://", StringComparison.Ordinal))
        {
            throw Error(path, node, $"'extends: {name}' must be a path relative to this file");
        }
        var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, name));
        if (!reading.Boundaries.Any(boundary => IsInside(target, boundary)))
        {
            throw Error(path, node, $"'extends: {name}' is outside {reading.Boundaries[0]}; a shared configuration must be inside the repository that holds the site");
        }
        if (!File.Exists(target)) throw Error(path, node, $"'extends: {name}': no such file ({target})");
        // A symbolic link could lead anywhere: its final target must be inside too.
        if (new FileInfo(target).LinkTarget is not null && File.ResolveLinkTarget(target, returnFinalTarget: true) is { } final
            && !reading.Boundaries.Any(boundary => IsInside(final.FullName, boundary)))
        {
            throw Error(path, node, $"'extends: {name}' is a symbolic link to {final.FullName}, outside {reading.Boundaries[0]}");
        }
        if (chain.Contains(target, StringComparer.Ordinal))
        {
            var cycle = chain.SkipWhile(file => file != target).Append(target).Select(file => Path.GetFileName(file));
            throw Error(path, node, $"'extends' makes a cycle: {string.Join(" -> ", cycle)}");
        }
        if (chain.Count >= MaxExtendsDepth) throw Error(path, node, $"'extends' is nested more than {MaxExtendsDepth} files deep");
        return target;
    }

    private const int MaxExtendsDepth = 16;

    private static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    // One file's keys over what it extends (or the defaults): lists of globs add to those extended
    // (so a "!glob" here can take back a glob there), rules and site and limits keys replace theirs
    // one by one, overrides come after theirs, and a rule set replaces theirs.
    private static LintConfiguration ApplySmlint(LintConfiguration configuration, string path, YamlMappingNode root)
    {
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            switch (key)
            {
                case "extends":
                    break;
                case "include":
                    configuration = configuration with { Include = Globs(path, value, configuration.Include) };
                    break;
                case "exclude":
                    configuration = configuration with { Exclude = Globs(path, value, configuration.Exclude) };
                    break;
                case "ignore":
                    configuration = configuration with { Ignore = Globs(path, value, configuration.Ignore) };
                    break;
                case "rules":
                    var severities = new Dictionary<string, Severity>(configuration.Severities, StringComparer.OrdinalIgnoreCase);
                    foreach (var (rule, severity) in RuleSeverities(path, value))
                    {
                        // By id, so a rule named one way here replaces the same rule named the other way in a file extended.
                        severities.Remove(Rules.RuleRegistry.Find(rule)!.Descriptor.Name);
                        severities[Rules.RuleRegistry.Find(rule)!.Descriptor.Id] = severity;
                    }
                    configuration = configuration with { Severities = severities };
                    break;
                case "overrides":
                    configuration = configuration with { Overrides = [.. configuration.Overrides, .. ParseOverrides(path, value)] };
                    break;
                case "site":
                    configuration = ApplySite(configuration, path, value);
                    break;
                case "limits":
                    configuration = configuration with { Limits = ParseLimits(path, value, configuration.Limits) };
                    break;
                case "ruleset":
                    configuration = configuration with { SiteVocabulary = LoadRuleSet(path, value, out var ruleSetFile) };
                    if (ruleSetFile is not null) configuration = configuration with { ConfigurationFiles = [.. configuration.ConfigurationFiles, ruleSetFile] };
                    break;
                case "external":
                    configuration = configuration with { External = ParseExternal(path, value, configuration.External) };
                    break;
                default:
                    throw Error(path, keyNode, $"unknown key '{key}'; expected {string.Join(", ", SmlintKeys.SkipLast(1))} or {SmlintKeys[^1]}");
            }
        }
        return configuration;
    }

    // A list of globs after those of the files extended, each checked (an empty glob, '..', or a
    // '!' with nothing before it to take back is an error).
    private static string[] Globs(string path, YamlNode node, IReadOnlyList<string> before)
    {
        string[] globs = [.. before, .. StringList(path, node)];
        for (var i = before.Count; i < globs.Length; i++)
        {
            if (GlobList.Problem(globs, i) is { } problem) throw Error(path, node is YamlSequenceNode list ? list.Children[i - before.Count] : node, problem);
        }
        return globs;
    }

    private static List<SeverityOverride> ParseOverrides(string path, YamlNode node)
    {
        if (node is not YamlSequenceNode entries) throw Error(path, node, "'overrides' must be a list of { files: [globs], rules: { id: severity } }");
        var read = new List<SeverityOverride>();
        foreach (var entry in entries.Children)
        {
            if (entry is not YamlMappingNode mapping) throw Error(path, entry, "each entry of 'overrides' must be a mapping with files and rules");
            foreach (var (keyNode, _) in mapping.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value;
                if (key is null || !OverrideKeys.Contains(key)) throw Error(path, keyNode, $"unknown key '{key}' in an override; expected files or rules");
            }
            var files = Get(mapping, "files") ?? throw Error(path, entry, "an override needs 'files': the globs it applies to");
            var rules = Get(mapping, "rules") ?? throw Error(path, entry, "an override needs 'rules': the severities it sets");
            var severities = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);
            foreach (var (rule, severity) in RuleSeverities(path, rules)) severities[Rules.RuleRegistry.Find(rule)!.Descriptor.Id] = severity;
            read.Add(new SeverityOverride(new GlobList(Globs(path, files, [])), severities));
        }
        return read;
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
                var other => throw Error(path, keyNode, $"unknown limit '{other}'; expected {string.Join(", ", LimitKeys.SkipLast(1))} or {LimitKeys[^1]}"),
            };
        }
        return limits;
    }

    // "ruleset: service-manual" names a built-in rule set; "ruleset: my-rules.yml" reads a file beside
    // smlint.yml and "ruleset: { ... }" the same keys inline, both over the generic Jekyll set
    // unless they say "extends: service-manual".
    private static SiteVocabulary LoadRuleSet(string path, YamlNode value, out string? ruleSetFile)
    {
        ruleSetFile = null;
        if (value is YamlScalarNode { Value: { } file })
        {
            if (SiteVocabulary.Named(file) is { } named) return named;
            var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, file));
            if (!File.Exists(full)) throw Error(path, value, $"rule set file '{file}' not found (the built-in rule sets are {string.Join(" and ", SiteVocabulary.BuiltInNames)})");
            ruleSetFile = full;
            return SiteVocabulary.Parse(File.ReadAllText(full), full, SiteVocabulary.Jekyll);
        }
        if (value is not YamlMappingNode) throw Error(path, value, "'ruleset' must be a rule set name, a file name or a mapping");
        var tree = Documents.YamlTreeBuilder.Parse(File.ReadAllText(path)) as Documents.YamlMapping;
        return tree?.Get("ruleset") is Documents.YamlMapping inline ? SiteVocabulary.Apply(inline, path, SiteVocabulary.Jekyll) : SiteVocabulary.Jekyll;
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
                _ => throw Error(path, keyNode, $"unknown site option '{key}'; expected {string.Join(", ", SiteKeys.SkipLast(1))} or {SiteKeys[^1]}"),
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
        new(path, (int)node.Start.Line, (int)node.Start.Column, message);
}
