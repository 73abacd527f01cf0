using System.CommandLine;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Fixing;
using ServiceManual.Lint.Reporting;
using ServiceManual.Lint.Rules;

namespace ServiceManual.Lint.Cli;

/// <summary>
/// The <c>smlint</c> command line: parse arguments, run the linter, format, choose the exit code.
/// Exit codes: 0 nothing at or above <c>--fail-on</c>; 1 findings; 2 usage, configuration or I/O error.
/// </summary>
internal static class SmlintCommand
{
    public const int Success = 0;
    public const int FindingsExitCode = 1;
    public const int UsageExitCode = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders to lint (default: the whole site)", Arity = ArgumentArity.ZeroOrMore };
        var root = new Option<string?>("--root") { Description = "Site root (default: nearest folder with smlint.yml or _config.yml)" };
        var config = new Option<string?>("--config") { Description = "Configuration file (default: smlint.yml at the root)" };
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "pretty" };
        format.AcceptOnlyFromAmong([.. Formatters.Names]);
        var outputFile = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output" };
        var fix = new Option<bool>("--fix") { Description = "Apply certain fixes to the files, then report what is left" };
        var failOn = new Option<string>("--fail-on") { Description = "Lowest severity that makes the exit code 1", DefaultValueFactory = _ => "error" };
        failOn.AcceptOnlyFromAmong("error", "warning", "info", "never");
        var rule = new Option<string[]>("--rule") { Description = "Set a rule's severity, e.g. --rule SM306=error (repeatable)", AllowMultipleArgumentsPerToken = false };
        var noColor = new Option<bool>("--no-color") { Description = "Never use colour (also when NO_COLOR is set)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Report errors only" };
        var verbose = new Option<bool>("--verbose") { Description = "Show stack traces for internal errors" };
        var cache = new Option<bool>("--cache") { Description = "Re-check only what changed since the last run with --cache (kept in .smlint-cache/ at the site root)" };
        var cacheLocation = new Option<string?>("--cache-location") { Description = "Folder for the cache, relative to the site root (implies --cache)", HelpName = "DIR" };
        var external = new Option<bool>("--external") { Description = "Also check links to other sites over the network (answers cached in .smlint-cache/external; see external: in smlint.yml)" };
        var externalRefresh = new Option<bool>("--external-refresh") { Description = "With --external, ask about every external URL again, ignoring cached answers" };

        var command = new RootCommand("smlint: lint a Jekyll/kramdown documentation site: every internal link and #fragment, front matter, breadcrumbs and phase navigation.");
        command.Arguments.Add(paths);
        foreach (var option in new Option[] { root, config, format, outputFile, fix, failOn, rule, noColor, quiet, verbose, cache, cacheLocation, external, externalRefresh }) command.Options.Add(option);

        var ruleId = new Argument<string?>("id") { Description = "A rule id or name to show its documentation", Arity = ArgumentArity.ZeroOrOne };
        var rulesCommand = new Command("rules", "List the rules, or print one rule's documentation");
        rulesCommand.Arguments.Add(ruleId);
        command.Subcommands.Add(rulesCommand);

        var exitCode = Success;
        rulesCommand.SetAction(result => exitCode = ShowRules(result.GetValue(ruleId), output, error));
        command.SetAction(result => exitCode = Lint(new LintInvocation(
            result.GetValue(paths) ?? [],
            result.GetValue(root),
            result.GetValue(config),
            result.GetValue(format)!,
            result.GetValue(outputFile),
            result.GetValue(fix),
            result.GetValue(failOn)!,
            result.GetValue(rule) ?? [],
            !result.GetValue(noColor) && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null,
            result.GetValue(quiet),
            result.GetValue(verbose),
            result.GetValue(cacheLocation) ?? (result.GetValue(cache) ? DefaultCacheFolder : null),
            result.GetValue(external) || result.GetValue(externalRefresh) ? true : null,
            result.GetValue(externalRefresh)), output, error));

        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors) error.WriteLine($"smlint: {parseError.Message}");
            error.WriteLine("Run 'smlint --help' for usage.");
            return UsageExitCode;
        }
        var invoked = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return invoked != 0 ? invoked : exitCode;
    }

    private sealed record LintInvocation(string[] Paths, string? Root, string? Config, string Format, string? OutputFile, bool Fix,
        string FailOn, string[] Rules, bool UseColor, bool Quiet, bool Verbose, string? CacheFolder, bool? External, bool ExternalRefresh);

    private const string DefaultCacheFolder = ".smlint-cache";

    // A re-run with the cache allocates little (about 50 MB at 10,000 pages): collecting during it
    // costs a fifth of its time for memory the process gives back a moment later anyway. Only for the
    // smlint process itself (not a host that calls Run); past the budget, collections resume as usual.
    private static void PostponeCollections()
    {
        const long Budget = 128L << 20;
        if (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion) return;
        try
        {
            GC.TryStartNoGCRegion(Budget);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // The runtime could not set the budget aside: collect as usual.
        }
    }

    private static int Lint(LintInvocation invocation, TextWriter output, TextWriter error)
    {
        try
        {
            var severities = new Dictionary<string, Severity>(StringComparer.OrdinalIgnoreCase);
            foreach (var setting in invocation.Rules)
            {
                var parts = setting.Split('=', 2);
                if (parts.Length != 2 || !SeverityNames.TryParse(parts[1], out var severity))
                {
                    error.WriteLine($"smlint: --rule expects ID=off|info|warning|error, not '{setting}'");
                    return UsageExitCode;
                }
                severities[parts[0].Trim()] = severity;
            }
            if (invocation.Root is not null && !Directory.Exists(invocation.Root))
            {
                error.WriteLine($"smlint: --root {invocation.Root}: no such folder");
                return UsageExitCode;
            }

            // On a terminal, a long run shows how far it has got, on stderr so reports stay clean.
            using var progress = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && !invocation.Quiet ? new ProgressLine(error) : null;
            var options = new LintOptions
            {
                Root = invocation.Root, ConfigPath = invocation.Config, Paths = invocation.Paths, RuleSeverities = severities, Progress = progress, CacheFolder = invocation.CacheFolder,
                CheckExternalLinks = invocation.External, RefreshExternalLinks = invocation.ExternalRefresh, ExternalProgress = progress,
            };
            if (invocation.CacheFolder is not null && ReferenceEquals(output, Console.Out)) PostponeCollections();
            var result = Linter.Lint(options);
            progress?.Dispose();
            if (result.CacheWarning is { } cacheWarning) error.WriteLine($"smlint: warning: {cacheWarning}");
            if (result.External is { } checkedExternally && !invocation.Quiet) error.WriteLine(ExternalSummaryLine(checkedExternally));
            if (invocation.Fix)
            {
                var report = FixApplier.Apply(result);
                foreach (var (path, reason) in report.Refused) error.WriteLine($"smlint: {path}: not fixed: the file {reason}");
                if (report.Applied.Count > 0)
                {
                    error.WriteLine($"smlint: fixed {report.Applied.Count} problem{(report.Applied.Count == 1 ? "" : "s")} in {report.FilesChanged.Count} file{(report.FilesChanged.Count == 1 ? "" : "s")}");
                    result = Linter.Lint(options); // report what is left, at the new positions
                }
            }
            if (invocation.Quiet) result = result with { Diagnostics = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToArray() };

            var reportStarted = System.Diagnostics.Stopwatch.GetTimestamp();
            var formatter = Formatters.Create(invocation.Format, invocation.UseColor && invocation.OutputFile is null)!;
            if (invocation.OutputFile is not null)
            {
                using var file = new StreamWriter(invocation.OutputFile);
                formatter.Write(file, result);
            }
            else if (ReferenceEquals(output, Console.Out))
            {
                // Console.Out flushes on every write: a long report would be a system call per line.
                var encoding = Console.OutputEncoding.CodePage == 65001 ? new System.Text.UTF8Encoding(false) : Console.OutputEncoding;
                using var buffered = new StreamWriter(Console.OpenStandardOutput(), encoding, 1 << 16);
                formatter.Write(buffered, result);
            }
            else
            {
                formatter.Write(output, result);
            }
            // After the report, so the figures include writing it.
            if (Environment.GetEnvironmentVariable("SMLINT_TIMING") is { Length: > 0 } and not "0") WriteTimings(result, error, reportStarted);
            return HasFailures(result, invocation.FailOn) ? FindingsExitCode : Success;
        }
        catch (ConfigurationException e)
        {
            error.WriteLine($"smlint: {e.Message}");
            return UsageExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"smlint: {e.Message}");
            if (invocation.Verbose) error.WriteLine(e);
            return UsageExitCode;
        }
        catch (Exception e)
        {
            // A bug of ours: say so in one line; the stack trace is for --verbose and bug reports.
            error.WriteLine($"smlint: internal error: {e.Message} (run with --verbose for details, and please report it)");
            if (invocation.Verbose) error.WriteLine(e);
            return UsageExitCode;
        }
    }

    // "external links: 812 URLs (640 cached, 172 requests): 790 ok (12 redirected), 9 broken, 3 unreachable, 10 flaky, 4 excluded"
    private static string ExternalSummaryLine(External.ExternalSummary s) =>
        $"smlint: external links: {s.Urls} URL{(s.Urls == 1 ? "" : "s")} ({s.FromCache} cached, {s.Requests} request{(s.Requests == 1 ? "" : "s")}): "
        + $"{s.Ok} ok ({s.Redirected} permanently redirected), {s.Broken} broken, {s.Unreachable} unreachable, {s.Flaky} flaky, {s.Excluded} excluded";

    /// <summary>"parsed 1234 pages" (then "checked 120/812 external URLs") on one stderr line, redrawn in place, erased when done; silent for runs under a second.</summary>
    private sealed class ProgressLine(TextWriter error) : IProgress<int>, IProgress<External.ExternalProgress>, IDisposable
    {
        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
        private readonly Lock writing = new();
        private bool shown;

        public void Report(int value) => Show($"parsed {value} pages...");

        // Reported from the checker's threads: one line at a time.
        public void Report(External.ExternalProgress value) =>
            Show($"checked {value.Checked}/{value.Total} external URLs{(value.HostsWaiting > 0 ? $", {value.HostsWaiting} host{(value.HostsWaiting == 1 ? "" : "s")} waiting on rate limits" : "")}...");

        private void Show(string text)
        {
            if (clock.ElapsedMilliseconds < 1000) return;
            lock (writing)
            {
                error.Write($"\rsmlint: {text,-70}");
                shown = true;
            }
        }

        public void Dispose()
        {
            lock (writing)
            {
                if (shown) error.Write("\r" + new string(' ', 80) + "\r");
                shown = false;
            }
        }
    }

    // Like ESLint's TIMING=1: where the time went, slowest first, on stderr.
    private static void WriteTimings(LintResult result, TextWriter error, long reportStarted)
    {
        var timings = result.Timings.Append(new PhaseTiming("report", System.Diagnostics.Stopwatch.GetElapsedTime(reportStarted))).ToArray();
        var total = timings.Sum(t => t.Elapsed.TotalMilliseconds);
        error.WriteLine($"{"phase",-10} {"ms",9} {"share",7}");
        foreach (var timing in timings.OrderByDescending(t => t.Elapsed))
        {
            error.WriteLine($"{timing.Phase,-10} {timing.Elapsed.TotalMilliseconds,9:0.0} {timing.Elapsed.TotalMilliseconds / Math.Max(total, 0.001),7:P1}");
        }
        error.WriteLine($"garbage collections: {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2, {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms paused, {GC.GetTotalAllocatedBytes() / (1024 * 1024)} MB allocated");
    }

    private static bool HasFailures(LintResult result, string failOn)
    {
        var threshold = failOn switch { "never" => (Severity?)null, "warning" => Severity.Warning, "info" => Severity.Info, _ => Severity.Error };
        return threshold is { } minimum && result.Diagnostics.Any(d => d.Severity >= minimum);
    }

    private static int ShowRules(string? id, TextWriter output, TextWriter error)
    {
        if (id is null)
        {
            foreach (var rule in RuleRegistry.BuiltIn.Select(r => r.Descriptor))
            {
                output.WriteLine($"{rule.Id}  {rule.Name,-28} {rule.DefaultSeverity.ToName(),-8}{(rule.IsFixable ? "fixable" : "       ")}  {rule.Title}");
            }
            return Success;
        }
        var found = RuleRegistry.Find(id);
        if (found is null)
        {
            error.WriteLine($"smlint: unknown rule '{id}'; run 'smlint rules' for the list");
            return UsageExitCode;
        }
        output.WriteLine(RuleDocs.Get(found.Descriptor.Id) ?? found.Descriptor.Title);
        return Success;
    }
}
