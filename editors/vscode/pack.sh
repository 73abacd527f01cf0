#!/usr/bin/env bash
# Packs the extension into a .vsix: editors/vscode/pack.sh [OUTPUT-FOLDER]
#   npm ci (from package-lock.json), type check (tsc), the unit tests (node --test), the esbuild
#   bundle, then `vsce package` (no publishing; nothing is fetched but the npm packages). Prints the
#   .vsix's path and size in KB on the last line; exits non-zero when any step fails.
set -euo pipefail
cd "$(dirname "$0")"
out="${1:-$PWD}"
mkdir -p "$out"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Prints a failed step's output and stops.
step() {
  local name=$1; shift
  if ! "$@" >"$log" 2>&1; then
    echo "error: $name failed:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
}
command -v npm >/dev/null || { echo "error: npm is not installed (Node.js 20 or later)" >&2; exit 1; }
step "npm ci" npm ci --no-audit --no-fund
step "tsc (type check)" npm run --silent check
step "unit tests (npm test)" npm test
version=$(node -p 'require("./package.json").version')
vsix="$out/smlint-$version.vsix"
# vscode:prepublish bundles dist/extension.js. The repository's URL is not this package's to state:
# the README links nothing relative, so vsce needs none.
step "vsce package" npx --no-install vsce package --allow-missing-repository --out "$vsix"
echo "$vsix $(( ($(stat -c %s "$vsix") + 1023) / 1024 )) KB"
