using System.Text.Json;

namespace ServiceManual.Lint.Cli.LanguageServer;

/// <summary>The few client capabilities the server acts on, read from <c>initialize</c>'s untyped capabilities.</summary>
internal sealed record ClientCapabilities(bool WatchedFilesDynamicRegistration, bool RenameResourceOperations)
{
    public static ClientCapabilities None { get; } = new(false, false);

    public static ClientCapabilities From(JsonElement? capabilities)
    {
        if (capabilities is not { ValueKind: JsonValueKind.Object } all || !all.TryGetProperty("workspace", out var workspace) || workspace.ValueKind != JsonValueKind.Object) return None;
        var watch = workspace.TryGetProperty("didChangeWatchedFiles", out var watched) && watched.ValueKind == JsonValueKind.Object
            && watched.TryGetProperty("dynamicRegistration", out var dynamic) && dynamic.ValueKind == JsonValueKind.True;
        var rename = workspace.TryGetProperty("workspaceEdit", out var edit) && edit.ValueKind == JsonValueKind.Object
            && edit.TryGetProperty("documentChanges", out var documentChanges) && documentChanges.ValueKind == JsonValueKind.True
            && edit.TryGetProperty("resourceOperations", out var operations) && operations.ValueKind == JsonValueKind.Array
            && operations.EnumerateArray().Any(o => o.ValueKind == JsonValueKind.String && o.GetString() == "rename");
        return new ClientCapabilities(watch, rename);
    }
}
