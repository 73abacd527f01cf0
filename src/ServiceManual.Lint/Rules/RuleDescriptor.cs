using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Rules;

/// <summary>A rule's family, shown in <c>smlint rules</c> and SARIF output.</summary>
public enum RuleCategory
{
    /// <summary>Reading the site's files and the linter's own settings (SM0xx).</summary>
    Files,

    /// <summary>Front matter keys and values (SM1xx).</summary>
    FrontMatter,

    /// <summary>Breadcrumbs and phase navigation (SM2xx).</summary>
    Navigation,

    /// <summary>Links within the site (SM301-SM309).</summary>
    Links,

    /// <summary>Links to other sites, checked over the network (SM310 on).</summary>
    External,

    /// <summary>
    /// A rule of the caller's own that fits none of the above; output names it <c>other</c> (SARIF's
    /// <c>properties.category</c>, <c>smlint rules</c>). A caller's rule may also take one of the
    /// families above, and is then shown with it.
    /// </summary>
    Other,
}

/// <summary>The names categories have in output (SARIF's <c>properties.category</c>).</summary>
internal static class RuleCategoryNames
{
    /// <summary>The kebab-case name: <c>links</c>, <c>front-matter</c>, <c>navigation</c>, <c>files</c>, <c>external</c>, <c>other</c>.</summary>
    public static string ToName(this RuleCategory category) => category switch
    {
        RuleCategory.Files => "files",
        RuleCategory.FrontMatter => "front-matter",
        RuleCategory.Navigation => "navigation",
        RuleCategory.Links => "links",
        RuleCategory.External => "external",
        _ => "other",
    };
}

/// <summary>What a rule is, declared once beside its code (ESLint's <c>meta</c>, Roslyn's descriptor).</summary>
/// <param name="Id">Stable id such as <c>SM301</c>; used in configuration, suppressions and output.</param>
/// <param name="Name">Kebab-case name such as <c>link-target-missing</c>; accepted wherever the id is.</param>
/// <param name="Title">One line saying what the rule checks.</param>
/// <param name="Category">The family: links, front matter, navigation, files.</param>
/// <param name="DefaultSeverity">Severity when configuration says nothing.</param>
/// <param name="IsFixable">Whether the rule can offer certain fixes for <c>--fix</c>. The engine refuses a fix from a rule that does not say so.</param>
public sealed record RuleDescriptor(
    string Id,
    string Name,
    string Title,
    RuleCategory Category,
    Severity DefaultSeverity,
    bool IsFixable)
{
    /// <summary>
    /// Whether the rule may be called from several threads at once (it keeps no state between
    /// calls). Built-in rules that say so run beside each other, and a page rule's pages on every
    /// core; the others run alone, one call after another (as a caller's own rules always do).
    /// </summary>
    public bool IsThreadSafe { get; init; }

    /// <summary>
    /// The messages the rule reports, each with a stable id (ESLint's <c>meta.messages</c>). A rule
    /// reports through them (<c>context.Report(span, Message.With(...))</c>), so every finding carries
    /// its <see cref="Diagnostic.MessageId"/>; the engine refuses a message the descriptor does not list.
    /// </summary>
    public IReadOnlyList<RuleMessage> Messages { get; init; } = [];

    /// <summary>
    /// What the rule reads of files other than the one it reports on, through its context's typed
    /// reads (<see cref="SiteContext.AnchorsOf(Documents.Page)"/>, <see cref="SiteContext.FrontMatterOf(Documents.Page)"/>...). The
    /// incremental cache re-checks a file when what it may read of the others changed, so a rule
    /// may declare only what the cache watches; tests fail a rule that reads more than it declares.
    /// </summary>
    public SiteReads Reads { get; init; }

    /// <summary>The declared message with this id, or null.</summary>
    internal RuleMessage? FindMessage(string id)
    {
        foreach (var message in Messages)
        {
            if (message.Id == id) return message;
        }
        return null;
    }

    /// <summary>Where the rule's documentation is published.</summary>
    public Uri HelpUri => new($"{HelpBaseUri}{Id}.md");

    /// <summary>The folder of rule docs that <see cref="HelpUri"/> points into.</summary>
    public const string HelpBaseUri = "https://github.com/servicemanual-lint/servicemanual-lint/blob/main/rules/";
}
