using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Rules;

namespace ServiceManual.Lint;

/// <summary>What to lint and how.</summary>
public sealed record LintOptions
{
    /// <summary>
    /// The site root. When null, it is the nearest folder at or above the first of <see cref="Paths"/>
    /// (or the current folder) holding <c>smlint.yml</c> or <c>_config.yml</c>.
    /// </summary>
    public string? Root { get; init; }

    /// <summary>A configuration file to use instead of <c>smlint.yml</c> at the root.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Files or folders to report on; empty means the whole site. The whole site is always loaded, so cross-page checks stay exact.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Globs of files whose findings are not reported, after the configuration's <c>ignore:</c> (so a <c>!glob</c> here takes back one there).</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>Severity overrides by rule id or name, applied over the configuration file (the CLI's <c>--rule</c>).</summary>
    public IReadOnlyDictionary<string, Severity> RuleSeverities { get; init; } = new Dictionary<string, Severity>();

    /// <summary>Told how many pages have been parsed so far, a few times a second while loading (for progress displays).</summary>
    public IProgress<int>? Progress { get; init; }

    /// <summary>
    /// A folder for the incremental cache (relative to the site root), such as <c>.smlint-cache</c>;
    /// null (the default) reads and writes no cache. With it, a run re-parses only changed files and
    /// re-checks only files whose findings could have changed, and reports exactly what a full run would.
    /// A file's findings are taken to depend on its own text and on what other files show: their ids,
    /// front matter, <c>{:.class}</c> lists, includes and the set of files. <see cref="AdditionalRules"/>
    /// that read more of other files (their body text, say) should not be run with a cache.
    /// </summary>
    public string? CacheFolder { get; init; }

    /// <summary>
    /// Whether links to other sites are checked over the network (the CLI's <c>--external</c>);
    /// null (the default) leaves it to <c>external.enabled</c> in the configuration, which is off.
    /// </summary>
    public bool? CheckExternalLinks { get; init; }

    /// <summary>Ask the network about every external URL, whatever the external link cache holds (the CLI's <c>--external-refresh</c>).</summary>
    public bool RefreshExternalLinks { get; init; }

    /// <summary>Told how far the external link check has got, a few times a second (for progress displays).</summary>
    internal IProgress<External.ExternalProgress>? ExternalProgress { get; init; }

    // Tests connect every host name to a server on 127.0.0.1 through this instead of DNS.
    internal Func<System.Net.Http.SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? ExternalConnect { get; init; }

    /// <summary>Rules of the caller's own, run after the built-in ones (which run side by side), one at a time, on the calling thread.</summary>
    public IReadOnlyList<IRule> AdditionalRules { get; init; } = [];
}
