using Microsoft.Build.Framework;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using MSBuildTask = Microsoft.Build.Utilities.Task;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

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

    /// <summary>Globs (relative to the site root) of files whose findings are not reported, after the configuration's <c>ignore:</c>.</summary>
    public string[] Ignore { get; set; } = [];

    /// <summary>Report warnings as errors, so they fail the build too.</summary>
    public bool TreatWarningsAsErrors { get; set; }

    /// <summary>The number of errors reported (after <see cref="TreatWarningsAsErrors"/>).</summary>
    [Output]
    public int ErrorCount { get; private set; }

    /// <summary>
    /// Every configuration file the lint read or looked for (<c>_config.yml</c>, <c>smlint.yml</c> or
    /// <see cref="ConfigFile"/>, the files it extends, a rule set file, <c>Gemfile.lock</c>): the
    /// target's inputs next time, wherever they are.
    /// </summary>
    [Output]
    public ITaskItem[] ConfigurationFiles { get; private set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        LintResult result;
        try
        {
            var files = Files.Select(f => f.GetMetadata("FullPath")).Where(f => f.Length > 0).ToArray();
            result = Linter.Lint(new LintOptions
            {
                Root = SiteRoot,
                ConfigPath = string.IsNullOrEmpty(ConfigFile) ? null : ConfigFile,
                Paths = files,
                Ignore = Ignore.Select(g => g.Trim()).Where(g => g.Length > 0).ToArray(),
            });
        }
        catch (ConfigurationException e)
        {
            // At the file and line at fault, so the IDE opens the configuration there.
            if (e.File is not null) Log.LogError(null, "SM000", null, null, e.File, e.Line, e.Column, 0, 0, e.Reason);
            else Log.LogError(null, "SM000", null, null, ConfigFile ?? SiteRoot, 0, 0, 0, 0, e.Message);
            return false;
        }

        ConfigurationFiles = result.Site.Configuration.ConfigurationFiles.Select(f => (ITaskItem)new TaskItem(f)).ToArray();
        foreach (var d in result.Diagnostics)
        {
            var file = Path.Combine(result.Site.Root, d.Path);
            var message = d.Suggestion is null ? d.Message : $"{d.Message} ({d.Suggestion})";
            // The rule's page goes in helpLink: given as a help keyword, the terminal logger makes a
            // go.microsoft.com/fwlink link of it that leads nowhere.
            var help = d.Rule.HelpUri.ToString();
            if (d.Severity == Severity.Error || (TreatWarningsAsErrors && d.Severity == Severity.Warning))
            {
                ErrorCount++;
                Log.LogError(null, d.Rule.Id, null, help, file, d.Span.Line, d.Span.Column, 0, 0, message);
            }
            else if (d.Severity == Severity.Warning)
            {
                Log.LogWarning(null, d.Rule.Id, null, help, file, d.Span.Line, d.Span.Column, 0, 0, message);
            }
            else
            {
                Log.LogMessage(null, d.Rule.Id, null, file, d.Span.Line, d.Span.Column, 0, 0, MessageImportance.Normal, message);
            }
        }
        Log.LogMessage(MessageImportance.Normal, $"ServiceManualLint: {result.FilesChecked} files checked, {result.Diagnostics.Count} findings");
        return !Log.HasLoggedErrors;
    }
}
