namespace ServiceManual.Lint.External;

/// <summary>
/// One HTTP exchange, read to the end inside the host's slot: the status and what the checker
/// needs of the answer, or the failure. <see cref="IsTransient"/> ones are retried.
/// </summary>
internal sealed record Attempt(int Status, string Detail)
{
    public string? Location { get; init; }

    /// <summary>The wait the host asked for (429/503 <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Set for failures with no HTTP answer (<see cref="Status"/> is 0).</summary>
    public ExternalStatus? Failure { get; init; }

    public bool IsTransient { get; init; }

    /// <summary>The host's name did not resolve: true of every URL on it this run.</summary>
    public bool HostUnknown { get; init; }

    public bool BodyRead { get; init; }

    public IReadOnlySet<string>? Ids { get; init; }
}
