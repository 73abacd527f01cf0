using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ServiceManual.Lint.Cli.LanguageServer;

/// <summary>One JSON-RPC 2.0 message as read: a request (id and method), a notification (method only) or a response (id only).</summary>
internal sealed record IncomingMessage(JsonElement? Id, string? Method, JsonElement Params, JsonElement? Result, JsonElement? Error);

/// <summary>A message that could not be read as JSON-RPC: answered with <see cref="Code"/> when it had an id (or none could be read).</summary>
internal sealed record BrokenMessage(int Code, string Reason, JsonElement? Id);

/// <summary>
/// JSON-RPC 2.0 over a byte stream with the Language Server Protocol's <c>Content-Length</c> framing.
/// Reading happens on one thread; writing is locked, so any thread may answer or notify.
/// </summary>
internal sealed class JsonRpcConnection(Stream input, Stream output)
{
    // Headers are read a byte at a time: buffered, that is not a system call per byte.
    private readonly Stream input = new BufferedStream(input, 1 << 16);
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Error codes of JSON-RPC and the protocol.</summary>
    public const int ParseError = -32700, InvalidRequest = -32600, MethodNotFound = -32601, InvalidParams = -32602, InternalError = -32603,
        ServerNotInitialized = -32002, RequestCancelled = -32800, RequestFailed = -32803;

    // A message larger than this is refused (and skipped) rather than held in memory: a page is at most a few MB.
    private const int MaxContentLength = 64 << 20;

    private readonly Lock writing = new();
    private readonly byte[] headerBuffer = new byte[1];
    private readonly ArrayBufferWriter<byte> body = new(1 << 14);

    /// <summary>
    /// The next message: an <see cref="IncomingMessage"/>, a <see cref="BrokenMessage"/> for a body
    /// that is not JSON-RPC (the stream stays usable), or null at the end of the input.
    /// </summary>
    public object? Read()
    {
        while (true)
        {
            int? length = null;
            var sawHeader = false;
            while (ReadHeaderLine() is { } line)
            {
                if (line.Length == 0)
                {
                    if (sawHeader) break;
                    continue; // stray blank lines between messages
                }
                sawHeader = true;
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(line[(colon + 1)..].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                {
                    length = parsed;
                }
            }
            if (!sawHeader) return null;
            if (length is null) return new BrokenMessage(ParseError, "a message without a valid Content-Length header", null);
            if (length > MaxContentLength)
            {
                Skip(length.Value);
                return new BrokenMessage(InvalidRequest, $"a message of {length} bytes (more than {MaxContentLength})", null);
            }
            var bytes = new byte[length.Value];
            if (!ReadExactly(bytes)) return null;
            return Parse(bytes);
        }
    }

    private static object Parse(byte[] bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            return new BrokenMessage(ParseError, $"the message is not JSON: {e.Message}", null);
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return new BrokenMessage(InvalidRequest, "a message must be a JSON object", null);
        JsonElement? id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind is JsonValueKind.Number or JsonValueKind.String ? idElement : null;
        if (root.TryGetProperty("id", out var anyId) && id is null && anyId.ValueKind != JsonValueKind.Null)
        {
            return new BrokenMessage(InvalidRequest, "an id must be a number or a string", null);
        }
        string? method = null;
        if (root.TryGetProperty("method", out var methodElement))
        {
            if (methodElement.ValueKind != JsonValueKind.String) return new BrokenMessage(InvalidRequest, "a method must be a string", id);
            method = methodElement.GetString();
        }
        var parameters = root.TryGetProperty("params", out var p) ? p : default;
        JsonElement? result = root.TryGetProperty("result", out var r) ? r : null;
        JsonElement? error = root.TryGetProperty("error", out var errorElement) ? errorElement : null;
        if (method is null && id is null) return new BrokenMessage(InvalidRequest, "a message needs a method or an id", null);
        return new IncomingMessage(id, method, parameters, result, error);
    }

    private string? ReadHeaderLine()
    {
        var line = new StringBuilder();
        while (true)
        {
            var read = input.Read(headerBuffer, 0, 1);
            if (read == 0) return line.Length == 0 ? null : line.ToString();
            var c = (char)headerBuffer[0];
            if (c == '\n') return line.ToString().TrimEnd('\r');
            if (line.Length > 8192) line.Clear(); // not a header: keep reading until the next line
            line.Append(c);
        }
    }

    private bool ReadExactly(byte[] bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            var read = input.Read(bytes, offset, bytes.Length - offset);
            if (read == 0) return false;
            offset += read;
        }
        return true;
    }

    private void Skip(int length)
    {
        var buffer = new byte[8192];
        while (length > 0)
        {
            var read = input.Read(buffer, 0, Math.Min(buffer.Length, length));
            if (read == 0) return;
            length -= read;
        }
    }

    /// <summary>Answers request <paramref name="id"/> with <paramref name="result"/> (null writes <c>"result": null</c>).</summary>
    public void Respond<T>(JsonElement id, T? result, JsonTypeInfo<T> type) => Write(json =>
    {
        json.WritePropertyName("id");
        id.WriteTo(json);
        json.WritePropertyName("result");
        if (result is null) json.WriteNullValue();
        else JsonSerializer.Serialize(json, result, type);
    });

    /// <summary>Answers request <paramref name="id"/> with <c>"result": null</c>.</summary>
    public void RespondNull(JsonElement id) => Write(json =>
    {
        json.WritePropertyName("id");
        id.WriteTo(json);
        json.WriteNull("result");
    });

    /// <summary>Answers request <paramref name="id"/> (or a request whose id could not be read, when null) with an error.</summary>
    public void RespondError(JsonElement? id, int code, string message) => Write(json =>
    {
        json.WritePropertyName("id");
        if (id is { } known) known.WriteTo(json);
        else json.WriteNullValue();
        json.WriteStartObject("error");
        json.WriteNumber("code", code);
        json.WriteString("message", message);
        json.WriteEndObject();
    });

    /// <summary>Sends a notification.</summary>
    public void Notify<T>(string method, T parameters, JsonTypeInfo<T> type) => Write(json =>
    {
        json.WriteString("method", method);
        json.WritePropertyName("params");
        JsonSerializer.Serialize(json, parameters, type);
    });

    /// <summary>Sends a request to the client (its answer is read as a response and not waited for).</summary>
    public void Request<T>(string id, string method, T parameters, JsonTypeInfo<T> type) => Write(json =>
    {
        json.WriteString("id", id);
        json.WriteString("method", method);
        json.WritePropertyName("params");
        JsonSerializer.Serialize(json, parameters, type);
    });

    private void Write(Action<Utf8JsonWriter> content)
    {
        lock (writing)
        {
            body.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(body, WriterOptions))
            {
                json.WriteStartObject();
                json.WriteString("jsonrpc", "2.0");
                content(json);
                json.WriteEndObject();
            }
            var header = Encoding.ASCII.GetBytes($"Content-Length: {body.WrittenCount}\r\n\r\n");
            output.Write(header);
            output.Write(body.WrittenSpan);
            output.Flush();
        }
    }
}
