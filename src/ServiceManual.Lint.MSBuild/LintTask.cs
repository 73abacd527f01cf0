using Microsoft.Build.Framework;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace ServiceManual.Lint.MSBuild;

/// <summary>
/// Lints a Jekyll/kramdown site and reports every finding through MSBuild's logger, with file,
/// line, column, code and help link, so IDEs and CI logs place it. Fails the build on errors.
/// </summary>
public sealed class LintTask : MSBuildTask
{
    /// <summary>The site root (the folder with <c>_config.yml</c> or <c>smlint.yml</c>).</summary>
    [Required]
    public string SiteRoot { get; set; } = string.Empty;

    /// <summary>A configuration file to use instead of <c>smlint.yml</c> at the root.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Files to report on; empty means the whole site.</summary>
    public ITaskItem[] Files { get; set; } = [];

    /// <summary>Report warnings as errors, so they fail the build too.</summary>
    public bool TreatWarningsAsErrors { get; set; }

    /// <summary>The number of errors reported (after <see cref="TreatWarningsAsErrors"/>).</summary>
    [Output]
    public int ErrorCount { get; private set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        LintResult result;
        try
        {
            var files = Files.Select(f => f.GetMetadata("FullPath")).Where(f => f.Length > 0).ToArray();
            result = Linter.Lint(new LintOptions { Root = SiteRoot, ConfigPath = string.IsNullOrEmpty(ConfigFile) ? null : ConfigFile, Paths = files });
        }
        catch (ConfigurationException e)
        {
            Log.LogError(null, "SM000", null, ConfigFile ?? SiteRoot, 0, 0, 0, 0, e.Message);
            return false;
        }

        foreach (var d in result.Diagnostics)
        {
            var file = Path.Combine(result.Site.Root, d.Path);
            var message = d.Suggestion is null ? d.Message : $"{d.Message} ({d.Suggestion})";
            var help = d.Rule.HelpUri.ToString();
            if (d.Severity == Severity.Error || (TreatWarningsAsErrors && d.Severity == Severity.Warning))
            {
                ErrorCount++;
                Log.LogError(null, d.Rule.Id, help, null, file, d.Span.Line, d.Span.Column, 0, 0, message);
            }
            else if (d.Severity == Severity.Warning)
            {
                Log.LogWarning(null, d.Rule.Id, help, null, file, d.Span.Line, d.Span.Column, 0, 0, message);
            }
            else
            {
                Log.LogMessage(null, d.Rule.Id, help, file, d.Span.Line, d.Span.Column, 0, 0, MessageImportance.Normal, message);
            }
        }
        Log.LogMessage(MessageImportance.Normal, $"ServiceManualLint: {result.FilesChecked} files checked, {result.Diagnostics.Count} findings");
        return !Log.HasLoggedErrors;
    }
}
