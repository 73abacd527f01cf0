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
        this.site = site;
        Rule = rule;
        Severity = severity;
        this.links = links;
        this.isLinted = isLinted;
        LintedPages = lintedPages;
        this.sink = sink;
    }

    private readonly JekyllSite site;

    /// <summary>
    /// The site's index: which files it has and at which URLs it serves them (a read of
    /// <see cref="SiteReads.Files"/>). Read other files' ids, front matter and lists through
    /// <see cref="AnchorsOf(Page)"/>, <see cref="FrontMatterOf(Page)"/> and <c>ListsOf</c>, so the read is declared.
    /// </summary>
    public JekyllSite Site
    {
        get
        {
            if (ReadTracking.IsOn) ReadTracking.Record(Rule.Descriptor, SiteReads.Files);
            return site;
        }
    }

    /// <summary>The configuration.</summary>
    public LintConfiguration Configuration => site.Configuration;

    /// <summary>The rule being run.</summary>
    public IRule Rule { get; }

    /// <summary>Every rule of this run, built-in and the caller's own, whether on or off (suppressions may name any of them).</summary>
    public IReadOnlyList<RuleDescriptor> KnownRules { get; }

    /// <summary>The rule's effective severity.</summary>
    public Severity Severity { get; }

    /// <summary>Every link of every page and template being linted, resolved once for all rules.</summary>
    public IReadOnlyList<LinkResolution> Links => links.OfCheckedFiles;

    /// <summary>
    /// The resolved links of a page or template (resolved on first use, once for all rules). The
    /// links of a file not being linted are not a declarable read: the cache does not watch them.
    /// </summary>
    public IEnumerable<LinkResolution> LinksOf(Page page)
    {
        if (ReadTracking.IsOn && !isLinted(page.Path)) ReadTracking.Record(Rule.Descriptor, ReadTracking.Unwatched);
        return links.Of(page);
    }

    internal IReadOnlyList<LinkResolution> LinksOfPage(Page page) => links.Of(page);

    /// <summary>The ids of a page (headings, <c>{#id}</c>, <c>id=</c> attributes, its layouts'), a read of <see cref="SiteReads.Anchors"/> when it is another file.</summary>
    public IReadOnlySet<string> AnchorsOf(Page page) => AnchorsOf(page, null);

    /// <summary>The front matter of a page or template (null without one), a read of <see cref="SiteReads.FrontMatter"/> when it is another file.</summary>
    public FrontMatter? FrontMatterOf(Page page) => FrontMatterOf(page, null);

    /// <summary>The <c>{:.class}</c> lists of a page, a read of <see cref="SiteReads.Lists"/> when it is another file (internal: lists are not public API yet).</summary>
    internal IReadOnlyList<AttributedList> ListsOf(Page page) => ListsOf(page, null);

    /// <summary>The URL the site serves a page at, base URL included (null when it is not published), a read of <see cref="SiteReads.Files"/>.</summary>
    public string? UrlOf(Page page) => Site.UrlOf(page);

    /// <summary>Whether a fragment can target <paramref name="id"/> on a page (its ids, its includes' and its layout's), a read of <see cref="SiteReads.Anchors"/> when it is another file.</summary>
    public bool HasAnchor(Page page, string id) => HasAnchor(page, id, null);

    internal bool HasAnchor(Page page, string id, Page? own)
    {
        Read(SiteReads.Anchors, page, own);
        return site.HasAnchor(page, id);
    }

    /// <summary>The includes a page or template names (<c>{% include x.html %}</c>), a read of <see cref="SiteReads.Includes"/> when it is another file.</summary>
    public IReadOnlyList<string> IncludesOf(Page page) => IncludesOf(page, null);

    internal IReadOnlyList<string> IncludesOf(Page page, Page? own)
    {
        Read(SiteReads.Includes, page, own);
        return page.Includes;
    }

    internal IReadOnlySet<string> AnchorsOf(Page page, Page? own)
    {
        Read(SiteReads.Anchors, page, own);
        return site.AnchorsOf(page);
    }

    internal FrontMatter? FrontMatterOf(Page page, Page? own)
    {
        Read(SiteReads.FrontMatter, page, own);
        return page.FrontMatter;
    }

    internal IReadOnlyList<AttributedList> ListsOf(Page page, Page? own)
    {
        Read(SiteReads.Lists, page, own);
        return page.Lists;
    }

    // What a rule reads of the file it checks is its own; another file's is a declared cross-file read.
    // A site rule checks every linted page, so what it reads of those is its own.
    private void Read(SiteReads kind, Page page, Page? own)
    {
        if (!ReadTracking.IsOn || ReferenceEquals(page, own) || (own is null && isLinted(page.Path))) return;
        ReadTracking.Record(Rule.Descriptor, kind);
    }

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
            var context = new SiteContext(site, Rule, Severity, links, isLinted, LintedPages, d => (found[run] ??= []).Add(d), KnownRules);
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
    /// <param name="page">The page the finding is on (for its suppressions), or null for a file that is not a page.</param>
    /// <param name="path">The file, relative to the site root.</param>
    /// <param name="span">Where in the file.</param>
    /// <param name="message">One of the descriptor's <see cref="RuleDescriptor.Messages"/>, filled in with <see cref="RuleMessage.With"/>.</param>
    /// <param name="suggestion">How to put it right, when the rule knows.</param>
    /// <param name="fix">A certain repair (only from a rule declared fixable).</param>
    public void Report(Page? page, string path, SourceSpan span, RuleMessage message, string? suggestion = null, Fix? fix = null)
    {
        if (Rule.Descriptor.FindMessage(message.Id) is null)
        {
            // As ESLint's unknown messageId: a rule reports only what its descriptor declares.
            throw new InvalidOperationException($"rule {Rule.Descriptor.Id} ({Rule.Descriptor.Name}) reported message '{message.Id}', which its descriptor does not declare in Messages");
        }
        Emit(page, path, span, message.TextForReport(), message, suggestion, fix);
    }

    /// <summary>Reports a finding with a message of its own (no message id: prefer a declared <see cref="RuleMessage"/>).</summary>
    public void Report(Page? page, string path, SourceSpan span, string message, string? suggestion = null, Fix? fix = null) =>
        Emit(page, path, span, message, null, suggestion, fix);

    private void Emit(Page? page, string path, SourceSpan span, string message, RuleMessage? declared, string? suggestion, Fix? fix)
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
        sink(new Diagnostic(Rule.Descriptor, severity, path, span, message, suggestion, fix) { MessageId = declared?.Id, MessageArguments = new(declared?.Arguments) });
    }

    /// <summary>Reports a finding about a link (at the URL as written).</summary>
    public void Report(LinkResolution link, RuleMessage message, string? suggestion = null, Fix? fix = null) =>
        Report(link.Source, link.Source.Path, link.Link.Span, message, suggestion, fix);

    /// <summary>Reports a finding about a link with a message of its own (no message id).</summary>
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

    /// <inheritdoc cref="SiteContext.AnchorsOf(Page)"/>
    public IReadOnlySet<string> AnchorsOf(Page page) => site.AnchorsOf(page, Page);

    /// <inheritdoc cref="SiteContext.FrontMatterOf(Page)"/>
    public FrontMatter? FrontMatterOf(Page page) => site.FrontMatterOf(page, Page);

    /// <inheritdoc cref="SiteContext.ListsOf(Page)"/>
    internal IReadOnlyList<AttributedList> ListsOf(Page page) => site.ListsOf(page, Page);

    /// <inheritdoc cref="SiteContext.UrlOf(Page)"/>
    public string? UrlOf(Page page) => site.UrlOf(page);

    /// <inheritdoc cref="SiteContext.IncludesOf(Page)"/>
    public IReadOnlyList<string> IncludesOf(Page page) => site.IncludesOf(page, Page);

    /// <inheritdoc cref="SiteContext.HasAnchor(Page, string)"/>
    public bool HasAnchor(Page page, string id) => site.HasAnchor(page, id, Page);

    /// <summary>Reports a finding on this page with one of the descriptor's messages, filled in.</summary>
    public void Report(SourceSpan span, RuleMessage message, string? suggestion = null, Fix? fix = null) =>
        site.Report(Page, Page.Path, span, message, suggestion, fix);

    /// <summary>Reports a finding on this page with a message of its own (no message id).</summary>
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

    /// <inheritdoc cref="SiteContext.AnchorsOf(Page)"/>
    public IReadOnlySet<string> AnchorsOf(Page page) => Inner.AnchorsOf(page, Link.Source);

    /// <inheritdoc cref="SiteContext.FrontMatterOf(Page)"/>
    public FrontMatter? FrontMatterOf(Page page) => Inner.FrontMatterOf(page, Link.Source);

    /// <inheritdoc cref="SiteContext.ListsOf(Page)"/>
    internal IReadOnlyList<AttributedList> ListsOf(Page page) => Inner.ListsOf(page, Link.Source);

    /// <inheritdoc cref="SiteContext.UrlOf(Page)"/>
    public string? UrlOf(Page page) => Inner.UrlOf(page);

    /// <inheritdoc cref="SiteContext.IncludesOf(Page)"/>
    public IReadOnlyList<string> IncludesOf(Page page) => Inner.IncludesOf(page, Link.Source);

    /// <inheritdoc cref="SiteContext.HasAnchor(Page, string)"/>
    public bool HasAnchor(Page page, string id) => Inner.HasAnchor(page, id, Link.Source);

    /// <summary>Reports a finding at the link with one of the descriptor's messages, filled in.</summary>
    public void Report(RuleMessage message, string? suggestion = null, Fix? fix = null) => Inner.Report(Link, message, suggestion, fix);

    /// <summary>Reports a finding at the link with a message of its own (no message id).</summary>
    public void Report(string message, string? suggestion = null, Fix? fix = null) => Inner.Report(Link, message, suggestion, fix);
}
