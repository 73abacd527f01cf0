using System.Diagnostics;
using ServiceManual.Lint.Workspaces;

/// <summary>
/// What an editor feels of the language server's engine: the time to open a site, then, edit after
/// edit of a link on one page, the time to take the new text in and lint the page and the open
/// pages that link to it (median and 95th percentile), and the memory the workspace holds.
/// </summary>
internal static class WorkspaceLatency
{
    public static int Run(string[] args)
    {
        if (args.Length is < 1 or > 4)
        {
            Console.Error.WriteLine("usage: Micro workspace ROOT [CONFIG|-] [PAGE] [EDITS]");
            return 2;
        }
        var root = Path.GetFullPath(args[0]);
        var config = args.Length > 1 && args[1] != "-" ? args[1] : null;
        var edits = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 200;

        var started = Stopwatch.GetTimestamp();
        var workspace = SiteWorkspace.Open(root, config);
        var firstOpen = Stopwatch.GetElapsedTime(started);
        // Again, with the code compiled: what a Native AOT server's start is closer to.
        started = Stopwatch.GetTimestamp();
        workspace = SiteWorkspace.Open(root, config);
        var open = Stopwatch.GetElapsedTime(started);
        var site = workspace.Site;
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"site: {root} ({site.Pages.Count} pages, {site.Templates.Count} templates, {site.Assets.Count} served files)");
        Console.WriteLine($"open: {firstOpen.TotalMilliseconds:0} ms first (JIT), {open.TotalMilliseconds:0} ms again; heap after open {heap / 1048576.0:0.0} MB, working set {Environment.WorkingSet / 1048576.0:0} MB");

        var page = args.Length > 2 ? args[2] : site.Pages.First(p => p.Path.EndsWith("agile/index.md", StringComparison.Ordinal)).Path;
        var target = site.Pages.First(p => p.Path == page);
        var url = site.UrlOf(target)!;
        // The open pages that depend on it: a few that link to it (an editor has a handful of tabs).
        var dependants = site.Pages.Where(p => p != target && p.Links.Any(l => l.Url.StartsWith(url, StringComparison.Ordinal) || l.Url.StartsWith(url.TrimEnd('/') + ".html", StringComparison.Ordinal)))
            .Take(3).Select(p => p.Path).ToArray();
        string[] open3 = [page, .. dependants];
        var text = workspace.TextOf(page)!;
        var link = target.Links.First(l => l.Kind == ServiceManual.Lint.Documents.LinkKind.Inline && l.Url.StartsWith('/'));
        Console.WriteLine($"edited: {page} (link '{link.Url}' at offset {link.Offset}); linted with it: {string.Join(", ", dependants)}");

        // A link typed letter by letter, broken on the way, then right again: every edit a new text.
        Measure("link edit", i => text.Remove(link.Offset, link.Length).Insert(link.Offset, i % 2 == 0 ? link.Url + "x" + i : link.Url));
        // A heading renamed: the dependants' fragments are resolved against the new ids.
        var heading = text.IndexOf("\n## ", StringComparison.Ordinal);
        if (heading >= 0) Measure("heading edit", i => text.Insert(heading + 4, "Renamed " + i + " "));
        // Where the link edits' time goes, phase by phase over the same edits: the SetText, and each
        // phase LintFiles records (rules run side by side, so their times overlap).
        Phases("link edit", i => text.Remove(link.Offset, link.Length).Insert(link.Offset, i % 2 == 0 ? link.Url + "x" + i : link.Url));
        // Where one re-check's time goes (the last edit's text again), phase by phase.
        var timing = new ServiceManual.Lint.TimingRecorder();
        ServiceManual.Lint.Linter.LintFiles(workspace.Site, open3.ToHashSet(), [], timing);
        Console.WriteLine("one re-check: " + string.Join(", ", timing.Timings.Where(t => t.Elapsed.TotalMilliseconds >= 0.5).Select(t => $"{t.Phase} {t.Elapsed.TotalMilliseconds:0.0} ms")));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"heap after {edits * 2} edits {after / 1048576.0:0.0} MB, working set {Environment.WorkingSet / 1048576.0:0} MB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB");
        return 0;

        void Measure(string name, Func<int, string> edited)
        {
            var times = new List<double>();
            var setTimes = new List<double>();
            var findings = 0;
            // The first edits compile the code on the way: not what the hundredth keystroke costs.
            for (var i = -20; i < edits; i++)
            {
                var next = edited(i);
                var start = Stopwatch.GetTimestamp();
                workspace.SetText(page, next);
                var set = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                var found = workspace.Lint(open3);
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (i < 0) continue;
                times.Add(elapsed);
                setTimes.Add(set);
                findings += found.Values.Sum(f => f.Count);
            }
            times.Sort();
            Console.WriteLine($"{name}: SetText+Lint of {open3.Length} pages, {edits} edits: median {times[times.Count / 2]:0.0} ms, p95 {times[(int)(times.Count * 0.95)]:0.0} ms, max {times[^1]:0.0} ms ({findings} findings in all; SetText alone: median {Median(setTimes):0.0} ms)");
            workspace.SetText(page, text);
        }

        void Phases(string name, Func<int, string> edited)
        {
            var byPhase = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            var gcs = GC.CollectionCount(0);
            var gen2 = GC.CollectionCount(2);
            for (var i = -20; i < edits; i++)
            {
                var next = edited(i);
                var start = Stopwatch.GetTimestamp();
                workspace.SetText(page, next);
                var set = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                var recorder = new ServiceManual.Lint.TimingRecorder();
                ServiceManual.Lint.Linter.LintFiles(workspace.Site, open3.ToHashSet(StringComparer.Ordinal), [], recorder);
                if (i < 0) continue;
                Add("SetText", set);
                foreach (var t in recorder.Timings) Add(t.Phase, t.Elapsed.TotalMilliseconds);
            }
            workspace.SetText(page, text);
            var worst = byPhase.Select(p => (p.Key, Median: Median(p.Value), P95: p.Value[(int)(p.Value.Count * 0.95)]))
                .Where(p => p.P95 >= 0.5).OrderByDescending(p => p.P95);
            Console.WriteLine($"{name}, by phase (median/p95 ms): " + string.Join(", ", worst.Select(p => $"{p.Key} {p.Median:0.0}/{p.P95:0.0}"))
                + $"; {GC.CollectionCount(0) - gcs} GCs ({GC.CollectionCount(2) - gen2} full) in {edits + 20} edits");

            void Add(string phase, double ms)
            {
                if (!byPhase.TryGetValue(phase, out var list)) byPhase[phase] = list = [];
                list.Add(ms);
            }
        }

        static double Median(List<double> values)
        {
            values.Sort();
            return values[values.Count / 2];
        }
    }
}
