#!/usr/bin/env bash
# Language server latency: bench/lsp.sh [--edits N] [--completions N]
#   Publishes the Native AOT smlint (as bench/run.sh does) and drives `smlint lsp` through
#   vscode-languageserver-protocol (bench/lsp/latency.js, with tests/lsp-client's packages) on a copy
#   of ../shared/corpus/service-manual-2016 (with the corpus tests' smlint.yml) and on a 10,000-page
#   site from bench/generate-site.py. Prints, for each: process start to the first diagnostics of
#   an opened page (median of 3 starts), a keystroke's re-check in a paragraph and in a heading that
#   open pages link to (median and p95 of 200 each, debounceMs 0), completion round trips (median
#   and p95 of 200) and the server's peak memory (VmHWM), beside issue 21's targets.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${SMLINT_CORPUS:-../shared/corpus/service-manual-2016}"
work="${SMLINT_BENCH_DIR:-/tmp/smlint-bench-lsp}"
edits=200
completions=200
while [ $# -gt 0 ]; do
  case "$1" in
    --edits) edits=$2; shift 2 ;;
    --completions) completions=$2; shift 2 ;;
    *) echo "usage: bench/lsp.sh [--edits N] [--completions N]" >&2; exit 2 ;;
  esac
done
[ -d "$corpus" ] || { echo "no corpus at $corpus (set SMLINT_CORPUS)" >&2; exit 2; }
command -v node >/dev/null || { echo "needs Node.js 20 or later" >&2; exit 2; }
mkdir -p "$work"

echo "building the Native AOT smlint..."
dotnet publish src/ServiceManual.Lint.Cli -c Release -r linux-x64 -o "$work/smlint" >/dev/null
[ -d tests/lsp-client/node_modules ] || (cd tests/lsp-client && npm ci --no-audit --no-fund --silent)

# The corpus is read-only: a writable copy with its configuration, as the tests lint it.
rm -rf "$work/site-2016"
cp -r "$corpus" "$work/site-2016"
chmod -R u+w "$work/site-2016"
cp tests/ServiceManual.Lint.Tests/Configurations/service-manual-2016.yml "$work/site-2016/smlint.yml"
[ -d "$work/site-10000" ] || python3 bench/generate-site.py "$corpus" "$work/site-10000" 10000 >/dev/null

measure() {
  node bench/lsp/latency.js --edits="$edits" --completions="$completions" --starts=3 "$1" "$2" -- "$work/smlint/smlint" lsp
}
report() {
  local name=$1 json=$2 start_target=$3 recheck_target=$4
  node -e '
    const [name, startTarget, recheckTarget] = process.argv.slice(1);
    const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const f = (x) => x.toFixed(1);
    const mark = (value, target) => (target === "-" ? "" : value < Number(target) ? "  (target < " + target + ": met)" : "  (target < " + target + ": MISSED)");
    console.log(`\n${name}: ${r.serverLog[0] ?? ""}`.replace("[server] smlint: ", ""));
    console.log(`  start to first diagnostics  median ${f(r.start.median)} ms of ${r.start.n} starts${mark(r.start.median, startTarget)}`);
    console.log(`  keystroke in a paragraph    median ${f(r.keystroke.median)} ms, p95 ${f(r.keystroke.p95)} ms, max ${f(r.keystroke.max)} ms (${r.keystroke.n} edits; ${r.openDependants} dependants open)${mark(r.keystroke.p95, recheckTarget)}`);
    console.log(`  keystroke in a heading      median ${f(r.heading.median)} ms, p95 ${f(r.heading.p95)} ms, max ${f(r.heading.max)} ms (${r.heading.n} edits; ${r.headingDependants} dependants re-published each)${mark(r.heading.p95, recheckTarget)}`);
    console.log(`  completion of a path        median ${f(r.completion.median)} ms, p95 ${f(r.completion.p95)} ms (${r.completion.items} items)${mark(r.completion.p95, name.startsWith("2016") ? 20 : "-")}`);
    console.log(`  completion after #          median ${f(r.fragmentCompletion.median)} ms, p95 ${f(r.fragmentCompletion.p95)} ms (${r.fragmentCompletion.items} items)${mark(r.fragmentCompletion.p95, name.startsWith("2016") ? 20 : "-")}`);
    console.log(`  peak memory (VmHWM)         ${r.peakMb} MB${mark(r.peakMb, name.startsWith("2016") ? 150 : "-")}`);
  ' "$name" "$start_target" "$recheck_target" <<< "$json"
}
r2016=$(measure "$work/site-2016" service-manual)
r10k=$(measure "$work/site-10000" sm0)
echo "$r2016" > "$work/lsp-2016.json"
echo "$r10k" > "$work/lsp-10000.json"
report "2016 corpus" "$r2016" 1000 30
report "10,000 pages" "$r10k" 3000 50
echo
echo "(raw figures: $work/lsp-2016.json, $work/lsp-10000.json)"
