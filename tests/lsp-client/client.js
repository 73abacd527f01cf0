// A language client for tests and benchmarks, built on Microsoft's vscode-languageserver-protocol
// (the library under VS Code's own client): starts a server command over stdio, keeps the text of
// the documents it opened (applying its own edits as an editor would) and waits for diagnostics.
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL, fileURLToPath } = require("node:url");
const lsp = require("vscode-languageserver-protocol/node");

/** What an editor offers: the features the scenario exercises, with the shapes VS Code sends. */
const capabilities = {
  general: { positionEncodings: ["utf-16"] },
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ["rename"] },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
    configuration: true,
    fileOperations: { willRename: true, didRename: true },
  },
  textDocument: {
    synchronization: { didSave: true, willSave: false, dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
    completion: { completionItem: { snippetSupport: false, labelDetailsSupport: true, documentationFormat: ["markdown", "plaintext"] }, contextSupport: true },
    hover: { contentFormat: ["markdown", "plaintext"] },
    definition: { linkSupport: false },
    references: {},
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ["", "quickfix", "source", "source.fixAll"] } },
      isPreferredSupport: true,
      resolveSupport: { properties: ["edit"] },
    },
    rename: { prepareSupport: true },
  },
};

function positionToOffset(text, position) {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf("\n", offset);
  return Math.min(offset + position.character, end < 0 ? text.length : end);
}

