using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ServiceManual.Lint.External;

/// <summary>
/// The checker's own connection step: each host name is looked up once per run (every URL on a host
/// shares the answer, a failed lookup included), bounded by the timeout, then the addresses are
/// tried in turn. Without it, every connection does its own lookup, and a run with no network
/// waits on the resolver once per URL rather than once per host.
/// </summary>
internal sealed class HostResolver(TimeSpan timeout)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IPAddress[]>>> lookups = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancel)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal]
            : await lookups.GetOrAdd(host, name => new Lazy<Task<IPAddress[]>>(() => LookUp(name))).Value.WaitAsync(cancel).ConfigureAwait(false);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancel).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private async Task<IPAddress[]> LookUp(string host)
    {
        using var bounded = new CancellationTokenSource(timeout);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, bounded.Token).ConfigureAwait(false);
            return addresses.Length > 0 ? addresses : throw new SocketException((int)SocketError.HostNotFound);
        }
        catch (OperationCanceledException)
        {
            // A resolver that does not answer in time is, for the reader, a host that cannot be found.
            throw new SocketException((int)SocketError.TryAgain);
        }
    }
}
