using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ServiceManual.Lint.Tests.External;

/// <summary>
/// A web server on 127.0.0.1 for the external link tests, answering by path whatever host name the
/// request names (<see cref="Connect"/> sends every host there), and counting requests in flight per host.
/// </summary>
internal sealed class ExternalTestServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> maxInFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> hits = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string HostAndPath, string Method, DateTime At)> log = new();
    private int current;

    private ExternalTestServer(WebApplication app) => this.app = app;

    public int Port { get; private set; }

    /// <summary>Every request so far: host and path, method, when it arrived.</summary>
    public IReadOnlyList<(string HostAndPath, string Method, DateTime At)> Log => log.ToArray();

    public int Requests => log.Count;

    /// <summary>The most requests ever in flight at once to <paramref name="host"/>.</summary>
    public int MaxInFlight(string host) => maxInFlight.GetValueOrDefault(host);

    /// <summary>The most requests ever in flight at once, over all hosts.</summary>
    public int MaxInFlightOverall { get; private set; }

    /// <summary>How long <c>/delay</c> answers take.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(50);

    public static async Task<ExternalTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ExternalTestServer(app);
        app.Run(server.Handle);
        await app.StartAsync();
        server.Port = new Uri(app.Urls.First()).Port;
        return server;
    }

    /// <summary>Connects every host name, whatever its port, to this server: no test touches DNS or another machine.</summary>
    public async ValueTask<Stream> Connect(SocketsHttpConnectionContext context, CancellationToken cancel)
    {
        if (context.DnsEndPoint.Host.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase)) throw new SocketException((int)SocketError.HostNotFound);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cancel);
        return new NetworkStream(socket, ownsSocket: true);
    }

    private async Task Handle(HttpContext context)
    {
        var host = context.Request.Host.Host;
        var path = context.Request.Path.Value ?? "/";
        log.Enqueue((host + path, context.Request.Method, DateTime.UtcNow));
        var count = hits.AddOrUpdate(host + path, 1, (_, n) => n + 1);
        var now = inFlight.AddOrUpdate(host, 1, (_, n) => n + 1);
        maxInFlight.AddOrUpdate(host, now, (_, n) => Math.Max(n, now));
        var overall = Interlocked.Increment(ref current);
        lock (log) MaxInFlightOverall = Math.Max(MaxInFlightOverall, overall);
        try
        {
            await Answer(context, path, count);
        }
        finally
        {
            Interlocked.Decrement(ref current);
            inFlight.AddOrUpdate(host, 0, (_, n) => n - 1);
        }
    }

    private async Task Answer(HttpContext context, string path, int count)
    {
        var response = context.Response;
        switch (path)
        {
            case "/ok":
                await Html(response, "<h1 id=\"intro\">Intro</h1><p><a name=\"legacy\"></a>Old anchor</p><h2 id=\"user-content-readme\">Readme</h2>");
                break;
            // The rule docs' examples (rules/SM31x.md) link to these.
            case "/guide":
                await Html(response, "<h1 id=\"guide\">Guide</h1><h2 id=\"install\">Install</h2>");
                break;
            case "/old-guide": Redirect(response, 301, "/guide"); break;
            case "/sign-in": Redirect(response, 302, "/guide"); break;
            case "/removed": response.StatusCode = 404; break;
            case "/busy": response.StatusCode = 503; break;
            case "/not-found": response.StatusCode = 404; break;
            case "/gone": response.StatusCode = 410; break;
            case "/forbidden": response.StatusCode = 403; break;
            case "/flaky": response.StatusCode = count == 1 ? 500 : 200; break;
            case "/down": response.StatusCode = 500; break;
            case "/rate-limited":
                if (count == 1)
                {
                    response.StatusCode = 429;
                    response.Headers.RetryAfter = "1";
                }
                break;
            case "/rate-limited-long":
                response.StatusCode = 429;
                response.Headers.RetryAfter = "3600";
                break;
            case "/moved": Redirect(response, 301, "/ok"); break;
            case "/moved-308": Redirect(response, 308, "/ok"); break;
            case "/found": Redirect(response, 302, "/ok"); break;
            case "/temporary": Redirect(response, 307, "/ok"); break;
            case "/chain": Redirect(response, 301, "/chain-2"); break;
            case "/chain-2": Redirect(response, 308, "/chain-3"); break;
            case "/chain-3": Redirect(response, 302, "/ok"); break;
            case "/moved-to-nothing": Redirect(response, 301, "/not-found"); break;
            case "/loop-a": Redirect(response, 302, "/loop-b"); break;
            case "/loop-b": Redirect(response, 302, "/loop-a"); break;
            case "/slow":
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up, as it should.
                }
                break;
            case "/no-head":
                if (HttpMethods.IsHead(context.Request.Method)) response.StatusCode = 405;
                else await Html(response, "<p>GET only</p>");
                break;
            case "/needs-agent":
                response.StatusCode = context.Request.Headers.UserAgent == "Special/1.0" ? 200 : 403;
                break;
            case "/pdf":
                response.ContentType = "application/pdf";
                await response.WriteAsync("%PDF-1.4");
                break;
            default:
                if (path.StartsWith("/delay/", StringComparison.Ordinal))
                {
                    await Task.Delay(Delay);
                    break;
                }
                response.StatusCode = 404;
                break;
        }
    }

    private static Task Html(HttpResponse response, string body)
    {
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync($"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>");
    }

    private static void Redirect(HttpResponse response, int status, string location)
    {
        response.StatusCode = status;
        response.Headers.Location = location;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