function offsetToPosition(text, offset) {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

/** Applies LSP text edits (non-overlapping ranges in the original text) to `text`. */
function applyEdits(text, edits) {
  const sorted = edits
    .map((e) => ({ start: positionToOffset(text, e.range.start), end: positionToOffset(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  for (const e of sorted) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

class Client {
  /**
   * Starts `command` (an array: program and arguments) in `root`, the site, and initializes it with
   * `root` as the workspace folder. `log` receives the server's standard error and log messages.
   */
  static async start(command, root, { initializationOptions, log = () => {}, timeoutMs = 60000 } = {}) {
    const client = new Client(command, root, log);
    await client.initialize(initializationOptions, timeoutMs);
    return client;
  }

  constructor(command, root, log) {
    this.root = root;
    this.log = log;
    this.startedAt = process.hrtime.bigint();
    // The server runs in the site; a relative program path means one from here.
    const program = command[0].includes("/") || command[0].includes("\\") ? path.resolve(command[0]) : command[0];
    this.process = spawn(program, command.slice(1), { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    this.exited = new Promise((resolve) => this.process.on("exit", (code, signal) => resolve({ code, signal })));
    this.process.stderr.on("data", (chunk) => log(String(chunk)));
    this.process.on("error", (error) => log(`could not start ${command[0]}: ${error.message}\n`));
    this.connection = lsp.createProtocolConnection(new lsp.StreamMessageReader(this.process.stdout), new lsp.StreamMessageWriter(this.process.stdin));
    this.documents = new Map(); // relative path -> { uri, text, version, languageId }
    this.diagnostics = new Map(); // relative path -> last published diagnostics
    this.waiters = [];
    this.publishes = [];
    this.registrations = [];
    this.connection.onNotification(lsp.PublishDiagnosticsNotification.type, (params) => {
      const relative = this.relative(params.uri);
      const at = process.hrtime.bigint();
      this.diagnostics.set(relative, params.diagnostics);
      this.publishes.push({ path: relative, at, count: params.diagnostics.length, version: params.version });
      for (const waiter of [...this.waiters]) {
        if (waiter.path === relative && waiter.predicate(params.diagnostics, params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          clearTimeout(waiter.timer);
          waiter.resolve({ diagnostics: params.diagnostics, version: params.version, at });
        }
      }
    });
    this.connection.onNotification(lsp.LogMessageNotification.type, (params) => log(`[server] ${params.message}\n`));
    this.connection.onNotification(lsp.ShowMessageNotification.type, (params) => log(`[server, shown] ${params.message}\n`));
    this.connection.onRequest(lsp.RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations.map((r) => r.method));
      return null;
    });
    this.connection.onRequest(lsp.UnregistrationRequest.type, () => null);
    this.connection.onRequest(lsp.ConfigurationRequest.type, (params) => params.items.map(() => null));
    this.connection.onRequest(lsp.WorkDoneProgressCreateRequest.type, () => null);
    this.connection.onRequest(lsp.WorkspaceFoldersRequest.type, () => [{ uri: this.uri(""), name: path.basename(root) }]);
    this.connection.onRequest(lsp.ApplyWorkspaceEditRequest.type, () => ({ applied: false, failureReason: "the test client applies edits itself" }));
    this.connection.listen();
  }

  uri(relative) {
    return pathToFileURL(path.join(this.root, relative)).href;
  }

  /** A server's URI as a path relative to the site, with / separators (the URI itself if outside). */
  relative(uri) {
    try {
      const file = fileURLToPath(uri);
      const relative = path.relative(this.root, file);
      return relative.startsWith("..") ? uri : relative.split(path.sep).join("/");
    } catch {
      return uri;
    }
  }

  async initialize(initializationOptions, timeoutMs) {
    const params = {
      processId: process.pid,
      clientInfo: { name: "smlint-lsp-client-tests", version: "1" },
      rootUri: this.uri(""),
      workspaceFolders: [{ uri: this.uri(""), name: path.basename(this.root) }],
      capabilities,
      initializationOptions,
      trace: "off",
    };
    this.initializeResult = await this.withTimeout(this.connection.sendRequest(lsp.InitializeRequest.type, params), timeoutMs, "initialize");
    this.initializedAt = process.hrtime.bigint();
    await this.connection.sendNotification(lsp.InitializedNotification.type, {});
  }

  withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
    });
    const exited = this.exited.then(({ code, signal }) => {
      throw new Error(`${what}: the server exited (code ${code}, signal ${signal})`);
    });
    return Promise.race([promise, timeout, exited]).finally(() => clearTimeout(timer));
  }

  request(type, params, timeoutMs = 30000) {
    return this.withTimeout(this.connection.sendRequest(type, params), timeoutMs, type.method);
  }

  /**
   * A promise of the next diagnostics published for `relative` that satisfy `predicate`
   * (diagnostics, params) => boolean. Call it before the change that causes them.
   */
  nextDiagnostics(relative, predicate = () => true, timeoutMs = 30000) {
    return new Promise((resolve, reject) => {
      const waiter = { path: relative, predicate, resolve };
      waiter.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no diagnostics for ${relative} as expected in ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(relative) ?? null)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  open(relative, languageId = relative.endsWith(".html") ? "html" : relative.endsWith(".yml") ? "yaml" : "markdown") {
    const text = fs.readFileSync(path.join(this.root, relative), "utf8");
    const document = { uri: this.uri(relative), text, version: 1, languageId };
    this.documents.set(relative, document);
    return this.connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
      textDocument: { uri: document.uri, languageId, version: document.version, text },
    });
  }

  close(relative) {
    const document = this.documents.get(relative);
    this.documents.delete(relative);
    return this.connection.sendNotification(lsp.DidCloseTextDocumentNotification.type, { textDocument: { uri: document.uri } });
  }

  text(relative) {
    return this.documents.get(relative).text;
  }

  /** The position of the `nth` (0-based) occurrence of `search` in an open document, plus `delta` characters. */
  find(relative, search, { nth = 0, delta = 0 } = {}) {
    const text = this.text(relative);
    let offset = -1;
    for (let i = 0; i <= nth; i++) {
      offset = text.indexOf(search, offset + 1);
      if (offset < 0) throw new Error(`'${search}' (occurrence ${nth}) not in ${relative}`);
    }
    return offsetToPosition(text, offset + delta);
  }

  /** Edits an open document as typing does: incremental changes, the version one up. */
  change(relative, edits) {
    const document = this.documents.get(relative);
    document.text = applyEdits(document.text, edits);
    document.version++;
    // Each contentChange applies to the text the previous one left, as the protocol says: send
    // them from the last in the text to the first, so no range is moved by an earlier one.
    const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    return this.connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
      textDocument: { uri: document.uri, version: document.version },
      contentChanges: ordered.map((e) => ({ range: e.range, text: e.newText })),
    });
  }

  /** Types `text` at `position` (an insertion). */
  type(relative, position, text) {
    return this.change(relative, [{ range: { start: position, end: position }, newText: text }]);
  }

  save(relative) {
    return this.connection.sendNotification(lsp.DidSaveTextDocumentNotification.type, { textDocument: { uri: this.documents.get(relative).uri } });
  }

  /** The edits of a WorkspaceEdit (changes or documentChanges) by relative path. */
  editsByPath(edit) {
    const byPath = {};
    for (const [uri, edits] of Object.entries(edit?.changes ?? {})) (byPath[this.relative(uri)] ??= []).push(...edits);
    for (const change of edit?.documentChanges ?? []) {
      if (change.kind) (byPath[`${change.kind}:${this.relative(change.oldUri ?? change.uri)}`] ??= []).push({ kind: change.kind, newPath: change.newUri && this.relative(change.newUri) });
      else (byPath[this.relative(change.textDocument.uri)] ??= []).push(...change.edits);
    }
    return byPath;
  }

  /** Peak resident memory of the server in KB (VmHWM), or null where /proc has none. */
  peakMemoryKb() {
    try {
      const status = fs.readFileSync(`/proc/${this.process.pid}/status`, "utf8");
      const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
      return match ? Number(match[1]) : null;
    } catch {
      return null;
    }
  }

  async shutdown() {
    try {
      await this.request(lsp.ShutdownRequest.type, undefined, 10000);
      await this.connection.sendNotification(lsp.ExitNotification.type);
    } catch (error) {
      this.log(`shutdown: ${error.message}\n`);
    }
    const exit = await Promise.race([this.exited, new Promise((resolve) => setTimeout(() => resolve(null), 5000))]);
    if (exit === null) this.process.kill("SIGKILL");
    this.connection.dispose();
    return exit;
  }
}

module.exports = { Client, applyEdits, positionToOffset, offsetToPosition, lsp };
