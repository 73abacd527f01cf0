using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Rules.Files;

/// <summary>SM001: a page or template that could not be read as UTF-8 text, so nothing in it was checked.</summary>
public sealed class FileUnreadableRule : ISiteRule
{
    /// <inheritdoc />
    public RuleDescriptor Descriptor { get; } = new("SM001", "file-unreadable", "File cannot be read as UTF-8 text", "files", Severity.Error, IsFixable: false);

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        foreach (var problem in context.Site.Problems) context.Report(null, problem.Path, problem.Span, problem.Message);
    }
}
