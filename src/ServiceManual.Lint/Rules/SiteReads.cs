namespace ServiceManual.Lint.Rules;

/// <summary>
/// Kinds of what a rule reads of files other than the one it reports on, declared in
/// <see cref="RuleDescriptor.Reads"/>. They are what the incremental cache watches
/// (<c>LintOptions.CacheFolder</c>): when one of them changes in a file, every file that may have
/// read it is checked again. What is not listed here (another page's text, its own links) is not
/// watched, and no rule may depend on it.
/// </summary>
[Flags]
public enum SiteReads
{
    /// <summary>Only the file being checked (its own text, links, ids and front matter) and the configuration.</summary>
    None = 0,

    /// <summary>
    /// Which files the site has and at which URLs it serves them (<see cref="SiteContext.Site"/>'s
    /// index: resolving, <c>UrlOf</c>, <c>FindFile</c>, the list of pages and templates). The cache
    /// checks everything again when a file is added, removed or renamed.
    /// </summary>
    Files = 1,

    /// <summary>The ids (anchors) of the pages the file links to; a page's new or removed ids re-check the files linking to it.</summary>
    Anchors = 2,

    /// <summary>Other files' front matter (titles, layouts, breadcrumbs, phases, permalinks) and kind; a change re-checks everything.</summary>
    FrontMatter = 4,

    /// <summary>Other files' <c>{:.class}</c> lists and their items; a change re-checks everything.</summary>
    Lists = 8,

    /// <summary>Other files' includes; a change re-checks everything.</summary>
    Includes = 16,
}
