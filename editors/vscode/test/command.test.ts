import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { manifestWithSmlint, resolveSmlint } from "../src/command";

function folderWith(files: Record<string, string>, executable: string[] = []): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "smlint-vscode-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text, { mode: executable.includes(name) ? 0o755 : 0o644 });
  }
  return root;
}

const manifest = JSON.stringify({ version: 1, isRoot: true, tools: { "servicemanual.lint.cli": { version: "0.3.0", commands: ["smlint"] } } });

test("smlint on PATH is used as it is", () => {
  const bin = folderWith({ "bin/smlint": "#!/bin/sh\n" }, ["bin/smlint"]);
  const resolved = resolveSmlint("smlint", bin, { PATH: path.join(bin, "bin") });
  assert.deepEqual(resolved, { found: true, command: path.join(bin, "bin", "smlint"), args: [], description: path.join(bin, "bin", "smlint") });
});

test("a file that is not executable is not a command", () => {
  const bin = folderWith({ "bin/smlint": "#!/bin/sh\n" });
  const resolved = resolveSmlint("smlint", bin, { PATH: path.join(bin, "bin") });
  assert.equal(resolved.found, false);
});

test("without smlint on PATH, a tool manifest above the workspace runs it through dotnet", () => {
  const root = folderWith({ ".config/dotnet-tools.json": manifest, "docs/_config.yml": "", "bin/dotnet": "#!/bin/sh\n" }, ["bin/dotnet"]);
  const resolved = resolveSmlint(undefined, path.join(root, "docs"), { PATH: path.join(root, "bin") });
  assert.equal(resolved.found, true);
  assert.ok(resolved.found);
  assert.equal(resolved.command, path.join(root, "bin", "dotnet"));
  assert.deepEqual(resolved.args, ["tool", "run", "smlint", "--"]);
});

test("a manifest without smlint does not count", () => {
  const root = folderWith({ "dotnet-tools.json": JSON.stringify({ version: 1, tools: { other: { commands: ["other"] } } }) });
  assert.equal(manifestWithSmlint(root), undefined);
});

test("nothing found says what was tried", () => {
  const root = folderWith({ "bin/dotnet": "#!/bin/sh\n" }, ["bin/dotnet"]);
  const resolved = resolveSmlint("smlint", root, { PATH: path.join(root, "bin") });
  assert.deepEqual(resolved, { found: false, tried: ["smlint on PATH", "a dotnet tool manifest listing smlint"] });
});

test("a configured path is relative to the workspace folder and not looked for on PATH", () => {
  const root = folderWith({ "tools/smlint": "#!/bin/sh\n" }, ["tools/smlint"]);
  const resolved = resolveSmlint("./tools/smlint", root, { PATH: "" });
  assert.equal(resolved.found && resolved.command, path.join(root, "tools", "smlint"));
  assert.deepEqual(resolveSmlint("./missing/smlint", root, { PATH: "" }), { found: false, tried: [path.join(root, "missing", "smlint")] });
});
