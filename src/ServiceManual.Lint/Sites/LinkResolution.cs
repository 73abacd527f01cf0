using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Sites;

/// <summary>What became of a link when it was resolved against the site.</summary>
public enum LinkOutcome
{
    /// <summary>Another site or scheme (<c>https:</c>, <c>mailto:</c>, <c>tel:</c>...): not checked here.</summary>
    External,
    /// <summary>The URL holds Liquid (<c>{{ }}</c>, <c>{% %}</c>), or is relative inside a template: only known once built.</summary>
    Dynamic,
    /// <summary>Under a path the configuration declares as another application's (<c>site.external-paths</c>): not checked.</summary>
    OtherApplication,
    /// <summary><c>[text]()</c> or <c>href=""</c>.</summary>
    Empty,
    /// <summary>Relative path with more <c>..</c> than the page is deep, yet found: browsers stop at the root.</summary>
    EscapesRoot,
    /// <summary>Nothing is served at the target path.</summary>
    Missing,
    /// <summary>Relative path that resolves only when read from the site root: a missing leading slash.</summary>
    MissingLeadingSlash,
    /// <summary>The page exists but has no element with the fragment's id.</summary>
    FragmentMissing,
    /// <summary>The target (and fragment, if any) exists.</summary>
    Found,
    // Added in 0.2: appended, so the values above keep their numbers.
    /// <summary>In a layout or include that no published page uses: Jekyll never writes it for a reader.</summary>
    Unpublished,
    /// <summary>Site-absolute, but outside the paths this site serves (<c>site.paths</c>) and not declared external: nothing serves it.</summary>
    NotServedBySite,
    /// <summary><c>javascript:</c>, <c>vbscript:</c> or <c>data:</c>: runs or embeds content instead of linking to it.</summary>
    UnsafeScheme,
    /// <summary><c>file:</c>, a drive letter or a UNC path: a file on the author's computer, never on the reader's.</summary>
    LocalFile,
}

/// <summary>A link and what it resolved to.</summary>
/// <param name="Source">The page the link is on.</param>
/// <param name="Link">The link.</param>
/// <param name="Outcome">The verdict.</param>
/// <param name="TargetPath">The path the link asks the server for (decoded, normalised, no base URL or leading slash), when it has one.</param>
/// <param name="Target">What is served there, when something is.</param>
/// <param name="Fragment">The decoded fragment, when the link has one.</param>
/// <param name="ViaOwnHost">The link was written as <c>https://own-host/...</c>.</param>
public sealed record LinkResolution(Page Source, Link Link, LinkOutcome Outcome, string? TargetPath, ServedTarget? Target, string? Fragment, bool ViaOwnHost)
{
    /// <summary>For a missing target: the path that differs only in case and is served (a case-insensitive disk hides the difference).</summary>
    public string? CaseVariant { get; init; }

    /// <summary>For a missing or unsafe target: a corrected URL that is certain (a scheme the author left out, a site path put in front).</summary>
    public string? Correction { get; init; }

    /// <summary>For a link to a jekyll-redirect-from page: the URL (no base URL) the reader is sent on to.</summary>
    public string? RedirectsTo { get; init; }

    /// <summary>Whether the link came from Liquid (<c>relative_url</c>, <c>{% link %}</c>...) resolved here with its literal argument.</summary>
    public bool FromLiquid { get; init; }
}
