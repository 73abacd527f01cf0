using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json.Nodes;

namespace ServiceManual.Lint.Tests.LanguageServer;

/// <summary>
/// A small Language Server Protocol client for the tests: frames JSON-RPC messages with
/// <c>Content-Length</c> headers, sends requests and notifications, and keeps every message the
/// server sends, in order, for the tests to wait for. Talks to the server in this process over
/// pipes, or to a real <c>smlint lsp</c> process over its standard input and output.
/// </summary>
internal sealed class LspClient : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Stream toServer;
    private readonly Stream fromServer;
    private readonly List<JsonObject> received = [];
    private readonly object gate = new();
    private readonly Task<int>? serverTask;
    private readonly Process? process;
    private readonly StringWriter serverLog = new();
    private int nextId;
    private bool closed;

    private LspClient(Stream toServer, Stream fromServer, Task<int>? serverTask, Process? process)
    {
        this.toServer = toServer;
        this.fromServer = fromServer;
        this.serverTask = serverTask;
        this.process = process;
        new Thread(Pump) { IsBackground = true, Name = "lsp test client" }.Start();
    }

    /// <summary>The server in this process, over a pair of pipes.</summary>
    public static LspClient InProcess()
    {
        var input = new Pipe();
        var output = new Pipe();
        var log = new StringWriter();
        var server = Task.Run(() =>
        {
            var code = Cli.LanguageServer.LanguageServer.Run(input.Reader.AsStream(), output.Writer.AsStream(), TextWriter.Synchronized(log));
            output.Writer.Complete();
            return code;
        });
        return new LspClient(input.Writer.AsStream(), output.Reader.AsStream(), server, null);
    }

    /// <summary>The real <c>smlint lsp --stdio</c> program built beside the tests.</summary>
    public static LspClient Process()
    {
        var smlint = Path.Combine(TestContext.CurrentContext.TestDirectory, OperatingSystem.IsWindows() ? "smlint.exe" : "smlint");
        var start = new ProcessStartInfo(smlint) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("lsp");
        start.ArgumentList.Add("--stdio");
        var process = System.Diagnostics.Process.Start(start)!;
        var client = new LspClient(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, null, process);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (client.gate) client.serverLog.WriteLine(e.Data); };
        process.BeginErrorReadLine();
        return client;
    }

    public static string UriOf(string path) => new Uri(path).AbsoluteUri;

    /// <summary>Everything the server wrote to standard error (the real process only).</summary>
    public string ServerLog
    {
        get
        {
            lock (gate) return serverLog.ToString();
        }
    }

    /// <summary>How many messages have arrived: wait for messages after this mark.</summary>
    public int Mark()
    {
        lock (gate) return received.Count;
    }

    public IReadOnlyList<JsonObject> Received
    {
        get
        {
            lock (gate) return [.. received];
        }
    }

    /// <summary>Sends initialize (the folder as rootUri and workspace folder, diagnostics without debounce) and initialized; returns initialize's result.</summary>
    public JsonObject Initialize(string folder, JsonObject? capabilities = null, int debounceMs = 0)
    {
        var result = Request("initialize", new JsonObject
        {
            ["processId"] = null,
            ["rootUri"] = UriOf(folder),
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = UriOf(folder), ["name"] = Path.GetFileName(folder) }),
            ["capabilities"] = capabilities ?? new JsonObject(),
            ["initializationOptions"] = new JsonObject { ["debounceMs"] = debounceMs },
        });
        Notify("initialized", new JsonObject());
        return result!.AsObject();
    }

    /// <summary>Sends a request and waits for its answer's result; an error answer fails the test.</summary>
    public JsonNode? Request(string method, JsonNode? parameters)
    {
        var response = RequestRaw(method, parameters);
        if (response["error"] is { } error) Assert.Fail($"{method} answered an error: {error.ToJsonString()}");
        return response["result"];
    }

    /// <summary>Sends a request and waits for the whole answer (result or error).</summary>
    public JsonObject RequestRaw(string method, JsonNode? parameters)
    {
        var id = Interlocked.Increment(ref nextId);
        var mark = Mark();
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        return WaitFor(m => m["method"] is null && m["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.Number && (int)m["id"]! == id, mark, $"the answer to {method}");
    }

    public void Notify(string method, JsonNode? parameters) =>
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    public void Send(JsonObject message) => SendRaw(Encoding.UTF8.GetBytes(message.ToJsonString()));

    /// <summary>Frames <paramref name="body"/> (any bytes) with a correct Content-Length header and sends it.</summary>
    public void SendRaw(byte[] body)
    {
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        SendBytes([.. header, .. body]);
    }

    /// <summary>Sends bytes as they are, framing and all.</summary>
    public void SendBytes(byte[] bytes)
    {
        toServer.Write(bytes);
        toServer.Flush();
    }

    /// <summary>The first message after <paramref name="mark"/> that matches, waiting for it.</summary>
    public JsonObject WaitFor(Func<JsonObject, bool> match, int mark, string what)
    {
        var deadline = Stopwatch.StartNew();
        lock (gate)
        {
            while (true)
            {
                for (var i = mark; i < received.Count; i++)
                {
                    if (match(received[i])) return received[i];
                }
                if (closed) Assert.Fail($"the server closed its output before {what}; it wrote: {serverLog}");
                var left = Timeout - deadline.Elapsed;
                if (left <= TimeSpan.Zero) Assert.Fail($"no {what} within {Timeout.TotalSeconds} s; received: {string.Join("\n", received.Skip(mark).Select(m => m.ToJsonString()))}");
                Monitor.Wait(gate, left);
            }
        }
    }

    /// <summary>The diagnostics of the first publishDiagnostics for <paramref name="uri"/> after <paramref name="mark"/> (of the given document version, when given).</summary>
    public JsonArray DiagnosticsAfter(int mark, string uri, int? version = null) =>
        WaitFor(m => (string?)m["method"] == "textDocument/publishDiagnostics" && (string?)m["params"]!["uri"] == uri
            && (version is null || (int?)m["params"]!["version"] == version), mark, $"diagnostics for {uri}")["params"]!["diagnostics"]!.AsArray();

    /// <summary>Opens a document and returns its first diagnostics.</summary>
    public JsonArray Open(string path, string? text = null, int version = 1)
    {
        var mark = Mark();
        var uri = UriOf(path);
        Notify("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "markdown", ["version"] = version, ["text"] = text ?? File.ReadAllText(path) },
        });
        return DiagnosticsAfter(mark, uri, version);
    }

    /// <summary>Replaces a range of an open document (an incremental change) and returns the diagnostics published for the new version.</summary>
    public JsonArray Change(string path, int version, int line, int character, int endLine, int endCharacter, string text)
    {
        var mark = Mark();
        var uri = UriOf(path);
        Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
            ["contentChanges"] = new JsonArray(new JsonObject { ["range"] = Range(line, character, endLine, endCharacter), ["text"] = text }),
        });
        return DiagnosticsAfter(mark, uri, version);
    }

    public static JsonObject Position(int line, int character) => new() { ["line"] = line, ["character"] = character };

    public static JsonObject Range(int line, int character, int endLine, int endCharacter) =>
        new() { ["start"] = Position(line, character), ["end"] = Position(endLine, endCharacter) };

    public static JsonObject At(string path, int line, int character) =>
        new() { ["textDocument"] = new JsonObject { ["uri"] = UriOf(path) }, ["position"] = Position(line, character) };

    /// <summary>Sends shutdown and exit and returns the server's exit code.</summary>
    public int ShutdownAndExit()
    {
        Assert.That(Request("shutdown", null), Is.Null);
        Notify("exit", null);
        return ExitCode();
    }

    public int ExitCode()
    {
        if (process is not null)
        {
            Assert.That(process.WaitForExit(Timeout), Is.True, "smlint lsp did not exit");
            return process.ExitCode;
        }
        Assert.That(serverTask!.Wait(Timeout), Is.True, "the server did not return");
        return serverTask.Result;
    }

    private void Pump()
    {
        try
        {
            while (ReadMessage() is { } message)
            {
                lock (gate)
                {
                    received.Add(message);
                    Monitor.PulseAll(gate);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The server went away; waiting tests fail with what arrived.
        }
        finally
        {
            lock (gate)
            {
                closed = true;
                Monitor.PulseAll(gate);
            }
        }
    }

    private JsonObject? ReadMessage()
    {
        var length = -1;
        while (true)
        {
            var line = ReadLine();
            if (line is null) return null;
            if (line.Length == 0) break;
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.That(length, Is.GreaterThanOrEqualTo(0), "a message from the server without Content-Length");
        var body = new byte[length];
        fromServer.ReadExactly(body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private string? ReadLine()
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = fromServer.ReadByte();
            if (b < 0) return bytes.Count == 0 ? null : Encoding.ASCII.GetString([.. bytes]);
            if (b == '\n') return Encoding.ASCII.GetString([.. bytes]).TrimEnd('\r');
            bytes.Add((byte)b);
        }
    }

    public void Dispose()
    {
        try
        {
            toServer.Dispose();
        }
        catch (IOException)
        {
            // Already gone.
        }
        if (process is not null)
        {
            if (!process.WaitForExit(TimeSpan.FromSeconds(10))) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
        else
        {
            serverTask?.Wait(TimeSpan.FromSeconds(10));
        }
    }
}
