using System.Collections.Concurrent;
using ServiceManual.Lint.Caching;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Rules;
using ServiceManual.Lint.Sites;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint;

/// <summary>
/// The entry point: loads a site once, runs every enabled rule, and returns sorted diagnostics.
/// </summary>
/// <example>
/// <code>
/// var result = Linter.Lint(new LintOptions { Root = "docs" });
/// foreach (var d in result.Diagnostics) Console.WriteLine($"{d.Path}:{d.Span}: {d.Rule.Id} {d.Message}");
/// </code>
/// </example>
public static class Linter
{
    /// <summary>Lints the site described by <paramref name="options"/>.</summary>
    /// <exception cref="ConfigurationException">The configuration is invalid or a path is outside the root.</exception>
    public static LintResult Lint(LintOptions options)
    {
        var root = Path.GetFullPath(options.Root ?? ConfigurationLoader.FindSiteRoot(options.Paths.Count > 0 ? options.Paths[0] : "."));
        if (!Directory.Exists(root)) throw new ConfigurationException($"{root}: site root does not exist");
        var configuration = ConfigurationLoader.Load(root, options.ConfigPath);
        configuration = WithOverrides(configuration, options.RuleSeverities);
        if (options.Ignore.Count > 0) configuration = configuration with { Ignore = WithIgnored(configuration.Ignore, options.Ignore) };
        var session = options.CacheFolder is { } folder
            ? IncrementalSession.Open(folder, root, configuration, [.. RuleRegistry.BuiltIn, .. options.AdditionalRules])
            : null;
        return Lint(root, configuration, options, session);
    }

    /// <summary>
    /// One run: Load the site (through the session's cache, if any), Plan which files to check
    /// (all, without a session), Check them, and Persist what the next run can reuse.
    /// </summary>
    internal static LintResult Lint(string root, LintConfiguration configuration, LintOptions options, IncrementalSession? session)
    {
        var timing = new TimingRecorder();
        // Owned by the run: a host that lints again and again keeps no strings of sites it has let go.
        var strings = new StringPool();
        var released = new ReleasedTexts(root);

        // Load
        var run = session?.Start(strings, released, timing);
        var loaded = SiteLoader.Load(root, configuration, options.Progress, timing, strings, released, run is null ? null : run.Folders, run is null ? null : run.Pages);
        var site = loaded.Site;

        // Plan: with a cache, files whose findings cannot have changed are not checked again; their findings are read back.
        var isRequested = BuildFilter(site, options.Paths);
        var plan = run?.Plan(loaded, isRequested);
        if (plan is not null) timing.Lap("plan");
        Func<string, bool> isLinted = plan is null ? isRequested : path => isRequested(path) && plan.IsRechecked(path);

        // Check
        var (diagnostics, links) = Check(site, isLinted, options.AdditionalRules, timing);

        // Persist
        string? cacheWarning = null;
        if (plan is not null)
        {
            foreach (var findings in plan.CleanFindings) diagnostics.AddRange(findings);
            cacheWarning = run!.Persist(plan, diagnostics, links);
            timing.Lap("cache");
        }
        // After the incremental cache is saved: the network's answers are never kept as a file's findings
        // (they have a cache of their own, in the cache folder whether or not --cache is used).
        External.ExternalSummary? externalSummary = null;
        if (options.CheckExternalLinks ?? configuration.External.Enabled)
        {
            var external = new External.ExternalRun(configuration.External, Path.GetFullPath(Path.Combine(options.CacheFolder ?? ".smlint-cache", "external"), root),
                options.RefreshExternalLinks, options.ExternalProgress, options.ExternalConnect);
            (externalSummary, var externalWarning) = External.ExternalLinkPhase.Run(site, links, isRequested, external, diagnostics.Add);
            cacheWarning ??= externalWarning;
            timing.Lap("external");
        }
        return Result(site, diagnostics, isRequested, timing, cacheWarning, plan is null ? links : null) with { External = externalSummary };
    }

    /// <summary>Runs the rules over an already loaded site (used by tests and by hosts that cache sites).</summary>
    public static LintResult Lint(JekyllSite site, IReadOnlyList<string> paths, IReadOnlyList<IRule> additionalRules)
    {
        var timing = new TimingRecorder();
        var isRequested = BuildFilter(site, paths);
        var (diagnostics, links) = Check(site, isRequested, additionalRules, timing);
        return Result(site, diagnostics, isRequested, timing, null, links);
    }

    /// <summary>
    /// The findings, sorted, for exactly the files at <paramref name="paths"/> (site-relative) of an
    /// already loaded site, as a run given those files would report them: the configuration's
    /// include and ignore globs apply, site rules see every page but report only on these files.
    /// For hosts that keep a site in memory and re-check a few files (the workspace).
    /// </summary>
    internal static List<Diagnostic> LintFiles(JekyllSite site, IReadOnlySet<string> paths, IReadOnlyList<IRule> additionalRules, TimingRecorder? timing = null)
    {
        var configured = ConfiguredFilter(site);
        var (diagnostics, _) = Check(site, configured is null ? paths.Contains : path => paths.Contains(path) && configured(path), additionalRules, timing ?? new TimingRecorder());
        diagnostics.Sort(Diagnostic.Compare);
        return diagnostics;
    }

