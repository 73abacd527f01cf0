// The editing session, driven through vscode-languageserver-protocol against a server:
//   node scenario.js SITE OUT [PROFILE.json] -- COMMAND [ARGUMENTS...]
// SITE is a writable copy of the 2016 Service Manual snapshot (with its smlint.yml), or of another
// site with a PROFILE naming its pages and the texts to type (see `corpus` below); COMMAND starts
// the server on stdio (`smlint lsp`). Writes one JSON object to the file OUT: each step's answer, with URIs as paths
// relative to SITE and ranges as [line, character, line, character] (0-based, as the protocol has
// them), or { "error": ... } for a step that failed. NodeClientTests (corpus) and NodeClientSampleSiteTests (sample-site.json) assert on it.
"use strict";
const { Client, lsp } = require("./client.js");

const fs = require("node:fs");
const args = process.argv.slice(2);
const [site, out] = args;
const profileFile = args[2] !== "--" ? args[2] : undefined;
const command = args.slice(args.indexOf("--") + 1);
if (!site || !out || args.indexOf("--") < 2 || args.indexOf("--") > 3 || command.length === 0) {
  process.stderr.write("usage: node scenario.js SITE OUT [PROFILE.json] -- COMMAND [ARGUMENTS...]\n");
  process.exit(2);
}

// The pages and texts of the session on the 2016 snapshot; a profile replaces any of them.
const corpus = {
  // The page edited; a link is typed after `typeAfter` (the end of line 72).
  page: "service-manual/agile/index.md",
  typeAfter: "features-of-agile.html).",
  typedLink: " Read about [user stories](/service-manual/agile/writing-user-storys).",
  // A new line put in at this 0-based line for completion, then the target page typed after '#'.
  completionLine: 72,
  completionPrefix: "/service-manual/ag",
  completionFragmentPage: "/service-manual/agile/features-of-agile",
  // A link on the page for definition and hover (the caret `linkDelta` characters into it).
  link: "/service-manual/agile/features-of-agile.html",
  linkDelta: 10,
  // The page with the heading, and a page linking to its id (opened).
  target: "service-manual/agile/features-of-agile.md",
  linking: "service-manual/governance/governance-principles.md",
  fragmentLink: "features-of-agile#daily-stand-up",
  fragmentLinkDelta: "features-of-agile#da".length,
  heading: "### Daily stand-up",
  headingDelta: "### Daily".length,
  newName: "Daily stand-up meeting",
  // The character of the heading removed (and put back) to break the linking page's fragment.
  headingCut: "### Daily stand".length,
};
const profile = { ...corpus, ...(profileFile ? JSON.parse(fs.readFileSync(profileFile, "utf8")) : {}) };
const { page, target, linking } = profile;
const serverLog = [];

const range = (r) => [r.start.line, r.start.character, r.end.line, r.end.character];
const diagnostic = (d) => ({ range: range(d.range), code: d.code ?? null, source: d.source ?? null, severity: d.severity ?? null, message: d.message });
const codes = (diagnostics) => diagnostics.map((d) => d.code);

