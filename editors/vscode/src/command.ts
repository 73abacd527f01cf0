// Finds the smlint command to start, without VS Code's API, so that it can be tested under plain Node.
import * as fs from "node:fs";
import * as path from "node:path";

export const installCommand = "dotnet tool install -g ServiceManual.Lint.Cli";

/** A program and the arguments before `lsp`, or why none was found. */
export type Resolved =
  | { found: true; command: string; args: string[]; description: string }
  | { found: false; tried: string[] };

function isExecutable(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    if (process.platform === "win32") return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The full path of `name` found as the shell would, on PATH (with PATHEXT on Windows), or undefined. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const folders = (env.PATH ?? env.Path ?? "").split(path.delimiter).filter((f) => f.length > 0);
  const extensions = process.platform === "win32" ? ["", ...(env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";")] : [""];
  for (const folder of folders) {
    for (const extension of extensions) {
      const candidate = path.join(folder, name + extension);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * The folder of a dotnet tool manifest (.config/dotnet-tools.json or dotnet-tools.json, looked for
 * from `start` upwards as `dotnet tool run` does) that lists the smlint command, or undefined.
 */
export function manifestWithSmlint(start: string): string | undefined {
  for (let folder = path.resolve(start); ; folder = path.dirname(folder)) {
    for (const manifest of [path.join(folder, ".config", "dotnet-tools.json"), path.join(folder, "dotnet-tools.json")]) {
      try {
        const tools = JSON.parse(fs.readFileSync(manifest, "utf8"))?.tools ?? {};
        for (const tool of Object.values(tools) as { commands?: unknown }[]) {
          if (Array.isArray(tool?.commands) && tool.commands.includes("smlint")) return folder;
        }
      } catch {
        // no manifest here, or not JSON: dotnet would look further up too
      }
    }
    if (path.dirname(folder) === folder) return undefined;
  }
}

/**
 * The command for `setting` (smlint.path): a path is used as it is; a bare name is looked for on
 * PATH; the default `smlint`, when not on PATH, falls back to `dotnet tool run smlint` for a tool
 * manifest that lists it.
 */
export function resolveSmlint(setting: string | undefined, workspaceFolder: string | undefined, env: NodeJS.ProcessEnv = process.env): Resolved {
  const configured = (setting ?? "").trim() || "smlint";
  const tried: string[] = [];
  if (configured.includes("/") || configured.includes("\\")) {
    const file = workspaceFolder ? path.resolve(workspaceFolder, configured) : path.resolve(configured);
    if (isExecutable(file)) return { found: true, command: file, args: [], description: file };
    tried.push(file);
    return { found: false, tried };
  }
  const found = onPath(configured, env);
  if (found) return { found: true, command: found, args: [], description: found };
  tried.push(`${configured} on PATH`);
  if (configured === "smlint" && workspaceFolder) {
    const manifest = manifestWithSmlint(workspaceFolder);
    const dotnet = onPath("dotnet", env);
    if (manifest && dotnet) {
      return { found: true, command: dotnet, args: ["tool", "run", "smlint", "--"], description: `dotnet tool run smlint (manifest in ${manifest})` };
    }
    tried.push(dotnet ? "a dotnet tool manifest listing smlint" : "dotnet on PATH, for a tool manifest");
  }
  return { found: false, tried };
}
