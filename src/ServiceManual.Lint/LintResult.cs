using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Site;

namespace ServiceManual.Lint;

/// <summary>The outcome of a lint run.</summary>
/// <param name="Site">The loaded site.</param>
/// <param name="Diagnostics">Every finding, sorted by file and position.</param>
/// <param name="FilesChecked">How many pages and templates were checked.</param>
public sealed record LintResult(JekyllSite Site, IReadOnlyList<Diagnostic> Diagnostics, int FilesChecked)
{
    /// <summary>The number of findings at exactly this severity.</summary>
    public int Count(Severity severity) => Diagnostics.Count(d => d.Severity == severity);

    /// <summary>How long each phase and rule took, in the order they ran (what <c>SMLINT_TIMING=1</c> prints).</summary>
    public IReadOnlyList<PhaseTiming> Timings { get; init; } = [];

    /// <summary>Why the incremental cache could not be written, when it could not (the findings are complete regardless).</summary>
    public string? CacheWarning { get; init; }
}
