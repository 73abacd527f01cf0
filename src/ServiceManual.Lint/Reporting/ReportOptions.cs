namespace ServiceManual.Lint.Reporting;

/// <summary>How a report is written, beyond its format.</summary>
public sealed record ReportOptions
{
    /// <summary>ANSI colours (only <c>pretty</c> uses them).</summary>
    public bool UseColor { get; init; }

    /// <summary>
    /// The folder that <c>pretty</c> and <c>github</c> print paths relative to (the CLI gives the
    /// current folder, or <c>GITHUB_WORKSPACE</c> for <c>github</c>, as ESLint and ruff do); null
    /// prints them relative to the site root. A file outside this folder is printed with <c>../</c>, so
    /// it still opens from there (a full path only when there is no relative one, another drive).
    /// <c>json</c> and <c>sarif</c> give paths relative to the site root, beside it.
    /// </summary>
    public string? PathBase { get; init; }

    /// <summary>How many findings a baseline hid from this report (said in the summary), and the baseline's file.</summary>
    internal BaselineSummary? Baseline { get; init; }

    /// <summary>How many findings were left out of this report because they do not fail the run (the CLI's <c>--quiet</c>), said in the summary.</summary>
    public int NotShown { get; init; }

    /// <summary>Makes the path of a finding's file as this report prints it, with forward slashes.</summary>
    public string DisplayPath(LintResult result, string sitePath)
    {
        if (PathBase is null) return sitePath;
        var full = Path.Combine(result.Root, sitePath);
        var relative = Path.GetRelativePath(PathBase, full).Replace('\\', '/');
        return Path.IsPathRooted(relative) ? full.Replace('\\', '/') : relative;
    }
}

/// <summary>What a baseline did to a report.</summary>
/// <param name="Path">The baseline file, as given.</param>
/// <param name="Hidden">How many findings it hid.</param>
internal sealed record BaselineSummary(string Path, int Hidden);
