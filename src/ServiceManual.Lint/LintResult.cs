using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Reporting;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint;

/// <summary>The outcome of a lint run.</summary>
/// <param name="Site">The loaded site (for hosts; formatters read only <see cref="Root"/> and the run's source texts).</param>
/// <param name="Diagnostics">Every finding, sorted by file and position.</param>
/// <param name="FilesChecked">How many pages and templates were checked.</param>
public sealed record LintResult(JekyllSite Site, IReadOnlyList<Diagnostic> Diagnostics, int FilesChecked)
{
    /// <summary>The site's root folder, which findings' paths are relative to.</summary>
    public string Root { get; init; } = Site?.Root ?? string.Empty;

    /// <summary>
    /// The texts of the files the run read (the pages' own, read back through the run's released
    /// texts when let go after parsing, or a cached finding's remembered line): what formatters read.
    /// </summary>
    internal ISourceTexts Sources { get; init; } = Site is null ? NoSourceTexts.Instance : new SiteSourceTexts(Site);

    /// <summary>The number of findings at exactly this severity.</summary>
    public int Count(Severity severity) => Diagnostics.Count(d => d.Severity == severity);

    /// <summary>How long each phase and rule took, in the order they ran (what <c>SMLINT_TIMING=1</c> prints).</summary>
    internal IReadOnlyList<PhaseTiming> Timings { get; init; } = [];

    /// <summary>
    /// The links of the checked files that were not checked, by reason; null when the cache left
    /// files unchecked (their links were not looked at this run).
    /// </summary>
    internal UncheckedLinks? Unchecked { get; init; }

    /// <summary>What the external link check did (URLs, requests, answers by outcome); null when it did not run.</summary>
    internal External.ExternalSummary? External { get; init; }

    /// <summary>Why the incremental cache could not be written, when it could not (the findings are complete regardless).</summary>
    public string? CacheWarning { get; init; }
}

/// <summary>Links not checked, by reason: nothing is skipped in silence.</summary>
/// <param name="External">Links to other sites and schemes (<c>https:</c>, <c>mailto:</c>...).</param>
/// <param name="Liquid">Links that need Liquid evaluated (not literal <c>relative_url</c>, <c>link</c> or <c>post_url</c> forms), or relative links in layouts and includes.</param>
/// <param name="ExternalPaths">Links under the configured <c>site.external-paths</c>.</param>
/// <param name="Unpublished">Links in layouts and includes that no published page uses.</param>
internal sealed record UncheckedLinks(int External, int Liquid, int ExternalPaths, int Unpublished)
{
    /// <summary>All of them.</summary>
    public int Total => External + Liquid + ExternalPaths + Unpublished;
}

/// <summary>The source texts of a loaded site's pages and templates.</summary>
internal sealed class SiteSourceTexts(JekyllSite site) : ISourceTexts
{
    /// <inheritdoc />
    public string? Line(string path, int line) => site.FindFile(path)?.GetLine(line);

    /// <inheritdoc />
    public SourceSpan? Span(string path, int offset, int length) => site.FindFile(path)?.Source.GetSpan(offset, length);
}
