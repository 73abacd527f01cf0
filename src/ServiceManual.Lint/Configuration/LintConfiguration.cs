using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Configuration;

/// <summary>Everything that can be set in <c>smlint.yml</c>, merged with what <c>_config.yml</c> says.</summary>
public sealed record LintConfiguration
{
    /// <summary>The file names that mark a site root, in the order they are looked for.</summary>
    public static IReadOnlyList<string> ConfigFileNames { get; } = ["smlint.yml", "_config.yml"];

    /// <summary>Globs (relative to the root) of files to lint; empty means every page and template.</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Globs of files and folders to leave out, on top of Jekyll's own <c>exclude</c>.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Severity per rule id or rule name; <see cref="Severity.Off"/> disables a rule.</summary>
    public IReadOnlyDictionary<string, Severity> Severities { get; init; } = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The site's <c>baseurl</c> (from <c>_config.yml</c> unless set here): site-absolute links start with it.</summary>
    public string BaseUrl { get; init; } = "/";

    /// <summary>How pages are served; decides page URLs and relative link resolution.</summary>
    public ServingStyle Serving { get; init; } = ServingStyle.Jekyll;

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
    public JekyllConfiguration Jekyll { get; init; } = new();

    /// <summary>Jekyll's <c>exclude</c> list.</summary>
    public IReadOnlyList<string> JekyllExclude { get; init; } = [];

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
    public Documents.MarkdownOptions Markdown { get; init; } = Documents.MarkdownOptions.Default;

    /// <summary>Whether kramdown generates header ids (<c>kramdown.auto_ids</c>, default true); the same as <see cref="Documents.MarkdownOptions.AutoIds"/> of <see cref="Markdown"/>.</summary>
    public bool AutoIds
    {
        get => Markdown.AutoIds;
        init => Markdown = Markdown with { AutoIds = value };
    }

    /// <summary>Bounds on file size and parse time.</summary>
    public Limits Limits { get; init; } = new();

    /// <summary>The site's vocabulary for the front matter and navigation rules: the generic Jekyll one unless <c>ruleset:</c> chooses another.</summary>
    public RuleSet RuleSet { get; init; } = RuleSet.Jekyll;

    /// <summary>How links to other sites are checked (<c>external:</c>); off unless enabled.</summary>
    public External.ExternalLinkSettings External { get; init; } = new();

    /// <summary>The file this configuration came from, if any, for messages.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The effective severity of a rule: configured by id, then by name, else its default.</summary>
    public Severity SeverityOf(Rules.RuleDescriptor rule) =>
        Severities.TryGetValue(rule.Id, out var byId) ? byId
        : Severities.TryGetValue(rule.Name, out var byName) ? byName
        : rule.DefaultSeverity;
}
