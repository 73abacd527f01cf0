using ServiceManual.Lint.Diagnostics;

namespace ServiceManual.Lint.Rules;

/// <summary>What a rule is, declared once beside its code (ESLint's <c>meta</c>, Roslyn's descriptor).</summary>
/// <param name="Id">Stable id such as <c>SM301</c>; used in configuration, suppressions and output.</param>
/// <param name="Name">Kebab-case name such as <c>link-target-missing</c>; accepted wherever the id is.</param>
/// <param name="Title">One line saying what the rule checks.</param>
/// <param name="Category">The family: links, front matter, navigation, files.</param>
/// <param name="DefaultSeverity">Severity when configuration says nothing.</param>
/// <param name="IsFixable">Whether the rule can offer certain fixes for <c>--fix</c>.</param>
public sealed record RuleDescriptor(
    string Id,
    string Name,
    string Title,
    string Category,
    Severity DefaultSeverity,
    bool IsFixable)
{
    /// <summary>Where the rule's documentation is published.</summary>
    public Uri HelpUri => new($"{HelpBaseUri}{Id}.md");

    /// <summary>The folder of rule docs that <see cref="HelpUri"/> points into.</summary>
    public const string HelpBaseUri = "https://github.com/servicemanual-lint/servicemanual-lint/blob/main/rules/";
}
