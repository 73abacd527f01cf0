using System.Collections.Concurrent;
using System.Diagnostics;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;

namespace ServiceManual.Lint.Site;

/// <summary>
/// Parses files on one worker thread per core, each with a large stack (deeply nested input cannot
/// overflow it), while the calling thread watches the clock: a file whose parse runs over the time
/// budget is reported and abandoned, and a fresh worker takes over the rest. Markdig cannot be
/// cancelled, so the abandoned thread is left to finish or to end with the process.
/// </summary>
internal sealed class BudgetedParser
{
    private const int WorkerStackBytes = 64 * 1024 * 1024;
    private const int Running = 0, Done = 1, Abandoned = 2;

    private readonly string[] files;
    private readonly Func<string, Page?> parseOne;
    private readonly LintConfiguration configuration;
    private readonly ConcurrentBag<LoadProblem> problems;
    private readonly Page?[] results;
    private readonly int[] states;
    private readonly long[] startedAt;
    private int next = -1;

    private readonly IProgress<int>? progress;
    private int finished;

    private BudgetedParser(string[] files, LintConfiguration configuration, ConcurrentBag<LoadProblem> problems, IProgress<int>? progress, Func<string, Page?> parseOne)
    {
        this.parseOne = parseOne;
        this.progress = progress;
        this.files = files;
        this.configuration = configuration;
        this.problems = problems;
        results = new Page?[files.Length];
        states = new int[files.Length];
        startedAt = new long[files.Length];
    }

    /// <summary>Runs <paramref name="parseOne"/> (read, classify, parse; null for a file that is not a page) on every file within the budget.</summary>
    public static IEnumerable<Page> ParseAll(string[] files, LintConfiguration configuration,
        ConcurrentBag<LoadProblem> problems, IProgress<int>? progress, Func<string, Page?> parseOne)
    {
        var parser = new BudgetedParser(files, configuration, problems, progress, parseOne);
        parser.Run();
        return parser.results.OfType<Page>();
    }

    private void Run()
    {
        var budget = (long)(configuration.Limits.ParseSeconds * Stopwatch.Frequency);
        var workers = new List<(Thread Thread, int[] Current)>();
        for (var i = 0; i < Math.Min(Environment.ProcessorCount, Math.Max(files.Length, 1)); i++) workers.Add(StartWorker());

        while (true)
        {
            workers.RemoveAll(w => !w.Thread.IsAlive);
            if (workers.Count == 0) break;
            workers[0].Thread.Join(TimeSpan.FromMilliseconds(50));
            progress?.Report(Volatile.Read(ref finished));
            var now = Stopwatch.GetTimestamp();
            foreach (var worker in workers.ToArray())
            {
                var index = Volatile.Read(ref worker.Current[0]);
                if (index < 0 || now - Volatile.Read(ref startedAt[index]) <= budget) continue;
                if (Interlocked.CompareExchange(ref states[index], Abandoned, Running) != Running) continue;
                problems.Add(new LoadProblem(files[index], SourceSpan.FileStart,
                    $"parsing took longer than {configuration.Limits.ParseSeconds:0.#} s (pathological Markdown?) and was abandoned; the file was not checked"));
                // The stuck worker is no longer waited for; a fresh one takes its place.
                workers.Remove(worker);
                workers.Add(StartWorker());
            }
        }
    }

    private (Thread Thread, int[] Current) StartWorker()
    {
        var current = new[] { -1 };
        var thread = new Thread(() => Work(current), WorkerStackBytes) { IsBackground = true, Name = "smlint parser" };
        thread.Start();
        return (thread, current);
    }

    private void Work(int[] current)
    {
        while (true)
        {
            var index = Interlocked.Increment(ref next);
            if (index >= files.Length) return;
            Volatile.Write(ref startedAt[index], Stopwatch.GetTimestamp());
            Volatile.Write(ref current[0], index);
            var path = files[index];
            Page? page = null;
            LoadProblem? failure = null;
            try
            {
                page = parseOne(path);
            }
            catch (ArgumentException e) when (e.Message.Contains("too deeply nested", StringComparison.Ordinal))
            {
                failure = new LoadProblem(path, SourceSpan.FileStart, "Markdown is nested more deeply than the parser allows (Markdig's depth limit); the file was not checked");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A parser bug or limit on one file must not stop the other files being linted.
                failure = new LoadProblem(path, SourceSpan.FileStart, $"file could not be parsed ({e.GetType().Name}: {e.Message}); it was not checked");
            }
            // The watchdog may have given up on this file meanwhile: then this worker retires.
            if (Interlocked.CompareExchange(ref states[index], Done, Running) != Running) return;
            Volatile.Write(ref current[0], -1);
            if (failure is not null) problems.Add(failure);
            results[index] = page;
            Interlocked.Increment(ref finished);
        }
    }
}
