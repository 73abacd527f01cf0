using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ServiceManual.Lint.Configuration;
using ServiceManual.Lint.Diagnostics;
using ServiceManual.Lint.Workspaces;
using ServiceManual.Lint.Workspaces.Navigation;

namespace ServiceManual.Lint.Cli.LanguageServer;

/// <summary>
/// <c>smlint lsp</c>: the Language Server Protocol over a pair of streams. One thread reads messages;
/// one worker (the caller's thread) handles them in order, so the <see cref="SiteWorkspace"/>, which
/// is not thread-safe, is only ever used from there. The site loads on the worker right after the
/// answer to <c>initialize</c> has gone, so the handshake is instant and later requests wait for it.
/// </summary>
internal sealed partial class LanguageServer
{
    private const int DefaultDebounceMs = 150;

    private readonly JsonRpcConnection connection;
    private readonly TextWriter log;
    private readonly BlockingCollection<object> queue = [];
    private readonly ConcurrentDictionary<string, bool> cancelled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OpenDocument> documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> publishedConfigProblems = new(StringComparer.Ordinal);
    private readonly Timer debounceTimer;

    private State state = State.Created;
    private int debounceMs = DefaultDebounceMs;
    private string? folder;
    private string? root;
    private string? configPath;
    private SiteWorkspace? workspace;
    private bool siteNeedsLoad;
    private SiteNavigation? navigation;
    private int navigationVersion = -1;
    private bool lintScheduled;
    private ClientCapabilities client = ClientCapabilities.None;
    private int nextRequestId;

    private enum State { Created, Initialized, ShutDown }

    /// <summary>The debounce timer's signal that the edits it waited for are ready to lint.</summary>
    private sealed record LintDue;

    private readonly bool timing;
    private readonly bool verbose;

    private LanguageServer(Stream input, Stream output, TextWriter log, bool timing, bool verbose)
    {
        connection = new JsonRpcConnection(input, output);
        this.log = log;
        this.timing = timing;
        this.verbose = verbose;
        debounceTimer = new Timer(_ => queue.Add(new LintDue()));
    }

    /// <summary>
    /// Serves until <c>exit</c> or the end of the input: 0 when <c>shutdown</c> came first, else 1 (as
    /// the protocol asks). With <paramref name="timing"/>, how long each edit and lint took goes to the
    /// log; with <paramref name="verbose"/>, the stack traces of internal errors.
    /// </summary>
    public static int Run(Stream input, Stream output, TextWriter log, bool timing = false, bool verbose = false)
    {
        var server = new LanguageServer(input, output, log, timing, verbose);
        return server.Serve();
    }

    private int Serve()
    {
        var reader = new Thread(ReadMessages) { IsBackground = true, Name = "smlint lsp reader" };
        reader.Start();
        try
        {
            foreach (var item in queue.GetConsumingEnumerable())
            {
                if (item is ExitSignal) break;
                try
                {
                    Handle(item);
                }
                catch (IOException e)
                {
                    // The client closed its end: nobody is left to answer.
                    Log($"cannot write to the client: {e.Message}");
                    break;
                }
                catch (ConfigurationException e)
                {
                    ConfigurationFailed(e);
                }
                catch (Exception e)
                {
                    // A bug of ours in a lint the debounce started: logged, and the server keeps serving.
                    Log($"internal error: {Describe(e)}");
                }
            }
        }
        finally
        {
            debounceTimer.Dispose();
        }
        return state == State.ShutDown ? 0 : 1;
    }

    private sealed record ExitSignal;

