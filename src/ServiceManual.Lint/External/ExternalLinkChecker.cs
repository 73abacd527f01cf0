using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using AngleSharp.Html.Parser;
using Polly;
using Polly.Retry;

namespace ServiceManual.Lint.External;

/// <summary>
/// Asks the network about distinct external URLs, politely: one shared <see cref="HttpClient"/>
/// (connections reused, HTTP/2 where TLS offers it), a global and a per-host limit on requests in
/// flight, HEAD first and GET where HEAD is refused, redirects followed by hand so each hop is seen,
/// and retries with backoff (Polly) for server errors, timeouts and 429s, which honour <c>Retry-After</c>.
/// </summary>
internal sealed class ExternalLinkChecker : IDisposable
{
    // Enough of a page to find the ids a link can reach; a larger page is read only this far.
    private const int MaxBodyBytes = 8 * 1024 * 1024;

    private readonly ExternalLinkSettings settings;
    private readonly HttpClient client;
    private readonly SemaphoreSlim global;
    private readonly ConcurrentDictionary<string, HostGate> gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ResiliencePipeline<Attempt> retries;
    private int requests;

    /// <param name="settings">Limits, timeouts, retries and headers.</param>
    /// <param name="connect">Opens connections instead of DNS and TCP (tests map host names to 127.0.0.1 with it).</param>
    public ExternalLinkChecker(ExternalLinkSettings settings, Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect = null)
    {
        this.settings = settings;
        global = new SemaphoreSlim(settings.Concurrency, settings.Concurrency);
        var handler = new SocketsHttpHandler
        {
            // Followed by hand: each hop's status decides between fine (302/307) and a warning (301/308).
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            UseCookies = false,
            ConnectTimeout = settings.Timeout,
            // The semaphores are the limit; the pool never needs more connections than they let through.
            MaxConnectionsPerServer = settings.PerHost,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        handler.ConnectCallback = connect ?? new HostResolver(settings.Timeout).ConnectAsync;
        client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        retries = settings.Retries == 0 ? ResiliencePipeline<Attempt>.Empty : new ResiliencePipelineBuilder<Attempt>()
            .AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = settings.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { IsTransient: true }),
                // A host that said how long to wait is taken at its word (the gate holds back its other requests too).
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
            })
            .Build();
    }

    /// <summary>HTTP requests made so far (every attempt, hop and HEAD-then-GET).</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>Hosts waiting out a <c>Retry-After</c> now.</summary>
    public int HostsWaiting => gates.Values.Count(g => g.IsPaused);

    /// <summary>Checks every request, side by side within the limits; results in request order.</summary>
    public async Task<ExternalResult[]> CheckAsync(IReadOnlyList<ExternalRequest> requests, Action? answered, CancellationToken cancel)
    {
        var results = new ExternalResult[requests.Count];
        // Every URL starts at once and waits at its host's gate: a host's turn never holds up another's.
        await Task.WhenAll(requests.Select(async (request, i) =>
        {
            results[i] = await CheckAsync(request, cancel).ConfigureAwait(false);
            answered?.Invoke();
        })).ConfigureAwait(false);
        return results;
    }

    private async Task<ExternalResult> CheckAsync(ExternalRequest request, CancellationToken cancel)
    {
        var current = new Uri(request.Url);
        var seen = new HashSet<string>(StringComparer.Ordinal) { request.Url };
        string? permanent = null;
        var stillPermanent = true;
        for (var hops = 0; ; hops++)
        {
            var attempt = await FetchAsync(current, request.WantIds, cancel).ConfigureAwait(false);
            if (attempt.Failure is { } failure) return Result(failure, null, attempt.Detail);
            var status = attempt.Status;
            if (status is 301 or 302 or 303 or 307 or 308 && attempt.Location is { } location)
            {
                if (!Uri.TryCreate(current, location, out var next) || next.Scheme is not ("http" or "https"))
                {
                    return Result(ExternalStatus.Broken, status, $"redirects to '{location}', which is not a web address");
                }
                if (stillPermanent && status is 301 or 308) permanent = next.AbsoluteUri;
                else stillPermanent = false;
                var nextKey = next.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
                if (!seen.Add(nextKey)) return Result(ExternalStatus.Broken, status, $"redirects in a loop (back to '{nextKey}')");
                if (hops + 1 > settings.MaxRedirects) return Result(ExternalStatus.Broken, status, $"redirects more than {settings.MaxRedirects} times");
                current = next;
                continue;
            }
            if (status is >= 200 and < 300 || settings.Accept.Contains(status))
            {
                return Result(ExternalStatus.Ok, status, attempt.Detail) with { Ids = attempt.Ids, BodyRead = attempt.BodyRead };
            }
            var tries = settings.Retries == 0 ? string.Empty : $" (tried {settings.Retries + 1} times)";
            if (status == 429) return Result(ExternalStatus.Flaky, status, $"{attempt.Detail}: the host is rate-limiting{tries}");
            if (status >= 500) return Result(ExternalStatus.Flaky, status, attempt.Detail + tries);
            return Result(ExternalStatus.Broken, status, attempt.Detail);
        }

        ExternalResult Result(ExternalStatus status, int? code, string detail) =>
            new(status, code, detail, permanent, null, DateTimeOffset.UtcNow);
    }

    // HEAD unless the body is needed; GET again where HEAD is refused or answered with a client
    // error that GET may not share (servers that mishandle HEAD are common).
    private async Task<Attempt> FetchAsync(Uri uri, bool wantBody, CancellationToken cancel)
    {
        var gate = gates.GetOrAdd(uri.IdnHost, static (_, perHost) => new HostGate(perHost), settings.PerHost);
        if (gate.Unresolvable is { } known) return known;
        var attempt = await retries.ExecuteAsync(static (state, token) => state.checker.AttemptAsync(state.uri, state.method, state.gate, token),
            (checker: this, uri, method: wantBody ? HttpMethod.Get : HttpMethod.Head, gate), cancel).ConfigureAwait(false);
        if (!wantBody && attempt.Status is (>= 400 and < 500 and not 429) or 501)
        {
            attempt = await retries.ExecuteAsync(static (state, token) => state.checker.AttemptAsync(state.uri, HttpMethod.Get, state.gate, token),
                (checker: this, uri, gate), cancel).ConfigureAwait(false);
        }
        return attempt;
    }

    private async ValueTask<Attempt> AttemptAsync(Uri uri, HttpMethod method, HostGate gate, CancellationToken cancel)
    {
        if (gate.Unresolvable is { } known) return known;
        await gate.EnterAsync(global, cancel).ConfigureAwait(false);
        try
        {
            Interlocked.Increment(ref requests);
            using var request = new HttpRequestMessage(method, uri) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
            AddHeaders(request, uri);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(settings.Timeout);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var attempt = new Attempt(status, Describe(status, response.ReasonPhrase))
            {
                Location = response.Headers.Location?.OriginalString,
                IsTransient = status is 429 or >= 500,
            };
            if (status is 429 or 503)
            {
                var retryAfter = RetryAfterOf(response.Headers.RetryAfter);
                if (retryAfter > settings.MaxRetryAfter)
                {
                    // Waiting longer than configured would stall the run: report it now instead.
                    return attempt with { IsTransient = false, Detail = $"{attempt.Detail} (asked to wait {retryAfter.Value.TotalSeconds:0} s)" };
                }
                if (retryAfter is { } wait) gate.PauseFor(wait);
                else if (status == 429) gate.PauseFor(settings.RetryDelay);
                attempt = attempt with { RetryAfter = retryAfter };
            }
            if (method == HttpMethod.Get && status is >= 200 and < 300)
            {
                var isHtml = response.Content.Headers.ContentType?.MediaType is null or "text/html" or "application/xhtml+xml";
                attempt = attempt with { BodyRead = true, Ids = isHtml ? await IdsOf(response, timeout.Token).ConfigureAwait(false) : null };
            }
            return attempt;
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return new Attempt(0, $"no answer within {settings.Timeout.TotalSeconds:0.#} s") { Failure = ExternalStatus.Flaky, IsTransient = true };
        }
        catch (HttpRequestException e)
        {
            var failure = Classify(e, uri);
            if (failure.HostUnknown) gate.Unresolvable = failure;
            return failure;
        }
        finally
        {
            gate.Exit(global);
        }
    }

    private void AddHeaders(HttpRequestMessage request, Uri uri)
    {
        var userAgentSet = false;
        foreach (var host in (ReadOnlySpan<string>)["*", uri.IdnHost])
        {
            if (!settings.Headers.TryGetValue(host, out var headers)) continue;
            foreach (var (name, value) in headers)
            {
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, value);
                userAgentSet |= name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase);
            }
        }
        if (!userAgentSet) request.Headers.TryAddWithoutValidation("User-Agent", settings.UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    }

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<IReadOnlySet<string>> IdsOf(HttpResponseMessage response, CancellationToken cancel)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while (buffer.Length < MaxBodyBytes && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, MaxBodyBytes - buffer.Length)), cancel).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }
            buffer.Position = 0;
            // AngleSharp reads the charset from the bytes as a browser would; no scripts run.
            var document = new HtmlParser().ParseDocument(buffer);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var element in document.QuerySelectorAll("[id]")) ids.Add(element.Id!);
            foreach (var anchor in document.QuerySelectorAll("a[name]")) ids.Add(anchor.GetAttribute("name")!);
            return ids;
        }
    }

    private static Attempt Classify(HttpRequestException e, Uri uri)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                switch (socket.SocketErrorCode)
                {
                    case SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain:
                        return Unreachable($"host '{uri.IdnHost}' not found (DNS)") with { HostUnknown = true };
                    case SocketError.ConnectionRefused:
                        return Unreachable($"connection to '{uri.Authority}' refused");
                    case SocketError.NetworkUnreachable or SocketError.HostUnreachable:
                        return Unreachable($"no route to '{uri.IdnHost}' (network unreachable)");
                }
            }
        }
        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => Unreachable($"host '{uri.IdnHost}' not found (DNS)") with { HostUnknown = true },
            HttpRequestError.SecureConnectionError => Unreachable($"secure connection to '{uri.IdnHost}' failed ({FirstLine(e)})"),
            _ => new Attempt(0, $"connection failed ({FirstLine(e)})") { Failure = ExternalStatus.Flaky, IsTransient = true },
        };

        static Attempt Unreachable(string detail) => new(0, detail) { Failure = ExternalStatus.Unreachable };

        static string FirstLine(Exception e)
        {
            var innermost = e;
            while (innermost.InnerException is not null) innermost = innermost.InnerException;
            return innermost.Message.Split('\n')[0].Trim();
        }
    }

    private static string Describe(int status, string? reason)
    {
        var phrase = status switch
        {
            400 => "Bad Request",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "Not Found",
            405 => "Method Not Allowed",
            410 => "Gone",
            429 => "Too Many Requests",
            500 => "Internal Server Error",
            501 => "Not Implemented",
            502 => "Bad Gateway",
            503 => "Service Unavailable",
            504 => "Gateway Timeout",
            _ => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        };
        return phrase is null ? $"status {status}" : $"{status} {phrase}";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        client.Dispose();
        global.Dispose();
    }
}
