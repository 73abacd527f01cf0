using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Rules;

/// <summary>SM002: an entry the walker did not follow or could not read: a symbolic link, an unreadable folder.</summary>
internal sealed class FileSkippedRule : ISiteRule
{
    internal static readonly RuleMessage Skipped = new("skipped", "{reason}");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.FileSkipped, "file-skipped", "File or folder was not checked", RuleCategory.Files, Severity.Info, IsFixable: false) { IsThreadSafe = true, Messages = [Skipped], Reads = SiteReads.Files };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        foreach (var skipped in context.Site.Skipped) context.Report(null, skipped.Path, skipped.Span, Skipped.With(skipped.Message));
    }
}
