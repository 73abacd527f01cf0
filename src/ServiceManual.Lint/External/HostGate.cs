namespace ServiceManual.Lint.External;

/// <summary>
/// One host's share of the checker: at most <c>per-host</c> requests in flight (a semaphore, so the
/// limit holds whatever the connection pool or HTTP version does), a pause when the host answers
/// 429 with <c>Retry-After</c> that every later request to it waits out, and the memory that its
/// name does not resolve, so its other URLs are not looked up again.
/// </summary>
internal sealed class HostGate(int perHost)
{
    private readonly SemaphoreSlim slots = new(perHost, perHost);
    private long resumeAt;

    /// <summary>Set once the host's name failed to resolve: every URL on it gets this answer.</summary>
    public Attempt? Unresolvable { get; set; }

    /// <summary>Whether requests to the host are waiting out a <c>Retry-After</c>.</summary>
    public bool IsPaused => Environment.TickCount64 < Volatile.Read(ref resumeAt);

    /// <summary>Waits for the host's pause to end, a slot of its own and one of <paramref name="global"/>, in that order (a request waiting for its host holds no global slot).</summary>
    public async Task EnterAsync(SemaphoreSlim global, CancellationToken cancel)
    {
        await WaitOutPause(cancel).ConfigureAwait(false);
        await slots.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            // The pause may have begun while this request waited for its slot.
            await WaitOutPause(cancel).ConfigureAwait(false);
            await global.WaitAsync(cancel).ConfigureAwait(false);
        }
        catch
        {
            slots.Release();
            throw;
        }
    }

    /// <summary>Gives back both slots taken by <see cref="EnterAsync"/>.</summary>
    public void Exit(SemaphoreSlim global)
    {
        global.Release();
        slots.Release();
    }

    /// <summary>No new request to the host before <paramref name="delay"/> has passed (a later pause wins).</summary>
    public void PauseFor(TimeSpan delay)
    {
        var until = Environment.TickCount64 + (long)delay.TotalMilliseconds;
        long seen;
        do
        {
            seen = Volatile.Read(ref resumeAt);
            if (seen >= until) return;
        }
        while (Interlocked.CompareExchange(ref resumeAt, until, seen) != seen);
    }

    private async Task WaitOutPause(CancellationToken cancel)
    {
        while (true)
        {
            var wait = Volatile.Read(ref resumeAt) - Environment.TickCount64;
            if (wait <= 0) return;
            await Task.Delay(TimeSpan.FromMilliseconds(wait), cancel).ConfigureAwait(false);
        }
    }
}
