namespace ServiceManual.Lint.External;

/// <summary>
/// How links to other sites are checked (the <c>external:</c> section of <c>smlint.yml</c>). Off by
/// default, so an ordinary run stays offline and gives the same answer every time.
/// </summary>
internal sealed record ExternalLinkSettings
{
    /// <summary>Whether <c>http(s):</c> links to other sites are checked over the network (<c>enabled</c>; the CLI's <c>--external</c>).</summary>
    public bool Enabled { get; init; }

    /// <summary>How long a good answer is trusted before the URL is asked again (<c>max-age</c>).</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a broken or unreachable answer is trusted (<c>error-max-age</c>): shorter, so a fixed
    /// page or a host back from an outage is seen soon. Answers that were only flaky are never kept.
    /// </summary>
    public TimeSpan ErrorMaxAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Requests in flight at once, over all hosts (<c>concurrency</c>).</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>Requests in flight at once to any one host (<c>per-host</c>): no host ever sees more.</summary>
    public int PerHost { get; init; } = 4;

    /// <summary>How long one attempt may take, connection included (<c>timeout</c>).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts after the first for server errors, timeouts and 429 answers (<c>retries</c>).</summary>
    public int Retries { get; init; } = 2;

    /// <summary>The first retry's wait; each later one waits about twice as long (<c>retry-delay</c>).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest <c>Retry-After</c> honoured (<c>max-retry-after</c>); a host asking for more is reported as rate-limited instead.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Redirects followed before the link is reported as a redirect loop (<c>max-redirects</c>).</summary>
    public int MaxRedirects { get; init; } = 10;

    /// <summary>Status codes taken as success besides 2xx (<c>accept</c>), such as 403 for a host that refuses robots.</summary>
    public IReadOnlyList<int> Accept { get; init; } = [];

    /// <summary>Regular expressions (.NET syntax, matched anywhere in the absolute URL) of URLs never requested (<c>exclude</c>).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Extra request headers by host name (<c>headers</c>); the host <c>*</c> applies to every host.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Headers { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>User-Agent</c> sent unless <see cref="Headers"/> set one (<c>user-agent</c>).</summary>
    public string UserAgent { get; init; } = "smlint-link-checker/0.2 (+https://github.com/servicemanual-lint/servicemanual-lint)";
}
