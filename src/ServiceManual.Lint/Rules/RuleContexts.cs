using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Sites;

namespace ServiceManual.Lint.Rules;

/// <summary>What a site rule sees: the whole site, every link already resolved, and a way to report.</summary>
public sealed class SiteContext
{
    private readonly Action<Diagnostic> sink;
    private readonly Func<string, bool> isLinted;
    private readonly ResolvedLinks links;

    internal SiteContext(JekyllSite site, IRule rule, Severity severity, ResolvedLinks links, Func<string, bool> isLinted, IReadOnlyList<Page> lintedPages, Action<Diagnostic> sink,
        IReadOnlyList<RuleDescriptor>? knownRules = null)
    {
        KnownRules = knownRules ?? RuleRegistry.BuiltIn.Select(r => r.Descriptor).ToArray();
        Site = site;
        Rule = rule;
        Severity = severity;
        this.links = links;
        this.isLinted = isLinted;
        LintedPages = lintedPages;
        this.sink = sink;
    }

    /// <summary>The site.</summary>
    public JekyllSite Site { get; }

    /// <summary>The configuration.</summary>
    public LintConfiguration Configuration => Site.Configuration;

    /// <summary>The rule being run.</summary>
    public IRule Rule { get; }

    /// <summary>Every rule of this run, built-in and the caller's own, whether on or off (suppressions may name any of them).</summary>
    public IReadOnlyList<RuleDescriptor> KnownRules { get; }

    /// <summary>The rule's effective severity.</summary>
    public Severity Severity { get; }

    /// <summary>Every link of every page and template being linted, resolved once for all rules.</summary>
    public IReadOnlyList<LinkResolution> Links => links.OfCheckedFiles;

    /// <summary>The resolved links of any page or template (resolved on first use, once for all rules).</summary>
    public IEnumerable<LinkResolution> LinksOf(Page page) => links.Of(page);

    internal IReadOnlyList<LinkResolution> LinksOfPage(Page page) => links.Of(page);

    /// <summary>One link of a page resolved, without resolving the page's other links.</summary>
    internal LinkResolution Resolve(Page page, Link link) => links.Resolve(page, link);

    /// <summary>Whether findings in this file are wanted (the file is among those being linted).</summary>
    public bool IsLinted(string path) => isLinted(path);

    /// <summary>
    /// The pages (not templates) being linted, in path order: the pages of <see cref="JekyllSite.Pages"/>
    /// for which <see cref="IsLinted"/> holds, worked out once for every rule.
    /// </summary>
    public IReadOnlyList<Page> LintedPages { get; }

    /// <summary>
    /// Runs a built-in rule's check of each page on every core: the pages are cut into runs of
    /// neighbours, each run checked in order and reporting to a list of its own; the lists are then
    /// reported in run order, so in page order, as one core would have reported them. For checks
    /// that read only the page, the site index and resolved links.
    /// </summary>
    internal void CheckEachInParallel(IReadOnlyList<Page> pages, Action<Page, SiteContext> check)
    {
        // Several runs per core, so a core that finishes early takes another; one context per run,
        // not per page (a cold run checks tens of thousands of pages per rule).
        var runs = Math.Min(pages.Count, Environment.ProcessorCount * 8);
        var found = new List<Diagnostic>?[runs];
        Parallel.For(0, runs, run =>
        {
            var context = new SiteContext(Site, Rule, Severity, links, isLinted, LintedPages, d => (found[run] ??= []).Add(d), KnownRules);
            var end = (int)((long)pages.Count * (run + 1) / runs);
            for (var i = (int)((long)pages.Count * run / runs); i < end; i++) check(pages[i], context);
        });
        foreach (var list in found)
        {
            if (list is null) continue;
            foreach (var diagnostic in list) sink(diagnostic);
        }
    }

    /// <summary>Reports a finding at a span of a file; dropped if that file is not being linted or the line suppresses the rule.</summary>
    public void Report(Page? page, string path, SourceSpan span, string message, string? suggestion = null, Fix? fix = null)
    {
        if (fix is not null && !Rule.Descriptor.IsFixable)
        {
            // As ESLint: a fix from a rule that does not declare itself fixable is a bug in the rule, not something to apply.
            throw new InvalidOperationException($"rule {Rule.Descriptor.Id} ({Rule.Descriptor.Name}) offered a fix but its descriptor does not declare it fixable (IsFixable: false)");
        }
        if (!isLinted(path)) return;
        if (page is not null && page.Suppressions.IsSuppressed(Rule.Descriptor.Id, Rule.Descriptor.Name, span.Line)) return;
        // overrides: may set another severity for this file, or turn the rule off for it.
        var severity = Configuration.Overrides.Count == 0 ? Severity : Configuration.SeverityOf(Rule.Descriptor, path);
        if (severity == Severity.Off) return;
        sink(new Diagnostic(Rule.Descriptor, severity, path, span, message, suggestion, fix));
    }

    /// <summary>Reports a finding about a link.</summary>
    public void Report(LinkResolution link, string message, string? suggestion = null, Fix? fix = null) =>
        Report(link.Source, link.Source.Path, link.Link.Span, message, suggestion, fix);
}

/// <summary>What a page rule sees: one page, the site around it, and a way to report.</summary>
public sealed class PageContext
{
    private readonly SiteContext site;

    internal PageContext(SiteContext site, Page page)
    {
        this.site = site;
        Page = page;
    }

    /// <summary>The run's site context (for shared helpers that resolve links and verify fixes).</summary>
    internal SiteContext Inner => site;

    /// <summary>The page being checked.</summary>
    public Page Page { get; }

    /// <summary>The whole site, for lookups.</summary>
    public JekyllSite Site => site.Site;

    /// <summary>The configuration.</summary>
    public LintConfiguration Configuration => site.Configuration;

    /// <summary>The page's links (front matter, content, templates' included), resolved once for every rule, in page order.</summary>
    public IReadOnlyList<LinkResolution> Links => site.LinksOfPage(Page);

    /// <summary>Every rule of this run, built-in and the caller's own.</summary>
    public IReadOnlyList<RuleDescriptor> KnownRules => site.KnownRules;

    /// <summary>Reports a finding on this page.</summary>
    public void Report(SourceSpan span, string message, string? suggestion = null, Fix? fix = null) =>
        site.Report(Page, Page.Path, span, message, suggestion, fix);
}

/// <summary>
/// What a link rule sees: one resolved link, its page, the site around it, and a way to report.
/// Valid only during the rule's <see cref="ILinkRule.Check"/> call (the engine reuses it for the next link).
/// </summary>
public sealed class LinkContext
{
    internal LinkContext(SiteContext site) => Inner = site;

    internal SiteContext Inner { get; }

    /// <summary>The link being checked, as the site's server would resolve it.</summary>
    public LinkResolution Link { get; internal set; } = null!;

    /// <summary>The page or template the link is on.</summary>
    public Page Page => Link.Source;

    /// <summary>The whole site, for lookups.</summary>
    public JekyllSite Site => Inner.Site;

    /// <summary>The configuration.</summary>
    public LintConfiguration Configuration => Inner.Configuration;

    /// <summary>Reports a finding at the link.</summary>
    public void Report(string message, string? suggestion = null, Fix? fix = null) => Inner.Report(Link, message, suggestion, fix);
}
