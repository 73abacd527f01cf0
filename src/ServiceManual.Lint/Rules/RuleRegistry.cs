
namespace ServiceManual.Lint.Rules;

/// <summary>The built-in rules, in the order they are listed and their findings joined (they run side by side). A test keeps it, <c>rules/</c> and the README in step.</summary>
public static class RuleRegistry
{
    /// <summary>Every built-in rule.</summary>
    public static IReadOnlyList<IRule> BuiltIn { get; } =
    [
        new FileUnreadableRule(),
        new FileSkippedRule(),
        new SuppressionInvalidRule(),
        new ConfigPublishedRule(),
        new FrontMatterInvalidRule(),
        new FrontMatterRequiredKeyRule(),
        new FrontMatterValueRule(),
        new FrontMatterDuplicateKeyRule(),
        new FrontMatterKeyTypoRule(),
        new BreadcrumbInvalidRule(),
        new BreadcrumbTrailRule(),
        new BreadcrumbLabelRule(),
        new PhaseNavRule(),
        new PhaseNavReciprocalRule(),
        new LinkTargetMissingRule(),
        new LinkFragmentMissingRule(),
        new LinkEscapesRootRule(),
        new LinkEmptyRule(),
        new LinkMissingLeadingSlashRule(),
        new LinkToOwnHostRule(),
        new LinkUnsafeSchemeRule(),
        new LinkRedirectedRule(),
        new LinkTextEmptyRule(),
        // Run only with --external (external.enabled), after the rules above, by the external phase.
        new ExternalLinkBrokenRule(),
        new ExternalLinkUnreachableRule(),
        new ExternalLinkFlakyRule(),
        new ExternalLinkRedirectedRule(),
        new ExternalFragmentMissingRule(),
    ];

    /// <summary>A built-in rule by id (<c>SM301</c>) or name (<c>link-target-missing</c>), ignoring case.</summary>
    public static IRule? Find(string idOrName) => BuiltIn.FirstOrDefault(rule =>
        rule.Descriptor.Id.Equals(idOrName, StringComparison.OrdinalIgnoreCase) || rule.Descriptor.Name.Equals(idOrName, StringComparison.OrdinalIgnoreCase));
}
