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
    public ServingStyle Serving { get; init; } = ServingStyle.Extensionless;

    /// <summary>
    /// Host names the site is published on. An <c>https://host/path</c> link to one of them is a
    /// link into this site: it is checked, and SM306 asks for the site-absolute form.
    /// </summary>
    public IReadOnlyList<string> Hosts { get; init; } = ["www.gov.uk", "gov.uk"];

    /// <summary>
    /// URL path prefixes this site serves, such as <c>/service-manual</c>. Site-absolute links
    /// elsewhere go to other applications on the same host and are not checked. When empty, every
    /// top-level file and folder of the site is a prefix.
    /// </summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

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

    /// <summary>The site's vocabulary for the front matter and navigation rules.</summary>
    public RuleSet RuleSet { get; init; } = RuleSet.ServiceManual;

    /// <summary>The file this configuration came from, if any, for messages.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The effective severity of a rule: configured by id, then by name, else its default.</summary>
    public Severity SeverityOf(Rules.RuleDescriptor rule) =>
        Severities.TryGetValue(rule.Id, out var byId) ? byId
        : Severities.TryGetValue(rule.Name, out var byName) ? byName
        : rule.DefaultSeverity;
}
