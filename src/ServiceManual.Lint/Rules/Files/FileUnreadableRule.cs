using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Rules;

/// <summary>SM001: a page or template that could not be read as UTF-8 text, so nothing in it was checked.</summary>
internal sealed class FileUnreadableRule : ISiteRule
{
    internal static readonly RuleMessage Unreadable = new("unreadable", "{reason}");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.FileUnreadable, "file-unreadable", "File cannot be read as UTF-8 text", RuleCategory.Files, Severity.Error, IsFixable: false) { IsThreadSafe = true, Messages = [Unreadable], Reads = SiteReads.Files };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        foreach (var problem in context.Site.Problems) context.Report(null, problem.Path, problem.Span, Unreadable.With(problem.Message));
    }
}
