using System.Text.RegularExpressions;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Rules;

namespace ServiceManual.Lint.Cli.Changes;

/// <summary>What <c>--changed [REF]</c> or <c>--staged</c> asked for.</summary>
/// <param name="Reference">The commit to compare with (<c>HEAD</c> when null).</param>
/// <param name="Staged">Compare the index (what the commit will record) rather than the work tree.</param>
internal sealed record ChangeRequest(string? Reference, bool Staged);

/// <summary>
/// The changed-files mode: the findings a change adds or alters anywhere in the site. The whole site
/// is linted twice, as it was (the commit, read from git into a temporary folder) and as it is (the
/// work tree in place, or the index read from git), and the findings of the new state that the old
/// one did not have are reported: in the changed files, and in every file whose findings changed
/// because of them (a link to a deleted or renamed page or a removed heading, a breadcrumb, phase
/// navigation). Findings are matched by rule, severity, file (followed through renames) and message,
/// never by line, so moving text does not make old findings new.
/// </summary>
internal static partial class ChangedFiles
{
    /// <summary>Lints the change to the site at <paramref name="siteRoot"/> (already resolved) that <paramref name="request"/> describes.</summary>
    /// <exception cref="ConfigurationException">Not a git work tree, or the reference names no commit.</exception>
    public static LintResult Lint(LintOptions options, string siteRoot, ChangeRequest request)
    {
        var root = Path.GetFullPath(siteRoot);
        var git = Git.Open(root);
        var reference = request.Reference ?? "HEAD";
        var commit = git.ResolveCommit(reference);
        // Before the first commit there is nothing to compare with: everything is new.
        if (commit is null && request.Reference is not null)
        {
            // "smlint --changed docs" reads docs as the reference, as git would: say how to write it.
            var hint = File.Exists(reference) || Directory.Exists(reference) ? $" ('{reference}' is a path: put paths before --changed, or write --changed HEAD {reference})" : string.Empty;
            throw new ConfigurationException($"--changed {reference}: not a commit in {git.Top}{hint}");
        }

        var temporary = CreateTemporaryFolder();
        try
        {
            var oldRoot = Path.Combine(temporary, "old");
            Directory.CreateDirectory(oldRoot);
            if (commit is not null) git.WriteFiles(git.ListTree(commit), oldRoot, NeedsContent);

            LintResult now;
            if (request.Staged)
            {
                var stagedRoot = Path.Combine(temporary, "staged");
                Directory.CreateDirectory(stagedRoot);
                git.WriteFiles(git.ListIndex(), stagedRoot, NeedsContent);
                now = Linter.Lint(InCopy(options, root, stagedRoot) with { Progress = options.Progress });
            }
            else
            {
                now = Linter.Lint(options with { Root = root });
                CopyIgnoredFiles(git, now, root, oldRoot);
            }

            LintResult? before = null;
            try
            {
                before = Linter.Lint(InCopy(options, root, oldRoot));
            }
            catch (ConfigurationException)
            {
                // The old configuration was broken: nothing to subtract, every finding of the new state is the change's.
            }

            var renames = new Dictionary<string, string>(StringComparer.Ordinal);
            if (commit is not null)
            {
                foreach (var (from, to) in git.Renames(commit, request.Staged))
                {
                    if (from.StartsWith(git.Prefix, StringComparison.Ordinal) && to.StartsWith(git.Prefix, StringComparison.Ordinal)) renames[from[git.Prefix.Length..]] = to[git.Prefix.Length..];
                }
            }

            var newRoot = request.Staged ? Path.Combine(temporary, "staged") : root;
            var added = Added(before?.Diagnostics ?? [], now.Diagnostics, renames, new LineReader(oldRoot).Line, new LineReader(newRoot).Line);
            if (!request.Staged) return now with { Diagnostics = added };

            // The staged copy is deleted below: findings are reported against the site in place, so
            // paths, code frames and every format name the files the user has, not a temporary copy.
            var requested = Requested(options.Paths, root);
            added = added.Where(d => requested(d.Path)).ToList();
            var shown = Linter.Lint(options with { Root = root, Paths = [], CacheFolder = null, Progress = null, AdditionalRules = [], RuleSeverities = AllOff });
            return new LintResult(shown.Site, added, now.FilesChecked) { Timings = now.Timings, Unchecked = now.Unchecked };
        }
        finally
        {
            try
            {
                if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the system's temporary-file cleaning: the findings stand.
            }
        }
    }

    /// <summary>
    /// The findings of <paramref name="now"/> that <paramref name="before"/> did not have: for each
    /// key (rule, severity, file after renames, message without line numbers), as many as the count
    /// grew by. When some of a key's findings are old, the new ones are those on lines whose text no
    /// old finding of the key had (so a copy of a broken link is reported, not the original that moved down).
    /// </summary>
    internal static List<Diagnostic> Added(IReadOnlyList<Diagnostic> before, IReadOnlyList<Diagnostic> now, IReadOnlyDictionary<string, string> renames,
        Func<string, int, string?> oldLine, Func<string, int, string?> newLine)
    {
        var old = new Dictionary<(string, Severity, string, string), List<Diagnostic>>();
        foreach (var d in before)
        {
            var key = (d.Rule.Id, d.Severity, renames.TryGetValue(d.Path, out var renamed) ? renamed : d.Path, Normalise(d.Message));
            if (!old.TryGetValue(key, out var found)) old[key] = found = [];
            found.Add(d);
        }
        var added = new List<Diagnostic>();
        foreach (var group in now.GroupBy(d => (d.Rule.Id, d.Severity, d.Path, Normalise(d.Message))))
        {
            var earlier = old.GetValueOrDefault(group.Key) ?? [];
            var excess = group.Count() - earlier.Count;
            if (excess <= 0) continue;
            if (earlier.Count == 0)
            {
                added.AddRange(group);
                continue;
            }
            var oldTexts = earlier.Select(d => oldLine(d.Path, d.Span.Line)?.Trim()).ToList();
            var ranked = group.Select((d, order) =>
            {
                var text = newLine(d.Path, d.Span.Line)?.Trim();
                var seen = oldTexts.Remove(text); // each old line accounts for one new finding
                return (Diagnostic: d, Seen: seen, Order: order);
            }).OrderBy(x => x.Seen).ThenByDescending(x => x.Order);
            added.AddRange(ranked.Take(excess).Select(x => x.Diagnostic));
        }
        added.Sort(Diagnostic.Compare);
        return added;
    }

