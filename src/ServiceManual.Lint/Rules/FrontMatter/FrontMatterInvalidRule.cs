using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Rules;

/// <summary>
/// SM101: front matter that is not closed or not valid YAML, and Markdown content files that
/// Jekyll will not render because it does not see front matter in them.
/// </summary>
internal sealed class FrontMatterInvalidRule : ISiteRule
{
    internal static readonly RuleMessage Invalid = new("invalid", "{reason}");
    internal static readonly RuleMessage NotRendered = new("not-rendered", "Markdown file is not rendered: {reason}; Jekyll serves it as a plain file");

    /// <summary>The rule's metadata, one instance for every run.</summary>
    internal static readonly RuleDescriptor Meta = new(RuleIds.FrontMatterInvalid, "front-matter-invalid", "Front matter is missing, not closed or not valid YAML", RuleCategory.FrontMatter, Severity.Error, IsFixable: false) { IsThreadSafe = true, Messages = [Invalid, NotRendered], Reads = SiteReads.Files };

    /// <inheritdoc />
    public RuleDescriptor Descriptor => Meta;

    /// <inheritdoc />
    public void Check(SiteContext context)
    {
        foreach (var page in context.LintedPages)
        {
            if (page.FrontMatter?.Error is { } error) context.Report(page, page.Path, error.Span, Invalid.With(error.Message));
        }
        // A broken opening line (BOM, trailing characters) always meant to be a page. A file with no
        // front matter at all only in the content tree (the home page's folder) outside assets/:
        // a README beside the code or in a vendored toolkit is a plain file on purpose.
        var contentFolder = context.Configuration.SiteVocabulary.Home.Trim('/');
        foreach (var file in context.Site.StaticMarkdown)
        {
            var meantAsPage = file.Reason != Sites.StaticMarkdown.NoFrontMatter
                || ((contentFolder.Length == 0 || file.Path.StartsWith(contentFolder + "/", StringComparison.Ordinal)) && !file.Path.Split('/').Contains("assets"));
            if (!meantAsPage) continue;
            context.Report(null, file.Path, SourceSpan.FileStart,
                NotRendered.With(file.Reason),
                "start the file with a line '---', the front matter keys, and another '---'");
        }
    }
}
