namespace ServiceManual.Lint.Rules;

/// <summary>A check. Rules are stateless, do no file I/O and report through their context.</summary>
public interface IRule
{
    /// <summary>The rule's metadata.</summary>
    RuleDescriptor Descriptor { get; }
}

/// <summary>A rule that looks at one page at a time, with the whole site's index available.</summary>
public interface IPageRule : IRule
{
    /// <summary>Checks one page and reports through <paramref name="context"/>.</summary>
    void Check(PageContext context);
}

/// <summary>A rule that runs once, after every page is loaded (cross-page checks).</summary>
public interface ISiteRule : IRule
{
    /// <summary>Checks the site and reports through <paramref name="context"/>.</summary>
    void Check(SiteContext context);
}
