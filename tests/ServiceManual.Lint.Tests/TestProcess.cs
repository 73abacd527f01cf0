using System.Diagnostics;
using System.Text;

namespace ServiceManual.Lint.Tests;

/// <summary>
/// Runs a program for a test and collects what it wrote. Shared by the unit tests' git repositories
/// and the packaging tests (which link this file), so that both wait for, time out and read a child
/// process the same way.
/// </summary>
internal static class TestProcess
{
    /// <summary>
    /// The environment that keeps the machine's global and system git configuration (a user's hooks,
    /// signing settings, aliases) and any credential prompt out of a test's git commands.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> IsolatedGit = new Dictionary<string, string>
    {
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_TERMINAL_PROMPT"] = "0",
    };

    /// <summary>
    /// Runs <paramref name="program"/> in <paramref name="folder"/> with <paramref name="environment"/>
    /// added to this process's own (later entries win), killing it and its children after
    /// <paramref name="timeout"/>: its exit code, its output and error interleaved as written, and
    /// the seconds it took.
    /// </summary>
    public static (int ExitCode, string Output, double Seconds) Run(
        string folder, string program, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout)) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString(), stopwatch.Elapsed.TotalSeconds);
    }
}
