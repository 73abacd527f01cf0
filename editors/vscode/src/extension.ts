import * as vscode from "vscode";
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from "vscode-languageclient/node";
import { installCommand, resolveSmlint } from "./command";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let watcher: vscode.FileSystemWatcher | undefined;

// The site is the first workspace folder: smlint finds the site root (smlint.yml or _config.yml)
// from the folder it is given, as on the command line.
function siteFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === "file")?.uri.fsPath;
}

async function start(): Promise<void> {
  const folder = siteFolder();
  const setting = vscode.workspace.getConfiguration("smlint").get<string>("path");
  const resolved = resolveSmlint(setting, folder);
  if (!resolved.found) {
    const copy = "Copy install command";
    const settings = "Open settings";
    const choice = await vscode.window.showErrorMessage(
      `smlint was not found (tried ${resolved.tried.join(", ")}). Install it with \`${installCommand}\`, or set smlint.path to its full path.`,
      copy,
      settings,
    );
    if (choice === copy) await vscode.env.clipboard.writeText(installCommand);
    if (choice === settings) await vscode.commands.executeCommand("workbench.action.openSettings", "smlint.path");
    return;
  }

  output ??= vscode.window.createOutputChannel("smlint", { log: true });
  const serverOptions: ServerOptions = {
    command: resolved.command,
    args: [...resolved.args, "lsp"],
    transport: TransportKind.stdio,
    options: folder ? { cwd: folder } : undefined,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "html" },
      { scheme: "file", language: "yaml" },
    ],
    // Pages, layouts, data and configuration changed outside the editor (git checkout, a build)
    // change the site the server holds.
    synchronize: { fileEvents: watcher },
    outputChannel: output,
  };
  client = new LanguageClient("smlint", "smlint", serverOptions, clientOptions);
  output.info(`starting ${resolved.description} lsp`);
  try {
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `smlint's language server did not start (${resolved.description} lsp): ${message}. An smlint older than the language server has no \`lsp\` command: \`dotnet tool update -g ServiceManual.Lint.Cli\`.`,
    );
    client = undefined;
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // One watcher for every server started: a restart does not add another.
  watcher = vscode.workspace.createFileSystemWatcher("**/*.{md,markdown,html,htm,yml,yaml}");
  context.subscriptions.push(
    watcher,
    vscode.commands.registerCommand("smlint.restartServer", async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("smlint.path")) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

export function deactivate(): Thenable<void> | undefined {
  return stop();
}