    private static LintResult Result(JekyllSite site, List<Diagnostic> diagnostics, Func<string, bool> isRequested, TimingRecorder timing, string? cacheWarning, ResolvedLinks? countUnchecked)
    {
        diagnostics.Sort(Diagnostic.Compare);
        var checkedCount = site.Pages.Concat(site.Templates).Count(p => isRequested(p.Path));
        timing.Lap("sort");
        // Links not checked are counted from a run that resolved every requested file's links (a
        // re-run's plan leaves most unresolved).
        return new LintResult(site, diagnostics, checkedCount)
        {
            Timings = timing.Timings, CacheWarning = cacheWarning, Unchecked = countUnchecked is null ? null : CountUnchecked(countUnchecked.OfCheckedFiles),
        };
    }

    // Runs every enabled rule over the files isLinted says; returns the findings (in the registry's
    // order, then the caller's rules) and the links resolved for them.
    private static (List<Diagnostic> Diagnostics, ResolvedLinks Links) Check(JekyllSite site, Func<string, bool> isLinted, IReadOnlyList<IRule> additionalRules, TimingRecorder timing)
    {
        // Rules visit these; worked out once, not once per rule (a re-run's rules would otherwise
        // spend more time asking whether each of thousands of files is linted than checking the few that are).
        var lintedPages = site.Pages.Where(p => isLinted(p.Path)).ToArray();
        var lintedFiles = lintedPages.Concat(site.Templates.Where(t => isLinted(t.Path))).ToArray();
        var diagnostics = new List<Diagnostic>();
        var links = new ResolvedLinks(lintedFiles, new LinkResolver(site), timing);

        var builtIn = RuleRegistry.BuiltIn.Select(rule => (Rule: rule, Severity: site.Configuration.SeverityOf(rule.Descriptor)))
            .Where(enabled => site.Configuration.IsEnabledAnywhere(enabled.Rule.Descriptor)).ToArray();
        // Every link rule walks the linted files' links: they are resolved first, on every core,
        // rather than by whichever link rule happens to ask first while the others wait for it.
        if (builtIn.Any(enabled => enabled.Rule is ILinkRule)) _ = links.OfCheckedFiles;

        // The built-in rules that declare themselves thread-safe run side by side, each reporting to
        // a list of its own; the lists are joined in the registry's order, so the findings are the
        // same as one rule after another would give. They read the site, never change it (the memos
        // they share are concurrent).
        var foundByRule = new List<Diagnostic>[builtIn.Length];
        var knownRules = RuleRegistry.BuiltIn.Concat(additionalRules).Select(rule => rule.Descriptor).ToArray();
        var timeByRule = new TimeSpan[builtIn.Length];
        // One rule at a time to each core (no buffering), so a core that finishes a rule takes the next.
        Parallel.ForEach(Partitioner.Create(Enumerable.Range(0, builtIn.Length).Where(i => builtIn[i].Rule.Descriptor.IsThreadSafe), EnumerablePartitionerOptions.NoBuffering), i =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var found = foundByRule[i] = [];
            var (rule, severity) = builtIn[i];
            Run(rule, new SiteContext(site, rule, severity, links, isLinted, lintedPages, found.Add, knownRules), lintedPages, links);
            timeByRule[i] = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        });
        for (var i = 0; i < builtIn.Length; i++)
        {
            if (foundByRule[i] is not null) continue;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var (rule, severity) = builtIn[i];
            var found = foundByRule[i] = [];
            Run(rule, new SiteContext(site, rule, severity, links, isLinted, lintedPages, found.Add, knownRules), lintedPages, links);
            timeByRule[i] = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        }
        foreach (var found in foundByRule) diagnostics.AddRange(found);
        timing.EndSideBySide(builtIn.Select((enabled, i) => new PhaseTiming(enabled.Rule.Descriptor.Id, timeByRule[i])));

