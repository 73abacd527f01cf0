namespace ServiceManual.Lint.Rules;

/// <summary>A check. Rules are stateless, do no file I/O and report through their context.</summary>
public interface IRule
{
    /// <summary>The rule's metadata.</summary>
    RuleDescriptor Descriptor { get; }
}

/// <summary>A rule that looks at one page at a time (its resolved links included), with the whole site's index available.</summary>
public interface IPageRule : IRule
{
    /// <summary>Checks one page and reports through <paramref name="context"/>.</summary>
    void Check(PageContext context);
}

/// <summary>
/// A rule that looks at one resolved link at a time: every link of every page and template being
/// linted, in file order, then link order.
/// </summary>
public interface ILinkRule : IRule
{
    /// <summary>Checks one link and reports through <paramref name="context"/>.</summary>
    void Check(LinkContext context);
}

/// <summary>A rule that runs once, after every page is loaded, for checks that compare pages with each other.</summary>
public interface ISiteRule : IRule
{
    /// <summary>Checks the site and reports through <paramref name="context"/>.</summary>
    void Check(SiteContext context);
}
