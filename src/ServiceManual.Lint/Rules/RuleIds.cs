namespace ServiceManual.Lint.Rules;

/// <summary>The ids of the built-in rules, as constants (for configuration, suppressions and tests that name a rule).</summary>
public static class RuleIds
{
    /// <summary><c>SM001</c>, <c>file-unreadable</c>.</summary>
    public const string FileUnreadable = "SM001";

    /// <summary><c>SM002</c>, <c>file-skipped</c>.</summary>
    public const string FileSkipped = "SM002";

    /// <summary><c>SM003</c>, <c>suppression-invalid</c>.</summary>
    public const string SuppressionInvalid = "SM003";

    /// <summary><c>SM004</c>, <c>config-published</c>.</summary>
    public const string ConfigPublished = "SM004";

    /// <summary><c>SM101</c>, <c>front-matter-invalid</c>.</summary>
    public const string FrontMatterInvalid = "SM101";

    /// <summary><c>SM102</c>, <c>front-matter-required-key</c>.</summary>
    public const string FrontMatterRequiredKey = "SM102";

    /// <summary><c>SM103</c>, <c>front-matter-value</c>.</summary>
    public const string FrontMatterValue = "SM103";

    /// <summary><c>SM104</c>, <c>front-matter-duplicate-key</c>.</summary>
    public const string FrontMatterDuplicateKey = "SM104";

    /// <summary><c>SM105</c>, <c>front-matter-key-typo</c>.</summary>
    public const string FrontMatterKeyTypo = "SM105";

    /// <summary><c>SM201</c>, <c>breadcrumb-invalid</c>.</summary>
    public const string BreadcrumbInvalid = "SM201";

    /// <summary><c>SM202</c>, <c>breadcrumb-trail</c>.</summary>
    public const string BreadcrumbTrail = "SM202";

    /// <summary><c>SM203</c>, <c>breadcrumb-label</c>.</summary>
    public const string BreadcrumbLabel = "SM203";

    /// <summary><c>SM211</c>, <c>phase-nav</c>.</summary>
    public const string PhaseNav = "SM211";

    /// <summary><c>SM212</c>, <c>phase-nav-reciprocal</c>.</summary>
    public const string PhaseNavReciprocal = "SM212";

    /// <summary><c>SM301</c>, <c>link-target-missing</c>.</summary>
    public const string LinkTargetMissing = "SM301";

    /// <summary><c>SM302</c>, <c>link-fragment-missing</c>.</summary>
    public const string LinkFragmentMissing = "SM302";

    /// <summary><c>SM303</c>, <c>link-escapes-root</c>.</summary>
    public const string LinkEscapesRoot = "SM303";

    /// <summary><c>SM304</c>, <c>link-empty</c>.</summary>
    public const string LinkEmpty = "SM304";

    /// <summary><c>SM305</c>, <c>link-missing-leading-slash</c>.</summary>
    public const string LinkMissingLeadingSlash = "SM305";

    /// <summary><c>SM306</c>, <c>link-own-host</c>.</summary>
    public const string LinkOwnHost = "SM306";

    /// <summary><c>SM307</c>, <c>link-unsafe-scheme</c>.</summary>
    public const string LinkUnsafeScheme = "SM307";

    /// <summary><c>SM308</c>, <c>link-redirected</c>.</summary>
    public const string LinkRedirected = "SM308";

    /// <summary><c>SM310</c>, <c>external-link-broken</c>.</summary>
    public const string ExternalLinkBroken = "SM310";

    /// <summary><c>SM311</c>, <c>external-link-unreachable</c>.</summary>
    public const string ExternalLinkUnreachable = "SM311";

    /// <summary><c>SM312</c>, <c>external-link-flaky</c>.</summary>
    public const string ExternalLinkFlaky = "SM312";

    /// <summary><c>SM313</c>, <c>external-link-redirected</c>.</summary>
    public const string ExternalLinkRedirected = "SM313";

    /// <summary><c>SM314</c>, <c>external-fragment-missing</c>.</summary>
    public const string ExternalFragmentMissing = "SM314";

    /// <summary><c>SM315</c>, <c>link-text-empty</c>.</summary>
    public const string LinkTextEmpty = "SM315";
}
