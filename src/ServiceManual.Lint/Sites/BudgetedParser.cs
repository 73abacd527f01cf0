using System.Collections.Concurrent;
using System.Diagnostics;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Documents;
using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Sites;

/// <summary>
/// Parses files on one worker thread per core, each with a large stack (deeply nested input cannot
/// overflow it), while the calling thread watches the clock: a file whose parse runs over the time
/// budget is reported and abandoned, and a fresh worker takes over the rest. Markdig cannot be
/// cancelled, so the abandoned thread is left to finish or to end with the process.
/// </summary>
internal sealed class BudgetedParser : IDisposable
{
    private const int WorkerStackBytes = 64 * 1024 * 1024;
    private const int Running = 0, Done = 1, Abandoned = 2;

    // One file's parse: when it started, whether it finished or was given up on, and its page.
    private sealed class Job(string path)
    {
        public string Path { get; } = path;
        public long StartedAt;
        public int State;
        public Page? Page;
    }

    private readonly BlockingCollection<string> queue = new();
    private readonly Func<string, Page?> parseOne;
    private readonly LintConfiguration configuration;
    private readonly ConcurrentBag<LoadProblem> problems;
    private readonly ConcurrentQueue<Job> finishedJobs = new();
    private readonly List<(Thread Thread, Job?[] Current)> workers = [];
    private readonly IProgress<int>? progress;
    private readonly StringPool strings;
    private int finished;

    /// <summary>
    /// A parser waiting for files: <see cref="Add"/> hands them over as they are found (the loader
    /// lists folders meanwhile), <see cref="Finish"/> watches the clock until every file is done.
    /// <paramref name="parseOne"/> reads, classifies and parses a file (null for a file that is not a page),
    /// on a worker whose parse workspace shares strings through <paramref name="strings"/>.
    /// </summary>
    public BudgetedParser(LintConfiguration configuration, ConcurrentBag<LoadProblem> problems, IProgress<int>? progress, StringPool strings, Func<string, Page?> parseOne)
    {
        this.strings = strings;
        this.parseOne = parseOne;
        this.progress = progress;
        this.configuration = configuration;
        this.problems = problems;
    }

    /// <summary>Queues a file (from any thread).</summary>
    public void Add(string path)
    {
        queue.Add(path);
        // Workers start with the files, one per file up to one per core: a re-run with the cache
        // that parses one changed page starts one thread, not one per core (a thread start is a
        // good part of a millisecond).
        if (Volatile.Read(ref started) >= Environment.ProcessorCount) return;
        lock (workers)
        {
            if (started >= Environment.ProcessorCount) return;
            workers.Add(StartWorker());
            Volatile.Write(ref started, started + 1);
        }
    }

    // Workers started by Add (Finish, which runs once every file is added, replaces stuck ones).
    private int started;

    /// <summary>When the load fails before <see cref="Finish"/>: no more files, so the workers end once the queued ones are done.</summary>
    public void Dispose()
    {
        if (!queue.IsAddingCompleted) queue.CompleteAdding();
    }

    /// <summary>Waits for every queued file, giving up on any that runs over the budget; returns the pages in path order.</summary>
    public Page[] Finish()
    {
        queue.CompleteAdding();
        var budget = (long)(configuration.Limits.ParseSeconds * Stopwatch.Frequency);
        while (true)
        {
            workers.RemoveAll(w => !w.Thread.IsAlive);
            if (workers.Count == 0) break;
            workers[0].Thread.Join(TimeSpan.FromMilliseconds(50));
            progress?.Report(Volatile.Read(ref finished));
            var now = Stopwatch.GetTimestamp();
            foreach (var worker in workers.ToArray())
            {
                var job = Volatile.Read(ref worker.Current[0]);
                if (job is null || now - Volatile.Read(ref job.StartedAt) <= budget) continue;
                if (Interlocked.CompareExchange(ref job.State, Abandoned, Running) != Running) continue;
                problems.Add(new LoadProblem(job.Path, SourceSpan.FileStart,
                    $"parsing took longer than {configuration.Limits.ParseSeconds:0.#} s (pathological Markdown?) and was abandoned; the file was not checked"));
                // The stuck worker is no longer waited for; a fresh one takes its place.
                workers.Remove(worker);
                workers.Add(StartWorker());
            }
        }
        var pages = finishedJobs.Where(j => j.Page is not null).Select(j => j.Page!).ToArray();
        Array.Sort(pages, (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return pages;
    }

    private (Thread Thread, Job?[] Current) StartWorker()
    {
        var current = new Job?[1];
        var thread = new Thread(() => Work(current), WorkerStackBytes) { IsBackground = true, Name = "smlint parser" };
        thread.Start();
        return (thread, current);
    }

    private void Work(Job?[] current)
    {
        // The worker's own workspace for as long as it lives: its buffers serve one file after another.
        using var workspace = ParseWorkspace.Use(new ParseWorkspace(strings));
        foreach (var path in queue.GetConsumingEnumerable())
        {
            var job = new Job(path) { StartedAt = Stopwatch.GetTimestamp() };
            Volatile.Write(ref current[0], job);
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
            if (Interlocked.CompareExchange(ref job.State, Done, Running) != Running) return;
            Volatile.Write(ref current[0], null);
            if (failure is not null) problems.Add(failure);
            job.Page = page;
            finishedJobs.Enqueue(job);
            Interlocked.Increment(ref finished);
        }
    }
}
