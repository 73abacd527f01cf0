using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Site;

/// <summary>What became of a link when it was resolved against the site.</summary>
public enum LinkOutcome
{
    /// <summary>Another site or scheme (<c>https:</c>, <c>mailto:</c>, <c>tel:</c>...): not checked here.</summary>
    External,
    /// <summary>The URL holds Liquid (<c>{{ }}</c>, <c>{% %}</c>), or is relative inside a template: only known once built.</summary>
    Dynamic,
    /// <summary>Site-absolute, but outside the paths this site serves (another application on the same host).</summary>
    OtherApplication,
    /// <summary><c>[text]()</c> or <c>href=""</c>.</summary>
    Empty,
    /// <summary>Relative path with more <c>..</c> than the page is deep.</summary>
    EscapesRoot,
    /// <summary>Nothing is served at the target path.</summary>
    Missing,
    /// <summary>Relative path that resolves only when read from the site root: a missing leading slash.</summary>
    MissingLeadingSlash,
    /// <summary>The page exists but has no element with the fragment's id.</summary>
    FragmentMissing,
    /// <summary>The target (and fragment, if any) exists.</summary>
    Found,
}

/// <summary>A link and what it resolved to.</summary>
/// <param name="Source">The page the link is on.</param>
/// <param name="Link">The link.</param>
/// <param name="Outcome">The verdict.</param>
/// <param name="TargetPath">The site-relative path the link asks for (decoded, normalised), when it has one.</param>
/// <param name="Target">What is served there, when something is.</param>
/// <param name="Fragment">The decoded fragment, when the link has one.</param>
/// <param name="ViaOwnHost">The link was written as <c>https://own-host/...</c>.</param>
public sealed record LinkResolution(Page Source, Link Link, LinkOutcome Outcome, string? TargetPath, ServedTarget? Target, string? Fragment, bool ViaOwnHost);
