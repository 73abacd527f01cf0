using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Configuration;

/// <summary>Everything that can be set in <c>smlint.yml</c>, merged with what <c>_config.yml</c> says.</summary>
public sealed record LintConfiguration
{
    /// <summary>The file names that mark a site root, in the order they are looked for.</summary>
    public static IReadOnlyList<string> ConfigFileNames { get; } = ["smlint.yml", "_config.yml"];

    /// <summary>Globs (relative to the root) of files to lint; empty means every page and template. A <c>!</c> glob takes back an earlier one (see <see cref="GlobList"/>).</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>
    /// Globs of files and folders that are not part of the site, on top of Jekyll's own <c>exclude</c>
    /// and with its meaning: they are not read, and a link to one of them is broken.
    /// </summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>
    /// Globs of files whose findings are not reported. Unlike <see cref="Exclude"/> they stay part of
    /// the site: links to them still work, and their ids and front matter are still read.
    /// </summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Rule severities for some files (<c>overrides:</c>), in order: a later one that matches a file wins.</summary>
    internal IReadOnlyList<SeverityOverride> Overrides { get; init; } = [];

    /// <summary>
    /// Every file this configuration was read from, full paths: <c>_config.yml</c>, <c>smlint.yml</c>
    /// (or the file given instead), the files it <c>extends</c>, a rule set file, <c>Gemfile.lock</c>
    /// and <c>Gemfile</c> (the MSBuild target's inputs, so a change to any of them runs it again).
    /// </summary>
    public IReadOnlyList<string> ConfigurationFiles { get; init; } = [];

    /// <summary>Severity per rule id or rule name; <see cref="Severity.Off"/> disables a rule.</summary>
    public IReadOnlyDictionary<string, Severity> Severities { get; init; } = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The site's <c>baseurl</c> (from <c>_config.yml</c> unless set here): site-absolute links start with it.</summary>
    public string BaseUrl { get; init; } = "/";

    /// <summary>How pages are served; decides page URLs and relative link resolution.</summary>
    internal ServingStyle Serving { get; init; } = ServingStyle.Jekyll;

    /// <summary>
    /// Host names the site is published on. An <c>https://host/path</c> link to one of them is a
    /// link into this site: it is checked, and SM306 asks for the site-absolute form.
    /// </summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>
    /// URL path prefixes this site serves (default <c>/</c>: all of them), such as <c>/service-manual</c>
    /// when the site is one application on a shared host. A site-absolute link outside them and
    /// outside <see cref="ExternalPaths"/> is reported: nothing serves it.
    /// </summary>
    public IReadOnlyList<string> Paths { get; init; } = ["/"];

    /// <summary>
    /// URL path prefixes on the site's hosts that other applications serve (GOV.UK's <c>/government</c>):
    /// links under them are not checked, and are counted as such.
    /// </summary>
    public IReadOnlyList<string> ExternalPaths { get; init; } = [];

    /// <summary>What <c>_config.yml</c> says about where each file is published.</summary>
    internal JekyllConfiguration Jekyll { get; init; } = new();

    /// <summary>Jekyll's <c>exclude</c> list.</summary>
    public IReadOnlyList<string> JekyllExclude { get; init; } = [];

    /// <summary>The text of <c>_config.yml</c> as read, when the site has one (for findings and fixes on it: rules read no files).</summary>
    internal string? JekyllConfigText { get; init; }

    /// <summary>
    /// The Jekyll version that builds the site, from its <c>Gemfile.lock</c> or <c>Gemfile</c>
    /// (see <see cref="JekyllVersionReader"/>); null when neither says, meaning the current Jekyll (4).
    /// </summary>
    public Version? JekyllVersion { get; init; }

    /// <summary>
    /// How Markdown is read and header ids made: the dialect (smlint.yml's <c>site.markdown</c>,
    /// else <c>_config.yml</c>'s <c>kramdown.input</c>, else kramdown input for Jekyll 1 and 2 and GFM
    /// otherwise) and <c>_config.yml</c>'s kramdown id options.
    /// </summary>
    internal Documents.MarkdownOptions Markdown { get; init; } = Documents.MarkdownOptions.Default;

    /// <summary>Whether kramdown generates header ids (<c>kramdown.auto_ids</c>, default true); the same as <see cref="Documents.MarkdownOptions.AutoIds"/> of <see cref="Markdown"/>.</summary>
    public bool AutoIds
    {
        get => Markdown.AutoIds;
        init => Markdown = Markdown with { AutoIds = value };
    }

    /// <summary>Bounds on file size and parse time.</summary>
    internal Limits Limits { get; init; } = new();

    /// <summary>The site's vocabulary for the front matter and navigation rules: the generic Jekyll one unless <c>ruleset:</c> chooses another.</summary>
    internal SiteVocabulary SiteVocabulary { get; init; } = SiteVocabulary.Jekyll;

    /// <summary>How links to other sites are checked (<c>external:</c>); off unless enabled.</summary>
    internal External.ExternalLinkSettings External { get; init; } = new();

    /// <summary>The file this configuration came from, if any, for messages.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The effective severity of a rule: configured by id, then by name, else its default.</summary>
    public Severity SeverityOf(Rules.RuleDescriptor rule) =>
        Severities.TryGetValue(rule.Id, out var byId) ? byId
        : Severities.TryGetValue(rule.Name, out var byName) ? byName
        : rule.DefaultSeverity;

    /// <summary>The severity of a rule's findings in one file (site-relative path): <see cref="Overrides"/> that match it, the last first, else <see cref="SeverityOf(Rules.RuleDescriptor)"/>.</summary>
    public Severity SeverityOf(Rules.RuleDescriptor rule, string path)
    {
        for (var i = Overrides.Count - 1; i >= 0; i--)
        {
            if (Overrides[i].SeverityOf(rule) is { } severity && Overrides[i].Files.Matches(path)) return severity;
        }
        return SeverityOf(rule);
    }

    /// <summary>Whether a rule is on for some file: on by itself, or turned on by an override.</summary>
    public bool IsEnabledAnywhere(Rules.RuleDescriptor rule) =>
        SeverityOf(rule) != Severity.Off || Overrides.Any(o => o.SeverityOf(rule) is { } severity && severity != Severity.Off);
}

/// <summary>One entry of <c>overrides:</c>: rule severities for the files its globs match.</summary>
/// <param name="Files">The files it applies to (<c>files:</c>).</param>
/// <param name="Rules">Severity by rule id.</param>
internal sealed record SeverityOverride(GlobList Files, IReadOnlyDictionary<string, Severity> Rules)
{
    /// <summary>The severity this override sets for <paramref name="rule"/>, or null when it sets none.</summary>
    public Severity? SeverityOf(Rules.RuleDescriptor rule) =>
        Rules.TryGetValue(rule.Id, out var byId) ? byId : Rules.TryGetValue(rule.Name, out var byName) ? byName : null;
}