    // Lines of a state's files, read only for the few findings that need telling apart.
    private sealed class LineReader(string root)
    {
        private readonly Dictionary<string, string[]?> files = new(StringComparer.Ordinal);

        public string? Line(string path, int line)
        {
            if (!files.TryGetValue(path, out var lines))
            {
                try
                {
                    var full = Path.Combine(root, path);
                    lines = File.Exists(full) && new FileInfo(full).LinkTarget is null ? File.ReadAllLines(full) : null;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    lines = null;
                }
                files[path] = lines;
            }
            return lines is not null && line >= 1 && line <= lines.Length ? lines[line - 1] : null;
        }
    }

    // The copies are many small files written once and read once: in memory (/dev/shm, on Linux) when
    // it has room, as creating files on a disk can cost milliseconds each; $TMPDIR when the user set one.
    private static string CreateTemporaryFolder()
    {
        const long Room = 512L << 20;
        var name = "smlint-changes-" + Guid.NewGuid().ToString("N");
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("TMPDIR") is null or "" && Directory.Exists("/dev/shm"))
        {
            try
            {
                if (new DriveInfo("/dev/shm").AvailableFreeSpace >= Room) return Private(Path.Combine("/dev/shm", name));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // No usable /dev/shm: the system's temporary folder.
            }
        }
        return Private(Path.Combine(Path.GetTempPath(), name));
    }

    // Only the user reads the copies (they hold unpublished, even unstaged, text).
    private static string Private(string path) => OperatingSystem.IsWindows()
        ? Directory.CreateDirectory(path).FullName
        : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;

    // smlint lists images, documents and fonts but never reads them (only Markdown, HTML, Sass and
    // configuration are read): in the copies they are empty files, which saves writing most of a
    // site's bytes twice. Anything not named here is written in full.
    private static readonly HashSet<string> MediaExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".ico", ".tif", ".tiff",
        ".pdf", ".odt", ".ods", ".odp", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx",
        ".eot", ".woff", ".woff2", ".ttf", ".otf", ".zip", ".gz", ".tgz", ".mp3", ".mp4", ".webm", ".mov",
    };

    private static bool NeedsContent(string path) => !MediaExtensions.Contains(Path.GetExtension(path));

    // "first on line 3" names a line: moving text must not make the finding new.
    private static string Normalise(string message) => LineNumber().Replace(message, "line #");

    [GeneratedRegex(@"\bline \d+")]
    private static partial Regex LineNumber();

    private static readonly IReadOnlyDictionary<string, Severity> AllOff =
        RuleRegistry.BuiltIn.ToDictionary(rule => rule.Descriptor.Id, _ => Severity.Off, StringComparer.OrdinalIgnoreCase);

    // The same options on a copy of the site: its configuration file mapped into the copy when it is in the site.
    private static LintOptions InCopy(LintOptions options, string root, string copy)
    {
        var config = options.ConfigPath;
        if (config is not null)
        {
            var relative = Path.GetRelativePath(root, Path.GetFullPath(config));
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)) config = Path.Combine(copy, relative);
        }
        return options with { Root = copy, ConfigPath = config, Paths = [], CacheFolder = null, Progress = null };
    }

    // Files git ignores are not part of the change: the old state gets them as they are (a generated page, say).
    private static void CopyIgnoredFiles(Git git, LintResult now, string root, string oldRoot)
    {
        var visible = git.ListVisible();
        var site = now.Site;
        var files = site.Pages.Select(p => p.Path).Concat(site.Templates.Select(t => t.Path)).Concat(site.Assets)
            .Concat(site.StaticMarkdown.Select(s => s.Path)).Concat(site.Problems.Select(p => p.Path)).Distinct(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (visible.Contains(git.Prefix + file)) continue;
            var source = Path.Combine(root, file);
            var info = new FileInfo(source);
            if (!info.Exists || info.LinkTarget is not null) continue;
            var target = Path.Combine(oldRoot, file);
            if (File.Exists(target)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }

    private static Func<string, bool> Requested(IReadOnlyList<string> paths, string root)
    {
        var prefixes = new List<string>();
        foreach (var path in paths)
        {
            var relative = Path.GetRelativePath(root, Path.GetFullPath(path)).Replace('\\', '/');
            if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                throw new ConfigurationException($"{path}: is outside the site root {root}");
            }
            prefixes.Add(relative == "." ? string.Empty : relative);
        }
        if (prefixes.Count == 0 || prefixes.Contains(string.Empty)) return _ => true;
        return file => prefixes.Any(p => file == p || file.StartsWith(p + "/", StringComparison.Ordinal));
    }
}
