namespace ServiceManual.Lint;

/// <summary>
/// How long one phase of a run took: loading, resolving links, or one rule (see <see cref="LintResult.Timings"/>).
/// The built-in rules run side by side, so their times can add up to more than the run took.
/// </summary>
/// <param name="Phase">What ran: <c>walk</c>, <c>parse</c>, <c>index</c>, <c>links</c>, or a rule id.</param>
/// <param name="Elapsed">Wall-clock time it took.</param>
internal sealed record PhaseTiming(string Phase, TimeSpan Elapsed);

// Collects phase times as a run goes; cheap enough to be always on.
internal sealed class TimingRecorder
{
    // Phases can end on any thread (links are resolved by whichever rule first needs them).
    private readonly Lock gate = new();
    private readonly List<PhaseTiming> timings = [];
    private long started = System.Diagnostics.Stopwatch.GetTimestamp();

    public IReadOnlyList<PhaseTiming> Timings => timings;

    /// <summary>Ends the current phase (it started when the previous one ended) under this name.</summary>
    public void Lap(string phase)
    {
        lock (gate)
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            timings.Add(new PhaseTiming(phase, System.Diagnostics.Stopwatch.GetElapsedTime(started, now)));
            started = now;
        }
    }

    /// <summary>Ends the current phase, in which <paramref name="phases"/> ran side by side: each is recorded with its own time.</summary>
    public void EndSideBySide(IEnumerable<PhaseTiming> phases)
    {
        lock (gate)
        {
            timings.AddRange(phases);
            started = System.Diagnostics.Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Runs work nested in the current phase, timed as a phase of its own and not counted in the current one.</summary>
    public T Separately<T>(string phase, Func<T> work)
    {
        var begun = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = work();
        var ended = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (gate)
        {
            timings.Add(new PhaseTiming(phase, System.Diagnostics.Stopwatch.GetElapsedTime(begun, ended)));
            started += ended - begun;
        }
        return result;
    }
}