        // A caller's rules, one after another: they may not expect to be called from several threads at once.
        foreach (var rule in additionalRules)
        {
            var severity = site.Configuration.SeverityOf(rule.Descriptor);
            if (!site.Configuration.IsEnabledAnywhere(rule.Descriptor)) continue;
            Run(rule, new SiteContext(site, rule, severity, links, isLinted, lintedPages, diagnostics.Add, knownRules), lintedPages, links, sequential: true);
            timing.Lap(rule.Descriptor.Id);
        }
        return (diagnostics, links);
    }

    // Calls a rule the way its kind asks: once for the site, once per linted page, or once per link
    // of the linted files (in file order, then link order). A thread-safe rule's pages are checked on
    // every core, their findings kept in page order, as one core would add them.
    private static void Run(IRule rule, SiteContext context, IReadOnlyList<Page> lintedPages, ResolvedLinks links, bool sequential = false)
    {
        if (rule is ISiteRule siteRule) siteRule.Check(context);
        if (rule is IPageRule pageRule)
        {
            if (rule.Descriptor.IsThreadSafe && !sequential) context.CheckEachInParallel(lintedPages, (page, pageContext) => pageRule.Check(new PageContext(pageContext, page)));
            else foreach (var page in lintedPages) pageRule.Check(new PageContext(context, page));
        }
        if (rule is ILinkRule linkRule)
        {
            // One context for the rule's whole walk: a cold run visits tens of thousands of links per rule.
            var linkContext = new LinkContext(context);
            foreach (var link in links.OfCheckedFiles)
            {
                linkContext.Link = link;
                linkRule.Check(linkContext);
            }
        }
    }

    private static UncheckedLinks CountUnchecked(IReadOnlyList<LinkResolution> links)
    {
        int external = 0, liquid = 0, externalPaths = 0, unpublished = 0;
        foreach (var link in links)
        {
            switch (link.Outcome)
            {
                case LinkOutcome.External: external++; break;
                case LinkOutcome.Dynamic: liquid++; break;
                case LinkOutcome.OtherApplication: externalPaths++; break;
                case LinkOutcome.Unpublished: unpublished++; break;
            }
        }
        return new UncheckedLinks(external, liquid, externalPaths, unpublished);
    }

    internal static LintConfiguration WithOverrides(LintConfiguration configuration, IReadOnlyDictionary<string, Severity> overrides)
    {
        if (overrides.Count == 0) return configuration;
        var merged = new Dictionary<string, Severity>(configuration.Severities, StringComparer.OrdinalIgnoreCase);
        foreach (var (rule, severity) in overrides)
        {
            var known = RuleRegistry.Find(rule) ?? throw new ConfigurationException($"unknown rule '{rule}'; run 'smlint rules' for the list");
            merged.Remove(known.Descriptor.Id);
            merged.Remove(known.Descriptor.Name);
            merged[known.Descriptor.Id] = severity;
        }
        // As ESLint's --rule: the command line wins over the configuration's overrides too.
        var overridden = configuration.Overrides.Select(o => o with
        {
            Rules = o.Rules.Where(r => !overrides.Keys.Any(k => RuleRegistry.Find(k)?.Descriptor.Id == r.Key)).ToDictionary(StringComparer.OrdinalIgnoreCase),
        }).ToArray();
        return configuration with { Severities = merged, Overrides = overridden };
    }

    private static string[] WithIgnored(IReadOnlyList<string> configured, IReadOnlyList<string> extra)
    {
        string[] globs = [.. configured, .. extra.Where(g => g.Trim().Length > 0)];
        for (var i = configured.Count; i < globs.Length; i++)
        {
            if (GlobList.Problem(globs, i) is { } problem) throw new ConfigurationException($"ignore: {problem}");
        }
        return globs;
    }

    // Which files findings are wanted for: the paths given (files or folders) and the configured include globs.
    private static Func<string, bool> BuildFilter(JekyllSite site, IReadOnlyList<string> paths)
    {
        var prefixes = new List<string>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            var relative = Path.GetRelativePath(site.Root, full).Replace('\\', '/');
            if (relative == "..") throw new ConfigurationException($"{path}: is outside the site root {site.Root}");
            if (relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                throw new ConfigurationException($"{path}: is outside the site root {site.Root}");
            }
            if (!File.Exists(full) && !Directory.Exists(full)) throw new ConfigurationException($"{path}: no such file or folder");
            prefixes.Add(relative == "." ? string.Empty : relative);
        }
        var configured = ConfiguredFilter(site);
        // Asked once per file per rule: the whole-site case answers without any work.
        if (configured is null && (prefixes.Count == 0 || prefixes.Contains(string.Empty))) return _ => true;
        var folders = prefixes.Select(p => p + "/").ToArray();
        // Globs are slow to match: each path is matched once and the answer kept.
        var answers = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        return path => answers.GetOrAdd(path, p => (prefixes.Count == 0 || IsUnderAny(p, prefixes, folders)) && (configured is null || configured(p)));
    }

    // The configured include and ignore globs (null when there are none: every file is wanted).
    private static Func<string, bool>? ConfiguredFilter(JekyllSite site)
    {
        var include = site.Configuration.Include.Count > 0 ? new GlobList(site.Configuration.Include) : null;
        var ignore = site.Configuration.Ignore.Count > 0 ? new GlobList(site.Configuration.Ignore) : null;
        if (include is null && ignore is null) return null;
        return p => (include is null || include.Matches(p)) && (ignore is null || !ignore.Matches(p));
    }

    private static bool IsUnderAny(string path, List<string> prefixes, string[] folders)
    {
        for (var i = 0; i < prefixes.Count; i++)
        {
            if (prefixes[i].Length == 0 || path == prefixes[i] || path.StartsWith(folders[i], StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
