using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Rules.Files;

/// <summary>SM002: an entry the walker did not follow or could not read: a symbolic link, an unreadable folder.</summary>
public sealed class FileSkippedRule : ISiteRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM002", "file-skipped", "File or folder was not checked", "files", Severity.Info, IsFixable: false);

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        foreach (var skipped in context.Site.Skipped) context.Report(null, skipped.Path, skipped.Span, skipped.Message);
    }
}
