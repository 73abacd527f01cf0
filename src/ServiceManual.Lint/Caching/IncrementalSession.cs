using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Rules;
using ServiceManual.Lint.Sites;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Caching;

/// <summary>
/// Linting a site again and again with its cache folder: what a run reads of the cache while the
/// site loads (the folder listings, the pages), the plan of which files to check again, and the
/// cache written afterwards. One session serves any number of runs, one at a time, with the same
/// configuration and rules (a long-lived host opens one per site and keeps it); each run's cache is
/// read afresh, as the previous run wrote it.
/// </summary>
internal sealed class IncrementalSession
{
    private readonly string folder;
    private readonly string root;
    private readonly string fingerprint;
    private readonly LintConfiguration configuration;
    private readonly Dictionary<string, RuleDescriptor> descriptors = new(StringComparer.Ordinal);

    private IncrementalSession(string folder, string root, LintConfiguration configuration, IReadOnlyList<IRule> rules)
    {
        this.folder = folder;
        this.root = root;
        this.configuration = configuration;
        foreach (var rule in rules) descriptors.TryAdd(rule.Descriptor.Id, rule.Descriptor);
        fingerprint = LintCache.Fingerprint(configuration, rules);
    }

    /// <summary>A session for the site at <paramref name="root"/> with its cache in <paramref name="cacheFolder"/>, for runs of <paramref name="rules"/>.</summary>
    public static IncrementalSession Open(string cacheFolder, string root, LintConfiguration configuration, IReadOnlyList<IRule> rules) =>
        new(Path.GetFullPath(cacheFolder, root), root, configuration, rules);

    /// <summary>Starts a run: the cache is read on another core while the site's folders are listed.</summary>
    /// <param name="strings">The run's string pool, which pages read back from the cache share too.</param>
    /// <param name="released">The run's way back to released texts, for pages read back from the cache.</param>
    /// <param name="timing">Where the run's phases are timed.</param>
    public Run Start(StringPool strings, IReleasedTexts released, TimingRecorder timing)
    {
        // Read while the site's folders are listed: the loader needs it only once it has the file list.
        var reading = Task.Run(() => LintCache.Load(folder, root, fingerprint, descriptors, configuration, strings, released));
        var folders = FolderCache.Load(folder, fingerprint, strings);
        timing.Lap("folder-cache");
        return new Run(reading, folders);
    }

    /// <summary>One run of a session: its cache, read once, and what it lends the loader.</summary>
    public sealed class Run
    {
        private readonly Task<LintCache> reading;
        private readonly FolderCache folders;

        internal Run(Task<LintCache> reading, FolderCache folders)
        {
            this.reading = reading;
            this.folders = folders;
        }

        /// <summary>The cache, once it is read.</summary>
        public LintCache Cache => reading.GetAwaiter().GetResult();

        /// <summary>Lists folders through their saved listings.</summary>
        public IFolderLister Folders(FileSystemFolderLister fileSystem) => new CachedFolderLister(fileSystem, folders);

        /// <summary>The cached pages, for the loader to take instead of parsing them.</summary>
        public IPageSource Pages() => Cache;

        /// <summary>Which files' cached findings still hold for <paramref name="loaded"/>, whose findings are wanted where <paramref name="isRequested"/> says.</summary>
        public IncrementalPlan Plan(LoadedSite loaded, Func<string, bool> isRequested) => IncrementalPlan.Make(loaded.Site, loaded.TextFiles, Cache, isRequested);

        /// <summary>Writes the cache for the next run; a warning for the report if it cannot be written (the findings stand either way).</summary>
        public string? Persist(IncrementalPlan plan, IReadOnlyList<Diagnostic> diagnostics, ResolvedLinks links)
        {
            try
            {
                plan.Save(diagnostics, links);
                folders.Save();
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"the cache could not be written ({e.Message}); the next run will check everything again";
            }
        }
    }
}
