using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceManual.Lint.Cli.LanguageServer;

// The Language Server Protocol's types this server reads or writes, and no others: records whose
// camelCase names are the protocol's. Positions are 0-based lines and UTF-16 columns.

internal sealed record Position(int Line, int Character);

internal sealed record Range(Position Start, Position End);

internal sealed record Location(string Uri, Range Range);

internal sealed record TextDocumentIdentifier(string Uri);

internal sealed record VersionedTextDocumentIdentifier(string Uri, int? Version);

internal sealed record TextDocumentItem(string Uri, string? LanguageId, int Version, string Text);

internal sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

internal sealed record WorkspaceFolder(string Uri, string? Name);

internal sealed record InitializeParams(string? RootUri, string? RootPath, WorkspaceFolder[]? WorkspaceFolders, JsonElement? InitializationOptions, JsonElement? Capabilities);

internal sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

internal sealed record TextDocumentContentChangeEvent(Range? Range, string Text);

internal sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, TextDocumentContentChangeEvent[] ContentChanges);

internal sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument, string? Text);

internal sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

internal sealed record FileEvent(string Uri, int Type);

internal sealed record DidChangeWatchedFilesParams(FileEvent[] Changes);

internal sealed record CancelParams(JsonElement Id);

internal sealed record CodeDescription(string Href);

internal sealed record DiagnosticData(string Uri, int Version, int Index);

internal sealed record LspDiagnostic(Range Range, int Severity, string? Code, CodeDescription? CodeDescription, string Source, string Message, DiagnosticData? Data);

internal sealed record PublishDiagnosticsParams(string Uri, int? Version, LspDiagnostic[] Diagnostics);

internal sealed record CodeActionContext(LspDiagnostic[]? Diagnostics, string[]? Only);

internal sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext Context);

internal sealed record LspTextEdit(Range Range, string NewText);

internal sealed record TextDocumentEdit(VersionedTextDocumentIdentifier TextDocument, LspTextEdit[] Edits);

/// <summary>A <c>documentChanges</c> entry: a text edit of one document, or (with <see cref="Kind"/> <c>rename</c>) a file rename.</summary>
internal sealed record DocumentChange(
    string? Kind = null,
    VersionedTextDocumentIdentifier? TextDocument = null,
    LspTextEdit[]? Edits = null,
    string? OldUri = null,
    string? NewUri = null);

internal sealed record WorkspaceEdit(Dictionary<string, LspTextEdit[]>? Changes = null, DocumentChange[]? DocumentChanges = null);

internal sealed record CodeAction(string Title, string Kind, LspDiagnostic[]? Diagnostics, bool? IsPreferred, WorkspaceEdit Edit);

internal sealed record CompletionParams(TextDocumentIdentifier TextDocument, Position Position);

internal sealed record CompletionTextEdit(Range Range, string NewText);

internal sealed record LspCompletionItem(string Label, int? Kind, string? Detail, string? FilterText, string? SortText, CompletionTextEdit? TextEdit);

internal sealed record CompletionList(bool IsIncomplete, LspCompletionItem[] Items);

internal sealed record MarkupContent(string Kind, string Value);

internal sealed record Hover(MarkupContent Contents, Range? Range);

internal sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position);

internal sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName);

internal sealed record PrepareRenameResult(Range Range, string Placeholder);

internal sealed record FileRename(string OldUri, string NewUri);

internal sealed record RenameFilesParams(FileRename[] Files);

internal sealed record ShowMessageParams(int Type, string Message);

internal sealed record LogMessageParams(int Type, string Message);

internal sealed record Registration(string Id, string Method, JsonElement? RegisterOptions);

internal sealed record RegistrationParams(Registration[] Registrations);

internal sealed record FileSystemWatcher(string GlobPattern, int? Kind);

internal sealed record DidChangeWatchedFilesRegistrationOptions(FileSystemWatcher[] Watchers);

internal sealed record ServerInfo(string Name, string Version);

internal sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

internal sealed record SaveOptions(bool IncludeText);

internal sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions Save);

internal sealed record CompletionOptions(string[] TriggerCharacters, bool ResolveProvider);

internal sealed record CodeActionOptions(string[] CodeActionKinds);

internal sealed record RenameOptions(bool PrepareProvider);

internal sealed record FileOperationPattern(string Glob, string? Matches);

internal sealed record FileOperationFilter(string? Scheme, FileOperationPattern Pattern);

internal sealed record FileOperationRegistrationOptions(FileOperationFilter[] Filters);

internal sealed record FileOperationsCapabilities(FileOperationRegistrationOptions WillRename);

internal sealed record WorkspaceFoldersCapabilities(bool Supported);

internal sealed record WorkspaceCapabilities(WorkspaceFoldersCapabilities WorkspaceFolders, FileOperationsCapabilities FileOperations);

internal sealed record ServerCapabilities(
    TextDocumentSyncOptions TextDocumentSync,
    CompletionOptions CompletionProvider,
    bool HoverProvider,
    bool DefinitionProvider,
    bool ReferencesProvider,
    RenameOptions RenameProvider,
    CodeActionOptions CodeActionProvider,
    WorkspaceCapabilities Workspace);

/// <summary>System.Text.Json source generation for the protocol's types: no reflection, so the Native AOT tool can speak it.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidSaveTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(DidChangeWatchedFilesParams))]
[JsonSerializable(typeof(CancelParams))]
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(CodeActionParams))]
[JsonSerializable(typeof(CodeAction[]))]
[JsonSerializable(typeof(CompletionParams))]
[JsonSerializable(typeof(CompletionList))]
[JsonSerializable(typeof(TextDocumentPositionParams))]
[JsonSerializable(typeof(Hover))]
[JsonSerializable(typeof(Location))]
[JsonSerializable(typeof(Location[]))]
[JsonSerializable(typeof(ReferenceParams))]
[JsonSerializable(typeof(RenameParams))]
[JsonSerializable(typeof(PrepareRenameResult))]
[JsonSerializable(typeof(WorkspaceEdit))]
[JsonSerializable(typeof(RenameFilesParams))]
[JsonSerializable(typeof(ShowMessageParams))]
[JsonSerializable(typeof(LogMessageParams))]
[JsonSerializable(typeof(RegistrationParams))]
[JsonSerializable(typeof(DidChangeWatchedFilesRegistrationOptions))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ProtocolJson : JsonSerializerContext;
