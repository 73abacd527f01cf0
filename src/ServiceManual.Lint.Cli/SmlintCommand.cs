using System.CommandLine;
using System.CommandLine.Parsing;
using ServiceManual.Lint.Baselines;
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

    /// <summary>Runs in the process's current folder and environment, writing to <paramref name="output"/> and <paramref name="error"/> (not terminals).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        Run(args, output, error, new CliHost(Environment.CurrentDirectory, Environment.GetEnvironmentVariable));

    public static int Run(string[] args, TextWriter output, TextWriter error, CliHost host)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders to report on (default: the current folder); the whole site is loaded", Arity = ArgumentArity.ZeroOrMore };
        var root = new Option<string?>("--root") { Description = "Site root (default: the nearest folder at or above the paths, or the current folder, with smlint.yml or _config.yml)", HelpName = "DIR" };
        var config = new Option<string?>("--config") { Description = "Configuration file (default: smlint.yml at the root)", HelpName = "FILE" };
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "pretty" };
        format.AcceptOnlyFromAmong([.. Formatters.Names]);
        var outputFile = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output", HelpName = "FILE" };
        var fix = new Option<bool>("--fix") { Description = "Apply certain fixes to the files, then report what is left" };
        var dryRun = new Option<bool>("--dry-run") { Description = "With --fix: print the fixes as a unified diff and change nothing" };
        var baseline = new Option<string?>("--baseline") { Description = $"Report only findings not in this baseline file (default: {Baseline.DefaultFileName} at the site root, when present)", HelpName = "FILE" };
        var updateBaseline = new Option<bool>("--update-baseline") { Description = "Write every current finding to the baseline file (fixed ones drop out), then report against it" };
        var failOn = new Option<string>("--fail-on") { Description = "Lowest severity that makes the exit code 1", DefaultValueFactory = _ => "error" };
        failOn.AcceptOnlyFromAmong("error", "warning", "info", "never");
        var rule = new Option<string[]>("--rule") { Description = "Set a rule's severity, e.g. --rule SM306=error (repeatable)", AllowMultipleArgumentsPerToken = false, HelpName = "ID=SEVERITY" };
        var color = new Option<string>("--color") { Description = "Colour: auto (a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR forces it), always or never", DefaultValueFactory = _ => "auto" };
        color.AcceptOnlyFromAmong("auto", "always", "never");
        var noColor = new Option<bool>("--no-color") { Description = "Never use colour: the same as --color never" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Report only what fails the run: errors (and warnings with --fail-on warning...), no progress line" };
        var verbose = new Option<bool>("--verbose") { Description = "Show stack traces for internal errors" };
        var cache = new Option<bool>("--cache") { Description = "Re-check only what changed since the last run with --cache (kept in .smlint-cache/ at the site root)" };
        var cacheLocation = new Option<string?>("--cache-location") { Description = "Folder for the cache, relative to the site root (implies --cache)", HelpName = "DIR" };
        var changed = new Option<string?>("--changed") { Description = "Report only the findings that the change since REF (default HEAD) adds or alters, anywhere in the site", HelpName = "REF", Arity = ArgumentArity.ZeroOrOne };
        var staged = new Option<bool>("--staged") { Description = "Report only the findings that the staged change (as the next commit records it) adds or alters, anywhere in the site" };
        var external = new Option<bool>("--external") { Description = "Also check links to other sites over the network (answers cached in .smlint-cache/external; see external: in smlint.yml)" };
        var externalRefresh = new Option<bool>("--external-refresh") { Description = "With --external, ask about every external URL again, ignoring cached answers" };
        var stdin = new Option<bool>("--stdin") { Description = "Read a page's text from standard input and report on it as the page --stdin-filename names (for editor plugins; the file need not exist)" };
        var stdinFilename = new Option<string?>("--stdin-filename") { Description = "With --stdin: the path of the page the text is (its site is found from it, as for a path argument)", HelpName = "PATH" };

        var command = new RootCommand("smlint: lint a Jekyll/kramdown documentation site: every internal link and #fragment, front matter, breadcrumbs and phase navigation.");
        command.Arguments.Add(paths);
        foreach (var option in new Option[] { root, config, format, outputFile, fix, dryRun, failOn, rule, color, noColor, quiet, verbose, cache, cacheLocation, baseline, updateBaseline, changed, staged, external, externalRefresh, stdin, stdinFilename }) command.Options.Add(option);

        var ruleId = new Argument<string?>("id") { Description = "A rule id or name to show its documentation", Arity = ArgumentArity.ZeroOrOne };
        var rulesCommand = new Command("rules", "List the rules, or print one rule's documentation");
        rulesCommand.Arguments.Add(ruleId);
        command.Subcommands.Add(rulesCommand);

        var stdio = new Option<bool>("--stdio") { Description = "Speak over standard input and output (the only transport; accepted because clients pass it)" };
        var clientProcessId = new Option<string?>("--clientProcessId") { Hidden = true };
        var lspCommand = new Command("lsp", "Run the language server (Language Server Protocol over standard input and output) for the site of the editor's workspace folder");
        lspCommand.Options.Add(stdio);
        lspCommand.Options.Add(clientProcessId);
        var lspVerbose = new Option<bool>("--verbose") { Description = "Log the stack traces of internal errors to standard error" };
        lspCommand.Options.Add(lspVerbose);
        command.Subcommands.Add(lspCommand);

        var exitCode = Success;
        lspCommand.SetAction(result => exitCode = LanguageServer.LspCommand.Run(host, error, result.GetValue(lspVerbose)));
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
            result.GetValue(noColor) && result.GetResult(color) is null or { Implicit: true } ? "never" : result.GetValue(color)!,
            result.GetValue(quiet),
            result.GetValue(verbose),
            result.GetValue(cacheLocation) ?? (result.GetValue(cache) ? DefaultCacheFolder : null))
        {
            DryRun = result.GetValue(dryRun),
            Baseline = result.GetValue(baseline),
            UpdateBaseline = result.GetValue(updateBaseline),
            External = result.GetValue(external) || result.GetValue(externalRefresh) ? true : null,
            ExternalRefresh = result.GetValue(externalRefresh),
            Stdin = result.GetValue(stdin),
            StdinFilename = result.GetValue(stdinFilename),
            Changes = result.GetResult(changed) is not null || result.GetValue(staged) ? new Changes.ChangeRequest(result.GetValue(changed), result.GetValue(staged)) : null,
        }, output, error, host));

        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0 || UnknownOption(parsed, command) is not null)
        {
            // An unknown option would otherwise be taken as a path ("--bogus: no such file or folder").
            if (UnknownOption(parsed, command) is { } unknown) error.WriteLine($"smlint: unknown option '{unknown}'{Nearest(unknown, command)}");
            else foreach (var parseError in parsed.Errors) error.WriteLine($"smlint: {parseError.Message}");
            error.WriteLine("Run 'smlint --help' for usage.");
            return UsageExitCode;
        }
        var invoked = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return invoked != 0 ? invoked : exitCode;
    }

    private sealed record LintInvocation(string[] Paths, string? Root, string? Config, string Format, string? OutputFile, bool Fix,
        string FailOn, string[] Rules, string Color, bool Quiet, bool Verbose, string? CacheFolder)
    {
        public bool DryRun { get; init; }
        public string? Baseline { get; init; }
        public bool UpdateBaseline { get; init; }
        public Changes.ChangeRequest? Changes { get; init; }
        public bool? External { get; init; }
        public bool ExternalRefresh { get; init; }
        public bool Stdin { get; init; }
        public string? StdinFilename { get; init; }
    }

    // A token that looks like an option, given where a path goes, before any "--" (after which
    // "-file.md" is a path). "-" alone is not an option (it is commonly standard input).
    private static string? UnknownOption(ParseResult parsed, RootCommand command)
    {
        if (parsed.CommandResult.Command != command) return null;
        foreach (var token in parsed.Tokens)
        {
            if (token.Type == TokenType.DoubleDash) return null;
            if (token.Type == TokenType.Argument && token.Value.Length > 1 && token.Value[0] == '-' && !IsOptionValue(parsed, token)) return token.Value.Split('=', 2)[0];
        }
        return null;
    }

    private static bool IsOptionValue(ParseResult parsed, Token token) =>
        parsed.CommandResult.Children.OfType<OptionResult>().Any(option => option.Tokens.Contains(token));

    private static string Nearest(string unknown, RootCommand command)
    {
        var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
        var best = names.Select(n => (Name: n, Distance: Levenshtein(unknown, n))).OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, unknown.Length / 4) ? $"; did you mean '{best.Name}'?" : string.Empty;
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }

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

    private static int Lint(LintInvocation invocation, TextWriter output, TextWriter error, CliHost host)
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
            string? stdinPath = null;
            SiteChoice? site;
            if (invocation.Stdin || invocation.StdinFilename is not null)
            {
                if (StdinProblem(invocation) is { } problem)
                {
                    error.WriteLine($"smlint: {problem}");
                    return UsageExitCode;
                }
                (site, stdinPath) = ChooseStdinSite(invocation, host, error);
            }
            else
            {
                site = ChooseRoot(invocation, host, error);
            }
            if (site is null) return UsageExitCode;
            if (invocation.OutputFile is { } outputFile && OutputProblem(outputFile, host) is { } outputProblem)
            {
                error.WriteLine($"smlint: --output {outputFile}: {outputProblem}");
                return UsageExitCode;
            }
            if (invocation.DryRun && !invocation.Fix)
            {
                error.WriteLine("smlint: --dry-run previews what --fix would change: give both (--fix --dry-run)");
                return UsageExitCode;
            }

            // On a terminal, a long run shows how far it has got, on stderr so reports stay clean.
            using var progress = host.ErrorIsTerminal && !invocation.Quiet ? new ProgressLine(error) : null;
            var options = new LintOptions
            {
                Root = site.Root, ConfigPath = invocation.Config is null ? null : Path.GetFullPath(invocation.Config, host.CurrentFolder),
                Paths = site.Paths, RuleSeverities = severities, Progress = progress, CacheFolder = invocation.CacheFolder,
                CheckExternalLinks = invocation.External, RefreshExternalLinks = invocation.ExternalRefresh, ExternalProgress = progress,
            };
            if (invocation.CacheFolder is not null && host.IsProcess) PostponeCollections();
            if (invocation.Changes is { Staged: true } && invocation.Fix)
            {
                error.WriteLine("smlint: --fix cannot be combined with --staged (fixes are made in the work tree, not the index)");
                return UsageExitCode;
            }
            string? stdinText = null;
            if (stdinPath is not null && (stdinText = ReadStandardInput(host, error)) is null) return UsageExitCode;
            Func<LintResult> lint = stdinPath is not null ? () => LintText(site.Root, stdinPath, stdinText!, options)
                : invocation.Changes is { } changes ? () => Changes.ChangedFiles.Lint(options, site.Root, changes)
                : () => Linter.Lint(options);
            var result = lint();
            progress?.Dispose();
            if (result.CacheWarning is { } cacheWarning) error.WriteLine($"smlint: warning: {cacheWarning}");
            if (result.External is { } checkedExternally && !invocation.Quiet) error.WriteLine(ExternalSummaryLine(checkedExternally));
            var reportOptions = new ReportOptions { PathBase = host.CurrentFolder };
            if (invocation.Fix && invocation.DryRun) return PreviewFixes(result, invocation, reportOptions, output, error, host);
            if (invocation.Fix)
            {
                var report = FixApplier.Apply(result);
                foreach (var (path, reason) in report.Refused) error.WriteLine($"smlint: {reportOptions.DisplayPath(result, path)}: not fixed: the file {reason}");
                if (report.Applied.Count > 0)
                {
                    error.WriteLine($"smlint: fixed {report.Applied.Count} problem{(report.Applied.Count == 1 ? "" : "s")} in {report.FilesChanged.Count} file{(report.FilesChanged.Count == 1 ? "" : "s")}");
                    result = lint(); // report what is left, at the new positions
                }
            }
            if (ApplyBaseline(result, invocation, site, host, error) is not { } baselined) return UsageExitCode;
            (result, var baselineSummary) = baselined;

            // The exit code counts every finding left; --quiet only narrows what is printed to the
            // findings that fail the run (errors, or down to the --fail-on severity).
            var failing = HasFailures(result, invocation.FailOn);
            var threshold = FailThreshold(invocation.FailOn) ?? Severity.Error;
            var notShown = 0;
            if (invocation.Quiet)
            {
                var shown = result.Diagnostics.Where(d => d.Severity >= threshold).ToArray();
                notShown = result.Diagnostics.Count - shown.Length;
                result = result with { Diagnostics = shown };
            }

            var reportStarted = System.Diagnostics.Stopwatch.GetTimestamp();
            reportOptions = reportOptions with
            {
                UseColor = UseColor(invocation.Color, host, invocation.OutputFile is null),
                Baseline = baselineSummary,
                NotShown = notShown,
                // GitHub places annotations by the path from the checkout's root.
                PathBase = invocation.Format == "github" && host.Environment("GITHUB_WORKSPACE") is { Length: > 0 } workspace ? Path.GetFullPath(workspace, host.CurrentFolder) : host.CurrentFolder,
            };
            var formatter = Formatters.Create(invocation.Format, reportOptions)!;
            if (invocation.OutputFile is not null)
            {
                using var file = new StreamWriter(Path.GetFullPath(invocation.OutputFile, host.CurrentFolder));
                formatter.Write(file, result);
            }
            else
            {
                formatter.Write(output, result);
            }
            // After the report, so the figures include writing it.
            if (host.Environment("SMLINT_TIMING") is { Length: > 0 } and not "0") WriteTimings(result, error, reportStarted);
            return failing ? FindingsExitCode : Success;
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

    // --stdin lints one text as one page: what it cannot be combined with, and what it needs.
    private static string? StdinProblem(LintInvocation invocation)
    {
        if (!invocation.Stdin) return "--stdin-filename names the page that --stdin reads: give both (--stdin --stdin-filename PATH)";
        if (invocation.StdinFilename is null) return "--stdin needs --stdin-filename PATH: the page the text is linted as (it finds the site, and the text's links are resolved from its URL)";
        if (invocation.Paths.Length > 0) return $"--stdin lints one text as the page --stdin-filename names: give no other paths (here '{invocation.Paths[0]}')";
        if (invocation.Fix) return "--stdin cannot be combined with --fix: the text is not a file to change (an editor applies the fixes itself, from --format json)";
        if (invocation.Changes is { Staged: true }) return "--stdin cannot be combined with --staged: the text is not in the index";
        if (invocation.Changes is not null) return "--stdin cannot be combined with --changed: the text is not in git";
        if (invocation.UpdateBaseline) return "--stdin cannot be combined with --update-baseline: the baseline records the files as saved";
        if (invocation.CacheFolder is not null) return "--stdin does not use the cache: leave out --cache";
        if (invocation.External is true) return "--stdin does not check external links: leave out --external";
        return null;
    }

    // The site of --stdin-filename (found from it as from a path argument, or --root) and its path
    // from the root; it need not exist, but must be a file's path inside the root.
    private static (SiteChoice? Site, string? Path) ChooseStdinSite(LintInvocation invocation, CliHost host, TextWriter error)
    {
        var given = invocation.StdinFilename!;
        var full = Path.GetFullPath(given, host.CurrentFolder);
        if (Directory.Exists(full))
        {
            error.WriteLine($"smlint: --stdin-filename {given}: is a folder; give the path of the page the text is");
            return (null, null);
        }
        string root;
        if (invocation.Root is not null)
        {
            root = Path.GetFullPath(invocation.Root, host.CurrentFolder);
            if (!Directory.Exists(root))
            {
                error.WriteLine($"smlint: --root {invocation.Root}: no such folder");
                return (null, null);
            }
        }
        else if (FindSiteRoot(full) is { } found)
        {
            root = found;
        }
        else
        {
            error.WriteLine($"smlint: no site found: no folder above '{given}' holds smlint.yml or _config.yml; give a path inside the site, or say where the site is with --root DIR");
            return (null, null);
        }
        var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
        if (relative == "." || relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            error.WriteLine($"smlint: --stdin-filename {given}: is not a file inside the site root {Relative(root, host)}");
            return (null, null);
        }
        return (new SiteChoice(root, []), relative);
    }

    // Standard input as strict UTF-8, as a page is read.
    private static string? ReadStandardInput(CliHost host, TextWriter error)
    {
        using var memory = new MemoryStream();
        if (host.Input is { } open)
        {
            using var input = open();
            input.CopyTo(memory);
        }
        try
        {
            return new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(memory.GetBuffer(), 0, (int)memory.Length);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            error.WriteLine($"smlint: standard input is not UTF-8 text (byte {e.Index}); Jekyll reads pages as UTF-8");
            return null;
        }
    }

    // The text as that page of its site, as if it were saved there; findings of that file only.
    private static LintResult LintText(string root, string path, string text, LintOptions options)
    {
        var workspace = Workspaces.SiteWorkspace.Open(root, options.ConfigPath, options.AdditionalRules, options.RuleSeverities);
        workspace.SetText(path, text);
        return new LintResult(workspace.Site, workspace.Lint([path])[path], FilesChecked: 1);
    }

    /// <summary>The site root and the paths to report on, as full paths.</summary>
    private sealed record SiteChoice(string Root, string[] Paths);

    // Each path finds its own site: the nearest folder at or above it with smlint.yml or _config.yml
    // (the current folder's, when no path is given). Paths of two sites are an error rather than two
    // reports in one (a JSON or SARIF document describes one site): lint each in its own run.
    private static SiteChoice? ChooseRoot(LintInvocation invocation, CliHost host, TextWriter error)
    {
        var paths = invocation.Paths.Select(p => Path.GetFullPath(p, host.CurrentFolder)).ToArray();
        for (var i = 0; i < paths.Length; i++)
        {
            if (!File.Exists(paths[i]) && !Directory.Exists(paths[i]))
            {
                error.WriteLine($"smlint: {invocation.Paths[i]}: no such file or folder");
                return null;
            }
        }
        if (invocation.Root is not null)
        {
            var root = Path.GetFullPath(invocation.Root, host.CurrentFolder);
            if (Directory.Exists(root)) return new SiteChoice(root, paths);
            error.WriteLine($"smlint: --root {invocation.Root}: no such folder");
            return null;
        }
        var starts = paths.Length == 0 ? [host.CurrentFolder] : paths;
        var roots = new List<(string Given, string Root)>();
        for (var i = 0; i < starts.Length; i++)
        {
            var given = paths.Length == 0 ? "." : invocation.Paths[i];
            if (FindSiteRoot(starts[i]) is not { } found)
            {
                var where = paths.Length == 0 ? "the current folder" : $"'{given}'";
                error.WriteLine($"smlint: no site found: neither {where} nor any folder above it holds smlint.yml or _config.yml. "
                    + "Run smlint in the site's folder, give a path inside the site, or say where the site is with --root DIR (and add a _config.yml or smlint.yml there).");
                return null;
            }
            if (roots.Count > 0 && roots[0].Root != found)
            {
                error.WriteLine($"smlint: '{roots[0].Given}' and '{given}' belong to different sites ({Relative(roots[0].Root, host)} and {Relative(found, host)}): lint each site in its own run, or pass --root DIR to treat them as one");
                return null;
            }
            roots.Add((given, found));
        }
        // Run inside the site with no path, smlint reports on the current folder, as ESLint and ruff
        // lint "." (the whole site is loaded all the same, so cross-page checks stay exact).
        if (paths.Length == 0 && roots[0].Root != host.CurrentFolder.TrimEnd(Path.DirectorySeparatorChar)) paths = [host.CurrentFolder];
        return new SiteChoice(roots[0].Root, paths);
    }

    private static string? FindSiteRoot(string start)
    {
        var folder = Directory.Exists(start) ? start : Path.GetDirectoryName(start);
        for (; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (LintConfiguration.ConfigFileNames.Any(name => File.Exists(Path.Combine(folder, name)))) return folder;
        }
        return null;
    }

    private static string Relative(string path, CliHost host)
    {
        var relative = Path.GetRelativePath(host.CurrentFolder, path).Replace('\\', '/');
        return relative.StartsWith("../../", StringComparison.Ordinal) ? path : relative;
    }

    private static string? OutputProblem(string outputFile, CliHost host)
    {
        var full = Path.GetFullPath(outputFile, host.CurrentFolder);
        if (Directory.Exists(full)) return $"is a folder: give a file name (such as {Path.Combine(outputFile, "smlint-report")})";
        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder)) return $"the folder {folder} does not exist";
        return null;
    }

    // --color auto: colour on a terminal, unless NO_COLOR (no-color.org) or TERM=dumb; FORCE_COLOR
    // (other than 0 or false) forces it, as Node and chalk take it, for CI logs that show colour.
    private static bool UseColor(string color, CliHost host, bool toStandardOutput)
    {
        if (color != "auto") return color == "always";
        if (!toStandardOutput) return false;
        if (host.Environment("FORCE_COLOR") is { } force) return force is not ("0" or "false");
        if (host.Environment("NO_COLOR") is { Length: > 0 }) return false;
        if (host.Environment("TERM") == "dumb") return false;
        return host.OutputIsTerminal;
    }

    private static int PreviewFixes(LintResult result, LintInvocation invocation, ReportOptions paths, TextWriter output, TextWriter error, CliHost host)
    {
        var preview = FixApplier.Preview(result);
        foreach (var (path, reason) in preview.Refused) error.WriteLine($"smlint: {paths.DisplayPath(result, path)}: would not be fixed: the file {reason}");
        using var file = invocation.OutputFile is null ? null : new StreamWriter(Path.GetFullPath(invocation.OutputFile, host.CurrentFolder));
        var writer = file ?? output;
        foreach (var changed in preview.Files) UnifiedDiff.Write(writer, paths.DisplayPath(result, changed.Path), changed.Before, changed.After);
        var fixes = preview.Files.Sum(f => f.Applied.Count);
        error.WriteLine(fixes == 0
            ? "smlint: --dry-run: nothing to fix"
            : $"smlint: --dry-run: --fix would fix {fixes} problem{(fixes == 1 ? "" : "s")} in {preview.Files.Count} file{(preview.Files.Count == 1 ? "" : "s")}; nothing was changed");
        // As `git diff --exit-code` and `ruff --diff`: 1 when there is something to change.
        return preview.Files.Count > 0 ? FindingsExitCode : Success;
    }

    // The baseline (--baseline FILE, else .smlint-baseline.json at the root when present) hides the
    // findings it holds; --update-baseline first rewrites it with this run's findings.
    private static (LintResult Result, BaselineSummary? Summary)? ApplyBaseline(LintResult result, LintInvocation invocation, SiteChoice site, CliHost host, TextWriter error)
    {
        var path = invocation.Baseline is null ? Path.Combine(result.Site.Root, Baseline.DefaultFileName) : Path.GetFullPath(invocation.Baseline, host.CurrentFolder);
        var shown = Relative(path, host);
        var exists = File.Exists(path);
        if (!exists && !invocation.UpdateBaseline)
        {
            if (invocation.Baseline is null) return (result, null);
            error.WriteLine($"smlint: --baseline {invocation.Baseline}: no such file (write it with --update-baseline)");
            return null;
        }
        var baseline = exists ? Baseline.Load(path) : Baseline.Empty;
        if (invocation.UpdateBaseline)
        {
            var before = baseline.FindingCount;
            var prefixes = site.Paths.Select(p => Path.GetRelativePath(result.Site.Root, p).Replace('\\', '/')).Select(p => p == "." ? string.Empty : p).ToArray();
            bool InScope(string file) => prefixes.Length == 0 || prefixes.Any(p => p.Length == 0 || file == p || file.StartsWith(p + "/", StringComparison.Ordinal));
            baseline = baseline.Update(result, InScope);
            baseline.Save(path);
            error.WriteLine($"smlint: wrote {shown}: {baseline.FindingCount} finding{(baseline.FindingCount == 1 ? "" : "s")} (was {before})");
        }
        var (remaining, hidden) = baseline.Filter(result);
        return (remaining, new BaselineSummary(shown, hidden));
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

    private static Severity? FailThreshold(string failOn) =>
        failOn switch { "never" => null, "warning" => Severity.Warning, "info" => Severity.Info, _ => Severity.Error };

    private static bool HasFailures(LintResult result, string failOn) =>
        FailThreshold(failOn) is { } minimum && result.Diagnostics.Any(d => d.Severity >= minimum);

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