    private void ReadMessages()
    {
        try
        {
            while (connection.Read() is { } message)
            {
                if (message is IncomingMessage { Method: "$/cancelRequest" } cancel)
                {
                    // Honoured for requests still waiting in the queue (behind a site load or a lint).
                    if (cancel.Params.ValueKind == JsonValueKind.Object && cancel.Params.TryGetProperty("id", out var id)) cancelled[id.GetRawText()] = true;
                    continue;
                }
                queue.Add(message);
                if (message is IncomingMessage { Method: "exit" }) return;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Log($"cannot read from the client: {e.Message}");
        }
        finally
        {
            queue.Add(new ExitSignal());
        }
    }

    private void Handle(object item)
    {
        switch (item)
        {
            case BrokenMessage broken:
                Log($"ignored {broken.Reason}");
                connection.RespondError(broken.Id, broken.Code, broken.Reason);
                return;
            case LintDue:
                lintScheduled = false;
                LintOpenDocuments();
                return;
            case IncomingMessage { Method: null }:
                return; // an answer to one of our requests (registerCapability): nothing waits for it
            case IncomingMessage { Id: { } id } request:
                HandleRequest(id, request);
                return;
            case IncomingMessage notification:
                HandleNotification(notification);
                return;
        }
    }

    private void HandleRequest(JsonElement id, IncomingMessage request)
    {
        if (cancelled.TryRemove(id.GetRawText(), out _))
        {
            connection.RespondError(id, JsonRpcConnection.RequestCancelled, "cancelled");
            return;
        }
        if (state == State.Created && request.Method != "initialize")
        {
            connection.RespondError(id, JsonRpcConnection.ServerNotInitialized, $"{request.Method} before initialize");
            return;
        }
        if (state != State.Created && request.Method == "initialize")
        {
            connection.RespondError(id, JsonRpcConnection.InvalidRequest, "initialize was already sent");
            return;
        }
        if (state == State.ShutDown)
        {
            connection.RespondError(id, JsonRpcConnection.InvalidRequest, $"{request.Method} after shutdown");
            return;
        }
        try
        {
            switch (request.Method)
            {
                case "initialize":
                    Initialize(id, Parse(request, ProtocolJson.Default.InitializeParams));
                    break;
                case "shutdown":
                    state = State.ShutDown;
                    connection.RespondNull(id);
                    break;
                case "textDocument/codeAction":
                    connection.Respond(id, CodeActions(Parse(request, ProtocolJson.Default.CodeActionParams)), ProtocolJson.Default.CodeActionArray);
                    break;
                case "textDocument/completion":
                    connection.Respond(id, Completion(Parse(request, ProtocolJson.Default.CompletionParams)), ProtocolJson.Default.CompletionList);
                    break;
                case "textDocument/hover":
                    connection.Respond(id, HoverAt(Parse(request, ProtocolJson.Default.TextDocumentPositionParams)), ProtocolJson.Default.Hover);
                    break;
                case "textDocument/definition":
                    connection.Respond(id, Definition(Parse(request, ProtocolJson.Default.TextDocumentPositionParams)), ProtocolJson.Default.Location);
                    break;
                case "textDocument/references":
                    connection.Respond(id, References(Parse(request, ProtocolJson.Default.ReferenceParams)), ProtocolJson.Default.LocationArray);
                    break;
                case "textDocument/prepareRename":
                    PrepareRename(id, Parse(request, ProtocolJson.Default.TextDocumentPositionParams));
                    break;
                case "textDocument/rename":
                    Rename(id, Parse(request, ProtocolJson.Default.RenameParams));
                    break;
                case "workspace/willRenameFiles":
                    connection.Respond(id, WillRenameFiles(Parse(request, ProtocolJson.Default.RenameFilesParams)), ProtocolJson.Default.WorkspaceEdit);
                    break;
                default:
                    connection.RespondError(id, JsonRpcConnection.MethodNotFound, $"smlint does not handle {request.Method}");
                    break;
            }
        }
        catch (InvalidParamsException e)
        {
            connection.RespondError(id, JsonRpcConnection.InvalidParams, e.Message);
        }
        catch (ConfigurationException e)
        {
            ConfigurationFailed(e);
            connection.RespondError(id, JsonRpcConnection.RequestFailed, e.Message);
        }
        catch (Exception e) when (e is not IOException)
        {
            // A bug of ours answers this request with an error; the server keeps serving the others.
            Log($"internal error in {request.Method}: {Describe(e)}");
            connection.RespondError(id, JsonRpcConnection.InternalError, $"smlint: internal error in {request.Method}: {e.Message}");
        }
    }

    private void HandleNotification(IncomingMessage notification)
    {
        if (notification.Method == "exit") return;
        if (state != State.Initialized) return; // before initialize or after shutdown, notifications are dropped
        try
        {
            switch (notification.Method)
            {
                case "initialized":
                    RegisterWatchers();
                    break;
                case "textDocument/didOpen":
                    DidOpen(Parse(notification, ProtocolJson.Default.DidOpenTextDocumentParams));
                    break;
                case "textDocument/didChange":
                    DidChange(Parse(notification, ProtocolJson.Default.DidChangeTextDocumentParams));
                    break;
                case "textDocument/didSave":
                    DidSave(Parse(notification, ProtocolJson.Default.DidSaveTextDocumentParams));
                    break;
                case "textDocument/didClose":
                    DidClose(Parse(notification, ProtocolJson.Default.DidCloseTextDocumentParams));
                    break;
                case "workspace/didChangeWatchedFiles":
                    DidChangeWatchedFiles(Parse(notification, ProtocolJson.Default.DidChangeWatchedFilesParams));
                    break;
            }
        }
        catch (ConfigurationException e)
        {
            ConfigurationFailed(e);
        }
        catch (Exception e) when (e is not IOException)
        {
            Log($"internal error in {notification.Method}: {Describe(e)}");
        }
    }

    private sealed class InvalidParamsException(string message) : Exception(message);

    private static T Parse<T>(IncomingMessage message, JsonTypeInfo<T> type)
    {
        if (message.Params.ValueKind != JsonValueKind.Object) throw new InvalidParamsException($"{message.Method} needs params");
        try
        {
            return message.Params.Deserialize(type) ?? throw new InvalidParamsException($"{message.Method} needs params");
        }
        catch (JsonException e)
        {
            throw new InvalidParamsException($"{message.Method}: {e.Message}");
        }
    }

    // ---- lifecycle ----

    private void Initialize(JsonElement id, InitializeParams parameters)
    {
        client = ClientCapabilities.From(parameters.Capabilities);
        if (parameters.InitializationOptions is { ValueKind: JsonValueKind.Object } options)
        {
            if (options.TryGetProperty("debounceMs", out var debounce) && debounce.TryGetInt32(out var ms)) debounceMs = Math.Max(0, ms);
            if (options.TryGetProperty("configPath", out var config) && config.ValueKind == JsonValueKind.String) configPath = config.GetString();
        }
        folder = (parameters.WorkspaceFolders is [{ } first, ..] ? PathOfUri(first.Uri) : null)
            ?? (parameters.RootUri is { } rootUri ? PathOfUri(rootUri) : null)
            ?? parameters.RootPath;
        state = State.Initialized;
        var result = new InitializeResult(
            new ServerCapabilities(
                new TextDocumentSyncOptions(OpenClose: true, Change: 2, new SaveOptions(IncludeText: false)),
                new CompletionOptions(["/", "#", "(", ":"], ResolveProvider: false),
                HoverProvider: true,
                DefinitionProvider: true,
                ReferencesProvider: true,
                new RenameOptions(PrepareProvider: true),
                new CodeActionOptions(["quickfix", "source.fixAll", "source.fixAll.smlint"]),
                new WorkspaceCapabilities(
                    new WorkspaceFoldersCapabilities(Supported: false),
                    new FileOperationsCapabilities(new FileOperationRegistrationOptions([
                        new FileOperationFilter("file", new FileOperationPattern("**/*.{md,markdown,html,htm}", "file")),
                        new FileOperationFilter("file", new FileOperationPattern("**/", "folder")),
                    ])))),
            new ServerInfo("smlint", Rules.RuleDocs.InformationalVersion));
        connection.Respond(id, result, ProtocolJson.Default.InitializeResult);
        siteNeedsLoad = true;
        LoadSite();
    }

    private void LoadSite()
    {
        siteNeedsLoad = false;
        workspace = null;
        navigation = null;
        if (folder is null)
        {
            ShowMessage(MessageType.Warning, "smlint: the editor gave no workspace folder; open the site's folder to lint it.");
            return;
        }
        root = SiteRootFinder.Find(Path.GetFullPath(folder));
        if (root is null)
        {
            ShowMessage(MessageType.Warning, $"smlint: no Jekyll site in {folder}: neither it, a folder above it nor a folder in it holds smlint.yml or _config.yml. Nothing will be linted.");
            return;
        }
        var clock = Stopwatch.StartNew();
        try
        {
            workspace = SiteWorkspace.Open(root, configPath is null ? null : Path.GetFullPath(configPath, root));
        }
        catch (ConfigurationException e)
        {
            ConfigurationFailed(e);
            return;
        }
        ClearConfigurationProblems();
        foreach (var document in documents.Values.Where(d => d.Path is not null)) workspace.SetText(document.Path!, document.Text);
        LogMessage($"smlint: loaded the site at {root} ({workspace.Site.Pages.Count} pages) in {clock.ElapsedMilliseconds} ms");
        if (documents.Count > 0) LintOpenDocuments();
    }

    // A configuration error leaves the server without a site until a configuration file changes.
    private void ConfigurationFailed(ConfigurationException e)
    {
        workspace = null;
        navigation = null;
        siteNeedsLoad = true;
        ReportConfigurationProblem(e);
        foreach (var document in documents.Values) document.Publish(connection, []);
    }

    private void ReportConfigurationProblem(ConfigurationException e)
    {
        Log(e.Message);
        ShowMessage(MessageType.Error, $"smlint: {e.Message}");
        if (e.File is { } file && e.Line > 0)
        {
            var uri = UriOfFullPath(file);
            var line = e.Line - 1;
            var column = Math.Max(e.Column - 1, 0);
            var diagnostic = new LspDiagnostic(new Range(new Position(line, column), new Position(line, column)), 1, "SM000", null, "smlint", e.Reason, null);
            connection.Notify("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, null, [diagnostic]), ProtocolJson.Default.PublishDiagnosticsParams);
            publishedConfigProblems[uri] = e.Reason;
        }
    }

    private void ClearConfigurationProblems()
    {
        foreach (var uri in publishedConfigProblems.Keys)
        {
            connection.Notify("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, null, []), ProtocolJson.Default.PublishDiagnosticsParams);
        }
        publishedConfigProblems.Clear();
    }

    private void RegisterWatchers()
    {
        if (!client.WatchedFilesDynamicRegistration) return;
        var options = new DidChangeWatchedFilesRegistrationOptions([new FileSystemWatcher("**/*.{md,markdown,html,htm,yml,yaml}", null)]);
        var registration = new Registration("smlint-watch-files", "workspace/didChangeWatchedFiles", JsonSerializer.SerializeToElement(options, ProtocolJson.Default.DidChangeWatchedFilesRegistrationOptions));
        connection.Request($"smlint-{++nextRequestId}", "client/registerCapability", new RegistrationParams([registration]), ProtocolJson.Default.RegistrationParams);
    }

    // ---- text synchronisation ----

    private void DidOpen(DidOpenTextDocumentParams parameters)
    {
        var item = parameters.TextDocument;
        var document = new OpenDocument(item.Uri, SitePathOfUri(item.Uri), item.Version, item.Text ?? string.Empty);
        documents[item.Uri] = document;
        if (document.Path is not null) workspace?.SetText(document.Path, document.Text);
        document.Dirty = true;
        LintOpenDocuments();
    }

    private void DidChange(DidChangeTextDocumentParams parameters)
    {
        if (!documents.TryGetValue(parameters.TextDocument.Uri, out var document)) return;
        var text = document.Text;
        foreach (var change in parameters.ContentChanges ?? []) text = TextPositions.Apply(text, change.Range, change.Text ?? string.Empty);
        document.Text = text;
        document.Version = parameters.TextDocument.Version ?? document.Version + 1;
        document.Dirty = true;
        var started = Stopwatch.GetTimestamp();
        if (document.Path is not null) workspace?.SetText(document.Path, text);
        if (timing) Log($"timing: SetText {document.Path} {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms");
        ScheduleLint();
    }

    private void DidSave(DidSaveTextDocumentParams parameters)
    {
        if (!documents.TryGetValue(parameters.TextDocument.Uri, out var document))
        {
            if (SitePathOfUri(parameters.TextDocument.Uri) is { } path) FilesChanged([path]);
            return;
        }
        if (parameters.Text is { } text && text != document.Text)
        {
            document.Text = text;
            if (document.Path is not null) workspace?.SetText(document.Path, text);
        }
        document.Dirty = true;
        if (document.Path is not null && IsConfiguration(document.Path)) FilesChanged([document.Path]);
        else LintOpenDocuments();
    }

    private void DidClose(DidCloseTextDocumentParams parameters)
    {
        if (!documents.Remove(parameters.TextDocument.Uri, out var document)) return;
        document.Publish(connection, []);
        if (document.Path is null || workspace is null) return;
        // The file on disk is the page again, which the open pages may link to.
        workspace.ClearText(document.Path);
        LintOpenDocuments();
    }

    private void DidChangeWatchedFiles(DidChangeWatchedFilesParams parameters)
    {
        var paths = (parameters.Changes ?? []).Select(c => SitePathOfUri(c.Uri)).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        if (paths.Length > 0) FilesChanged(paths);
    }

    private void FilesChanged(IReadOnlyCollection<string> paths)
    {
        if (siteNeedsLoad)
        {
            // A site that failed to load (or had no configuration) may be fine now.
            if (paths.Any(IsConfiguration) || root is null) LoadSite();
            return;
        }
        if (workspace is null) return;
        try
        {
            workspace.FilesChanged(paths);
            ClearConfigurationProblems();
        }
        catch (ConfigurationException e)
        {
            // The workspace keeps the site it had: say what is wrong, and keep linting against it.
            ReportConfigurationProblem(e);
        }
        foreach (var document in documents.Values) document.Dirty = true;
        LintOpenDocuments();
    }

    private static bool IsConfiguration(string path) =>
        path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal) || path == "Gemfile" || path == "Gemfile.lock";

    private void ScheduleLint()
    {
        if (debounceMs == 0)
        {
            // Coalesced: edits already queued behind this one are linted together.
            if (lintScheduled) return;
            lintScheduled = true;
            queue.Add(new LintDue());
            return;
        }
        lintScheduled = true;
        debounceTimer.Change(debounceMs, Timeout.Infinite);
    }

    // ---- diagnostics ----

    /// <summary>
    /// Lints every open page of the site from the editor's texts, and publishes the diagnostics of
    /// the pages that were edited and of every other open page whose findings changed.
    /// </summary>
    private void LintOpenDocuments()
    {
        if (workspace is null)
        {
            foreach (var document in documents.Values.Where(d => d.Dirty))
            {
                document.Dirty = false;
                document.Publish(connection, []);
            }
            return;
        }
        var open = documents.Values.Where(d => d.Path is not null).ToArray();
        var paths = open.Select(d => d.Path!).Distinct(StringComparer.Ordinal).ToArray();
        var started = Stopwatch.GetTimestamp();
        var findings = paths.Length == 0 ? new Dictionary<string, IReadOnlyList<Diagnostic>>() : workspace.Lint(paths);
        if (timing) Log($"timing: Lint {paths.Length} open pages {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms");
        foreach (var document in documents.Values)
        {
            var diagnostics = document.Path is not null && findings.TryGetValue(document.Path, out var found) ? found : [];
            var changed = document.SetFindings(diagnostics);
            if (changed || document.Dirty) document.Publish(connection, document.Converted);
            document.Dirty = false;
        }
        lintScheduled = false;
    }

    /// <summary>Lints now when edits are waiting for the debounce, so an answer about findings is about the text the editor shows.</summary>
    private void LintIfEdited()
    {
        if (documents.Values.Any(d => d.Dirty)) LintOpenDocuments();
    }

    // ---- navigation ----

    private SiteNavigation? Navigation()
    {
        if (workspace is null) return null;
        if (navigation is null || navigationVersion != workspace.Version)
        {
            navigation = new SiteNavigation(workspace.Site, TextOfPath);
            navigationVersion = workspace.Version;
        }
        return navigation;
    }

    /// <summary>The text of a site file as the editor has it, else as the workspace has it, else from disk (within the root only).</summary>
    private string? TextOfPath(string path)
    {
        foreach (var document in documents.Values)
        {
            if (document.Path == path) return document.Text;
        }
        if (workspace?.TextOf(path) is { } text) return text;
        if (root is null || FullPathOf(path) is not { } full || !File.Exists(full)) return null;
        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private (OpenDocument Document, string Path)? SiteDocument(string uri) =>
        documents.TryGetValue(uri, out var document) && document.Path is { } path ? (document, path) : null;

    private CompletionList Completion(CompletionParams parameters)
    {
        if (SiteDocument(parameters.TextDocument.Uri) is not { } target || Navigation() is not { } site) return new CompletionList(false, []);
        var items = site.Complete(target.Path, parameters.Position.Line + 1, parameters.Position.Character + 1);
        var converted = new LspCompletionItem[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            converted[i] = new LspCompletionItem(item.Label, CompletionKindOf(item), item.Detail, item.InsertText, i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
                new CompletionTextEdit(TextPositions.RangeOf(item.Replace), item.InsertText));
        }
        return new CompletionList(false, converted);
    }

    private Location? Definition(TextDocumentPositionParams parameters)
    {
        if (SiteDocument(parameters.TextDocument.Uri) is not { } target || Navigation() is not { } site) return null;
        return site.Definition(target.Path, parameters.Position.Line + 1, parameters.Position.Character + 1) is { } found ? LocationOf(found) : null;
    }

    private Location[] References(ReferenceParams parameters)
    {
        if (SiteDocument(parameters.TextDocument.Uri) is not { } target || Navigation() is not { } site) return [];
        return [.. site.References(target.Path, parameters.Position.Line + 1, parameters.Position.Character + 1).Select(LocationOf)];
    }

    private Location LocationOf(Workspaces.Navigation.Location location) => new(UriOfPath(location.Path), TextPositions.RangeOf(location.Span));

    private Hover? HoverAt(TextDocumentPositionParams parameters)
    {
        if (SiteDocument(parameters.TextDocument.Uri) is not { } target) return null;
        LintIfEdited();
        var cursor = new Range(parameters.Position, parameters.Position);
        var parts = new List<string>();
        Range? range = null;
        foreach (var (diagnostic, converted) in target.Document.Findings.Zip(target.Document.Converted))
        {
            if (!TextPositions.Touches(converted.Range, cursor)) continue;
            range ??= converted.Range;
            var hint = diagnostic.Suggestion is null ? string.Empty : $"\n\n{diagnostic.Suggestion}";
            var doc = Rules.RuleDocs.Get(diagnostic.Rule.Id) ?? diagnostic.Rule.Title;
            parts.Add($"**{diagnostic.Rule.Id}** `{diagnostic.Rule.Name}`: {diagnostic.Message}{hint}\n\n---\n\n{doc}");
        }
        if (Navigation()?.Hover(target.Path, parameters.Position.Line + 1, parameters.Position.Character + 1) is { } link) parts.Insert(0, link);
        return parts.Count == 0 ? null : new Hover(new MarkupContent("markdown", string.Join("\n\n---\n\n", parts)), range);
    }

    private void PrepareRename(JsonElement id, TextDocumentPositionParams parameters)
    {
        if (SiteDocument(parameters.TextDocument.Uri) is not { } target || Navigation() is not { } site)
        {
            connection.RespondError(id, JsonRpcConnection.RequestFailed, "smlint: this file is not part of the site");
            return;
        }
        var (line, column) = (parameters.Position.Line + 1, parameters.Position.Character + 1);
        if (site.PrepareRename(target.Path, line, column) is not var (span, text))
        {
            // Rename says why it would refuse (a link, not a heading, an HTML page...).
            site.Rename(target.Path, line, column, "x", out var error);
            connection.RespondError(id, JsonRpcConnection.RequestFailed, $"smlint: {error ?? "nothing to rename here: put the cursor on a heading"}");
            return;
        }
        connection.Respond(id, new PrepareRenameResult(TextPositions.RangeOf(span), text), ProtocolJson.Default.PrepareRenameResult);
    }

    private void Rename(JsonElement id, RenameParams parameters)
    {
        if (SiteDocument(parameters.TextDocument.Uri) is not { } target || Navigation() is not { } site)
        {
            connection.RespondError(id, JsonRpcConnection.RequestFailed, "smlint: this file is not part of the site");
            return;
        }
        var change = site.Rename(target.Path, parameters.Position.Line + 1, parameters.Position.Character + 1, parameters.NewName, out var error);
        if (change is null)
        {
            connection.RespondError(id, JsonRpcConnection.RequestFailed, error ?? "smlint: nothing to rename here: put the cursor on a heading or a link");
            return;
        }
        connection.Respond(id, WorkspaceEditOf(change, withFileRename: true), ProtocolJson.Default.WorkspaceEdit);
    }

    private WorkspaceEdit? WillRenameFiles(RenameFilesParams parameters)
    {
        if (Navigation() is not { } site) return null;
        var edits = new List<FileEdit>();
        foreach (var rename in parameters.Files ?? [])
        {
            if (SitePathOfUri(rename.OldUri) is not { } from || SitePathOfUri(rename.NewUri) is not { } to) continue;
            edits.AddRange(site.RenameFile(from, to).Edits);
        }
        return edits.Count == 0 ? null : WorkspaceEditOf(new WorkspaceChange(edits, null), withFileRename: false);
    }

    private WorkspaceEdit WorkspaceEditOf(WorkspaceChange change, bool withFileRename)
    {
        var files = change.Edits.GroupBy(e => e.Path, StringComparer.Ordinal)
            .Select(g => (Uri: UriOfPath(g.Key), Edits: EditsOf(g.Key, g.SelectMany(e => e.Edits))))
            .Where(f => f.Edits.Length > 0)
            .ToArray();
        if (withFileRename && change.RenameFile is { } rename)
        {
            if (!client.RenameResourceOperations) throw new InvalidOperationException("renaming this page's file needs an editor that can rename files in a workspace edit");
            var changes = files.Select(f => new DocumentChange(TextDocument: new VersionedTextDocumentIdentifier(f.Uri, VersionOf(f.Uri)), Edits: f.Edits)).ToList();
            changes.Add(new DocumentChange(Kind: "rename", OldUri: UriOfPath(rename.From), NewUri: UriOfPath(rename.To)));
            return new WorkspaceEdit(DocumentChanges: [.. changes]);
        }
        return new WorkspaceEdit(Changes: files.ToDictionary(f => f.Uri, f => f.Edits, StringComparer.Ordinal));
    }

    private int? VersionOf(string uri) => documents.TryGetValue(uri, out var document) ? document.Version : null;

    private LspTextEdit[] EditsOf(string path, IEnumerable<Lint.Diagnostics.TextEdit> edits)
    {
        var text = TextOfPath(path) ?? string.Empty;
        return [.. edits.OrderBy(e => e.Offset).Select(e => new LspTextEdit(TextPositions.RangeOf(text, e.Offset, e.Length), e.NewText))];
    }

    private static int CompletionKindOf(Workspaces.Navigation.CompletionItem item) => item.Kind switch
    {
        CompletionKind.Page or CompletionKind.File => 17, // File
        CompletionKind.Anchor => 18,                      // Reference
        _ => 12,                                          // Value
    };

    // ---- paths and URIs ----

    private static string? PathOfUri(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile) return null;
        return parsed.LocalPath;
    }

    /// <summary>The site-relative path of a file URI, or null for anything outside the site root (ignored).</summary>
    private string? SitePathOfUri(string uri)
    {
        if (root is null || PathOfUri(uri) is not { } full) return null;
        var relative = Path.GetRelativePath(root, Path.GetFullPath(full));
        if (relative == "." || Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || relative.StartsWith("..\\", StringComparison.Ordinal)) return null;
        return relative.Replace('\\', '/');
    }

    private string? FullPathOf(string path)
    {
        if (root is null) return null;
        var full = Path.GetFullPath(Path.Combine(root, path));
        return full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    private string UriOfPath(string path)
    {
        foreach (var document in documents.Values)
        {
            if (document.Path == path) return document.Uri;
        }
        return UriOfFullPath(Path.Combine(root ?? string.Empty, path));
    }

    // Each segment escaped as editors write file URIs: new Uri(path) would read a '#' or '?' in a
    // folder's name as the start of a fragment or query.
    private static string UriOfFullPath(string full)
    {
        var segments = full.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString);
        var path = string.Join('/', segments);
        return "file://" + (path.StartsWith('/') ? path : "/" + path);
    }

    // ---- messages ----

    private static class MessageType
    {
        public const int Error = 1, Warning = 2, Info = 3, Log = 4;
    }

    private void ShowMessage(int type, string message)
    {
        Log(message);
        connection.Notify("window/showMessage", new ShowMessageParams(type, message), ProtocolJson.Default.ShowMessageParams);
    }

    private void LogMessage(string message)
    {
        Log(message);
        connection.Notify("window/logMessage", new LogMessageParams(MessageType.Info, message), ProtocolJson.Default.LogMessageParams);
    }

    // A bug of ours in one line, as the command line reports it; the stack trace with --verbose.
    private string Describe(Exception e) => verbose ? e.ToString() : $"{e.GetType().Name}: {e.Message} (run smlint lsp --verbose for details, and please report it)";

    private void Log(string message)
    {
        try
        {
            log.WriteLine(message.StartsWith("smlint: ", StringComparison.Ordinal) ? $"smlint lsp: {message[8..]}" : $"smlint lsp: {message}");
        }
        catch (IOException)
        {
            // Nobody reads standard error: the protocol carries on.
        }
    }
}
