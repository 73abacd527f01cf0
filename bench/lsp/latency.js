// Latency of smlint's language server as an editor sees it, through vscode-languageserver-protocol
// (tests/lsp-client's client; run `npm ci` there first). bench/lsp.sh runs it:
//   node bench/lsp/latency.js SITE PREFIX -- COMMAND [ARGUMENTS...]
// SITE is a writable site; PREFIX the folder (and URL path) of a copy of the Service Manual in it
// (service-manual, or sm0 in a generated site). Prints one JSON object of milliseconds:
//   start: process start to the first publishDiagnostics of an opened page (each of --starts runs)
//   keystroke: a character typed or deleted in a paragraph of features-of-agile.md (didChange,
//     debounceMs 0) to its publishDiagnostics, with every page linking to it open too (each re-check
//     lints them all)
//   heading: a character typed or deleted in a heading those pages link to, to the last
//     publishDiagnostics of the page and of the open dependants whose findings it changes
//   completion, fragmentCompletion: a completion request's round trip after `](/PREFIX/ag` and
//     after `#`
//   peakMb: the server's peak resident memory (VmHWM) at the end
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { Client, lsp } = require("../../tests/lsp-client/client.js");

const args = process.argv.slice(2);
const options = { edits: 200, completions: 200, starts: 3 };
while (args[0]?.startsWith("--")) {
  const [name, value] = args.shift().slice(2).split("=");
  if (name === "" || !(name in options)) break;
  options[name] = Number(value);
}
const [site, prefix, separator, ...command] = args;
if (!site || !prefix || separator !== "--" || command.length === 0) {
  process.stderr.write("usage: node latency.js [--edits=N] [--completions=N] [--starts=N] SITE PREFIX -- COMMAND [ARGUMENTS...]\n");
  process.exit(2);
}

const ms = (from, to) => Number(to - from) / 1e6;
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const summary = (values) => ({ n: values.length, median: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) });

const page = `${prefix}/agile/features-of-agile.md`;
// Every page of the copy that links to the page: its open dependants.
function dependants() {
  const found = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(path.join(site, folder), { withFileTypes: true })) {
      const relative = path.posix.join(folder, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (/\.(md|html)$/.test(entry.name) && relative !== page && fs.readFileSync(path.join(site, relative), "utf8").includes(`/${prefix}/agile/features-of-agile`)) found.push(relative);
    }
  };
  walk(prefix);
  return found.sort();
}

async function start(log) {
  const client = await Client.start(command, site, { initializationOptions: { debounceMs: 0 }, log });
  const first = client.nextDiagnostics(page, () => true, 120000);
  await client.open(page);
  const { at } = await first;
  return { client, start: ms(client.startedAt, at), initialize: ms(client.startedAt, client.initializedAt) };
}

