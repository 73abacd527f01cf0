namespace ServiceManual.Lint.External;

/// <summary>What became of a request for an external URL.</summary>
internal enum ExternalStatus
{
    /// <summary>The host answered 2xx (or an accepted code), possibly after redirects.</summary>
    Ok,
    /// <summary>The host answered that the page is not there (404, 410, other 4xx), or redirects went round in a loop.</summary>
    Broken,
    /// <summary>The host cannot be reached: its name does not resolve, the connection is refused, TLS fails.</summary>
    Unreachable,
    /// <summary>Server errors, timeouts or rate limits outlasted the retries: maybe fine tomorrow.</summary>
    Flaky,
}

/// <summary>The answer for one URL (without its fragment), shared by every link to it.</summary>
/// <param name="Status">The verdict.</param>
/// <param name="StatusCode">The last HTTP status, when there was an answer.</param>
/// <param name="Detail">What happened, for messages ("404 Not Found", "host not found").</param>
/// <param name="PermanentRedirect">Where the URL's permanent (301/308) redirects lead, when it starts with them.</param>
/// <param name="Ids">The ids (and <c>a name</c>s) of the page when it was fetched for fragments and is HTML.</param>
/// <param name="CheckedAt">When the answer came.</param>
internal sealed record ExternalResult(ExternalStatus Status, int? StatusCode, string Detail, string? PermanentRedirect, IReadOnlySet<string>? Ids, DateTimeOffset CheckedAt)
{
    /// <summary>Whether this answer came from the cache rather than the network this run.</summary>
    public bool FromCache { get; init; }

    /// <summary>Whether the page's body was read for fragments (<see cref="Ids"/> is null when it was not HTML).</summary>
    public bool BodyRead { get; init; }
}

/// <summary>One distinct URL to check, and whether its page's ids are wanted (some link to it has a fragment).</summary>
internal readonly record struct ExternalRequest(string Url, bool WantIds);

/// <summary>How far the external check has got, a few times a second (for progress displays).</summary>
/// <param name="Checked">URLs answered so far (from the cache or the network).</param>
/// <param name="Total">Distinct URLs to check.</param>
/// <param name="HostsWaiting">Hosts that asked us to wait (429 with <c>Retry-After</c>) and are being waited for.</param>
internal readonly record struct ExternalProgress(int Checked, int Total, int HostsWaiting);

/// <summary>What the external link check did, for the summary.</summary>
/// <param name="Links">External links looked at.</param>
/// <param name="Urls">Distinct URLs among them (without fragments), excluded ones left out.</param>
/// <param name="Requests">HTTP requests made (retries, redirects and HEAD-then-GET included).</param>
/// <param name="FromCache">URLs answered from the cache.</param>
/// <param name="Excluded">Links left out by <c>external.exclude</c>.</param>
/// <param name="Ok">URLs that answered well (redirected or not).</param>
/// <param name="Redirected">URLs that start with a permanent redirect.</param>
/// <param name="Broken">URLs reported broken.</param>
/// <param name="Unreachable">URLs whose host could not be reached.</param>
/// <param name="Flaky">URLs that failed only with server errors, timeouts or rate limits.</param>
internal sealed record ExternalSummary(int Links, int Urls, int Requests, int FromCache, int Excluded, int Ok, int Redirected, int Broken, int Unreachable, int Flaky);