async function main() {
  const result = {};
  let client;
  try {
    client = await Client.start(command, site, { initializationOptions: { debounceMs: 0 }, log: (text) => serverLog.push(text) });
  } catch (error) {
    result.fatal = `the server did not initialize: ${error.message}`;
    return result;
  }
  const c = client.initializeResult.capabilities;
  result.capabilities = {
    textDocumentSync: c.textDocumentSync ?? null,
    codeAction: c.codeActionProvider ?? null,
    completionTriggers: c.completionProvider?.triggerCharacters ?? null,
    definition: !!c.definitionProvider,
    hover: !!c.hoverProvider,
    references: !!c.referencesProvider,
    rename: c.renameProvider ?? null,
    willRenameFiles: !!c.workspace?.fileOperations?.willRename,
  };
  result.serverInfo = client.initializeResult.serverInfo ?? null;

  // Each step runs on its own, so that one failing does not hide what the others would show.
  const step = async (name, body) => {
    try {
      result[name] = await body();
    } catch (error) {
      result[name] = { error: error.message };
    }
  };

  await step("opened", async () => {
    const published = client.nextDiagnostics(page);
    await client.open(page);
    return (await published).diagnostics.map(diagnostic);
  });

  // Typing a broken link at the end of line 72 (pasted at once: one didChange).
  let broken;
  let typedLine;
  const onTypedLine = (d) => d.code === "SM301" && d.range.start.line === typedLine;
  await step("typed", async () => {
    const end = client.find(page, profile.typeAfter, { delta: profile.typeAfter.length });
    typedLine = end.line;
    const published = client.nextDiagnostics(page, (ds) => ds.some(onTypedLine));
    await client.type(page, end, profile.typedLink);
    const { diagnostics, version } = await published;
    broken = diagnostics.find(onTypedLine);
    return { version: version ?? null, diagnostics: diagnostics.map(diagnostic) };
  });

  await step("codeActions", async () => {
    const actions = await client.request(lsp.CodeActionRequest.type, {
      textDocument: { uri: client.uri(page) },
      range: broken.range,
      context: { diagnostics: [broken], triggerKind: 1 },
    });
    const resolved = [];
    for (const action of actions ?? []) {
      const full = !action.edit && action.data !== undefined ? await client.request(lsp.CodeActionResolveRequest.type, action) : action;
      resolved.push(full);
    }
    result._actions = resolved;
    return resolved.map((a) => ({
      title: a.title,
      kind: a.kind ?? null,
      isPreferred: a.isPreferred ?? false,
      diagnostics: codes(a.diagnostics ?? []),
      edits: Object.fromEntries(Object.entries(client.editsByPath(a.edit)).map(([p, es]) => [p, es.map((e) => ({ range: range(e.range), newText: e.newText }))])),
    }));
  });

  // Applying the quick fix as the editor would: its edits to the open document, sent as a didChange.
  await step("fixed", async () => {
    const quickfix = result._actions.find((a) => a.kind === "quickfix" && (a.diagnostics ?? []).some(onTypedLine));
    if (!quickfix) throw new Error("no quickfix for SM301");
    const published = client.nextDiagnostics(page, (ds) => !ds.some(onTypedLine));
    await client.change(page, client.editsByPath(quickfix.edit)[page]);
    const { diagnostics } = await published;
    return { line: client.text(page).split("\n")[typedLine], diagnostics: diagnostics.map(diagnostic) };
  });
  delete result._actions;

  // Completion inside a link target being typed on a new line 73, the closing parenthesis put in
  // by the editor: after the site path's start, then after '#'.
  const completionItem = (i) => ({
    label: i.label,
    kind: i.kind ?? null,
    detail: i.detail ?? null,
    insertText: i.insertText ?? null,
    textEdit: i.textEdit ? { range: range(i.textEdit.range ?? i.textEdit.replace), newText: i.textEdit.newText } : null,
    filterText: i.filterText ?? null,
  });
  const lineStart = { line: profile.completionLine, character: 0 };
  const prefix = profile.completionPrefix;
  await step("completionPath", async () => {
    await client.type(page, lineStart, `Also see [stand-ups](${prefix})\n`);
    const position = { line: lineStart.line, character: `Also see [stand-ups](${prefix}`.length };
    const answer = await client.request(lsp.CompletionRequest.type, { textDocument: { uri: client.uri(page) }, position, context: { triggerKind: 1 } });
    const items = Array.isArray(answer) ? answer : answer?.items ?? [];
    // What an editor shows for the typed prefix: items whose inserted text or label starts with it.
    const shown = items.filter((i) => (i.textEdit?.newText ?? i.insertText ?? i.label).startsWith(prefix) || i.label.startsWith(prefix));
    return { count: items.length, isIncomplete: answer?.isIncomplete ?? false, shown: shown.map(completionItem).sort((a, b) => a.label.localeCompare(b.label)) };
  });
  await step("completionFragment", async () => {
    const from = { line: lineStart.line, character: "Also see [stand-ups](".length };
    const to = { line: lineStart.line, character: `Also see [stand-ups](${prefix}`.length };
    await client.change(page, [{ range: { start: from, end: to }, newText: `${profile.completionFragmentPage}#` }]);
    const position = { line: lineStart.line, character: `Also see [stand-ups](${profile.completionFragmentPage}#`.length };
    const answer = await client.request(lsp.CompletionRequest.type, {
      textDocument: { uri: client.uri(page) },
      position,
      context: { triggerKind: 2, triggerCharacter: "#" },
    });
    const items = Array.isArray(answer) ? answer : answer?.items ?? [];
    return items.map(completionItem);
  });
  await step("completionRemoved", async () => {
    // The line goes again, and with it its broken link.
    const published = client.nextDiagnostics(page, (ds) => !ds.some((d) => d.range.start.line === lineStart.line));
    await client.change(page, [{ range: { start: lineStart, end: { line: lineStart.line + 1, character: 0 } }, newText: "" }]);
    return (await published).diagnostics.map(diagnostic);
  });

  const location = (l) => ({ path: client.relative(l.uri ?? l.targetUri), range: range(l.range ?? l.targetSelectionRange) });
  const locations = (answer) => (answer === null ? null : (Array.isArray(answer) ? answer : [answer]).map(location));
  const linkOnLine72 = () => client.find(page, profile.link, { delta: profile.linkDelta });
  await step("definition", async () =>
    locations(await client.request(lsp.DefinitionRequest.type, { textDocument: { uri: client.uri(page) }, position: linkOnLine72() })),
  );
  await step("definitionFragment", async () => {
    await client.open(linking);
    const position = client.find(linking, profile.fragmentLink, { delta: profile.fragmentLinkDelta });
    return locations(await client.request(lsp.DefinitionRequest.type, { textDocument: { uri: client.uri(linking) }, position }));
  });
  await step("hover", async () => {
    const answer = await client.request(lsp.HoverRequest.type, { textDocument: { uri: client.uri(page) }, position: linkOnLine72() });
    if (!answer) return null;
    const contents = answer.contents;
    const text = typeof contents === "string" ? contents : Array.isArray(contents) ? contents.map((x) => x.value ?? x).join("\n") : contents.value;
    return { text, range: answer.range ? range(answer.range) : null };
  });

  // The heading "### Daily stand-up" on line 61 of features-of-agile.md: two pages link to its id.
  const heading = () => client.find(target, profile.heading, { delta: profile.headingDelta });
  await step("references", async () => {
    await client.open(target);
    const answer = await client.request(lsp.ReferencesRequest.type, {
      textDocument: { uri: client.uri(target) },
      position: heading(),
      context: { includeDeclaration: false },
    });
    return (answer ?? []).map(location).sort((a, b) => a.path.localeCompare(b.path) || a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  });
  await step("prepareRename", async () => {
    const answer = await client.request(lsp.PrepareRenameRequest.type, { textDocument: { uri: client.uri(target) }, position: heading() });
    if (!answer) return null;
    return answer.range ? { range: range(answer.range), placeholder: answer.placeholder ?? null } : answer.start ? { range: range(answer), placeholder: null } : answer;
  });
  await step("rename", async () => {
    const answer = await client.request(lsp.RenameRequest.type, { textDocument: { uri: client.uri(target) }, position: heading(), newName: profile.newName });
    const byPath = client.editsByPath(answer);
    return Object.fromEntries(
      Object.keys(byPath)
        .sort()
        .map((p) => [p, byPath[p].map((e) => (e.range ? { range: range(e.range), newText: e.newText } : e)).sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0))]),
    );
  });

  // An open dependant: the heading's id changes on features-of-agile.md (stand-up -> standup), and
  // governance-principles.md, open too, gets the broken fragment; undone, it goes again.
  await step("dependant", async () => {
    const hyphen = client.find(target, profile.heading, { delta: profile.headingCut });
    const removed = client.text(target).split("\n")[hyphen.line][hyphen.character];
    const broken = client.nextDiagnostics(linking, (ds) => ds.some((d) => d.code === "SM302"));
    await client.change(target, [{ range: { start: hyphen, end: { line: hyphen.line, character: hyphen.character + 1 } }, newText: "" }]);
    const after = (await broken).diagnostics.map(diagnostic);
    const mended = client.nextDiagnostics(linking, (ds) => !ds.some((d) => d.code === "SM302"));
    await client.type(target, hyphen, removed);
    const restored = (await mended).diagnostics.map(diagnostic);
    return { broken: after, restored };
  });

  result.peakMemoryKb = client.peakMemoryKb();
  const exit = await client.shutdown();
  result.exit = exit;
  return result;
}

main()
  .then((result) => {
    result.serverLog = serverLog.join("").split("\n").filter((l) => l.length > 0).slice(-40);
    fs.writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
    process.exit(result.fatal ? 1 : 0);
  })
  .catch((error) => {
    fs.writeFileSync(out, JSON.stringify({ fatal: error.stack, serverLog: serverLog.join("") }) + "\n");
    process.exit(1);
  });