const serverLog = [];
async function main() {
  const log = (text) => serverLog.push(text);
  const starts = [];
  const initializes = [];
  for (let i = 1; i < options.starts; i++) {
    const run = await start(log);
    starts.push(run.start);
    initializes.push(run.initialize);
    await run.client.shutdown();
  }
  const run = await start(log);
  starts.push(run.start);
  initializes.push(run.initialize);
  const client = run.client;

  const open = dependants();
  for (const relative of open) {
    const published = client.nextDiagnostics(relative, () => true, 60000);
    await client.open(relative);
    await published;
  }

  // Keystrokes in a paragraph: an 'x' typed after "Have daily meetings", then deleted, and again.
  const keystrokes = [];
  const where = client.find(page, "Have daily meetings", { delta: "Have daily meetings".length });
  for (let i = 0; i < options.edits; i++) {
    const version = client.documents.get(page).version + 1;
    const published = client.nextDiagnostics(page, (_, params) => params.version === undefined || params.version === null || params.version >= version);
    const sent = process.hrtime.bigint();
    if (i % 2 === 0) await client.type(page, where, "x");
    else await client.change(page, [{ range: { start: where, end: { line: where.line, character: where.character + 1 } }, newText: "" }]);
    keystrokes.push(ms(sent, (await published).at));
  }

  // Keystrokes in the heading "### Daily stand-up": deleting the hyphen breaks the #daily-stand-up
  // links of the open dependants, typing it back mends them.
  const linkers = open.filter((relative) => client.text(relative).includes(`/${prefix}/agile/features-of-agile#daily-stand-up`));
  const hyphen = client.find(page, "### Daily stand-up", { delta: "### Daily stand".length });
  const headingEdits = [];
  for (let i = 0; i < options.edits; i++) {
    const breaking = i % 2 === 0;
    const version = client.documents.get(page).version + 1;
    const waits = [
      client.nextDiagnostics(page, (_, params) => params.version === undefined || params.version === null || params.version >= version),
      ...linkers.map((relative) => client.nextDiagnostics(relative, (ds) => ds.some((d) => d.code === "SM302" && d.message.includes("#daily-stand-up")) === breaking)),
    ];
    const sent = process.hrtime.bigint();
    if (breaking) await client.change(page, [{ range: { start: hyphen, end: { line: hyphen.line, character: hyphen.character + 1 } }, newText: "" }]);
    else await client.type(page, hyphen, "-");
    const answers = await Promise.all(waits);
    headingEdits.push(ms(sent, answers.reduce((last, a) => (a.at > last ? a.at : last), 0n)));
  }

  // Completion on a line of its own at the end of the page.
  const lines = client.text(page).split("\n");
  const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  await client.type(page, end, `\nSee [x](/${prefix}/ag)`);
  const completions = [];
  const fragmentCompletions = [];
  let shown = 0;
  let ids = 0;
  const pathPosition = { line: end.line + 1, character: `See [x](/${prefix}/ag`.length };
  for (let i = 0; i < options.completions; i++) {
    const sent = process.hrtime.bigint();
    const answer = await client.request(lsp.CompletionRequest.type, { textDocument: { uri: client.uri(page) }, position: pathPosition, context: { triggerKind: 1 } });
    completions.push(ms(sent, process.hrtime.bigint()));
    shown = (Array.isArray(answer) ? answer : answer?.items ?? []).length;
  }
  const typedStart = { line: end.line + 1, character: "See [x](".length };
  await client.change(page, [{ range: { start: typedStart, end: pathPosition }, newText: `/${prefix}/agile/features-of-agile#` }]);
  const fragmentPosition = { line: end.line + 1, character: `See [x](/${prefix}/agile/features-of-agile#`.length };
  for (let i = 0; i < options.completions; i++) {
    const sent = process.hrtime.bigint();
    const answer = await client.request(lsp.CompletionRequest.type, {
      textDocument: { uri: client.uri(page) },
      position: fragmentPosition,
      context: { triggerKind: 2, triggerCharacter: "#" },
    });
    fragmentCompletions.push(ms(sent, process.hrtime.bigint()));
    ids = (Array.isArray(answer) ? answer : answer?.items ?? []).length;
  }

  const peakKb = client.peakMemoryKb();
  await client.shutdown();
  return {
    site,
    page,
    openDependants: open.length,
    headingDependants: linkers.length,
    start: summary(starts),
    initialize: summary(initializes),
    keystroke: summary(keystrokes),
    heading: summary(headingEdits),
    completion: { ...summary(completions), items: shown },
    fragmentCompletion: { ...summary(fragmentCompletions), items: ids },
    peakMb: peakKb === null ? null : Math.round(peakKb / 1024),
    serverLog: serverLog.join("").split("\n").filter((l) => l.includes("loaded")).slice(-1),
  };
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result, null, 2) + "\n"),
  (error) => {
    process.stderr.write(`${error.stack}\n${serverLog.join("")}\n`);
    process.exit(1);
  },
);
