#!/usr/bin/env bash
# The language server's engine: bench/workspace.sh [EDITS]
#   Opens the 2016 corpus and a generated 10,000-page site (bench/generate-site.py, as bench/run.sh
#   makes it) in a SiteWorkspace and times Open, then SetText+Lint of one page and the open pages
#   linking to it over EDITS edits of a link (default 200) and of a heading: median and p95, and memory.
#   The 10,000-page site is opened twice: without configuration (as bench/run.sh lints it) and with
#   the Service Manual's rule set and serving.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${SMLINT_CORPUS:-../shared/corpus/service-manual-2016}"
work="${SMLINT_BENCH_DIR:-/tmp/smlint-bench}"
edits="${1:-200}"
[ -d "$corpus" ] || { echo "no corpus at $corpus (set SMLINT_CORPUS)" >&2; exit 2; }
mkdir -p "$work"
[ -d "$work/site-10000" ] || python3 bench/generate-site.py "$corpus" "$work/site-10000" 10000 >/dev/null
dotnet build -c Release bench/Micro >/dev/null
micro=(dotnet bench/Micro/bin/Release/net10.0/Micro.dll workspace)
"${micro[@]}" "$corpus" tests/ServiceManual.Lint.Tests/Configurations/service-manual-2016.yml service-manual/agile/index.md "$edits"
echo
# As bench/run.sh lints it (no smlint.yml: the generic rule set, served as GitHub Pages would, so
# the copies' extensionless links are broken: many SM301 findings, each with a "did you mean")...
"${micro[@]}" "$work/site-10000" - sm0/agile/index.md "$edits"
echo
# ...and as the Service Manual is linted (its rule set, served by its app.rb), as the 2016 copy above.
printf 'ruleset: service-manual\nsite:\n  serving: extensionless\n  hosts: [www.gov.uk, gov.uk]\n' > "$work/site-10000.smlint.yml"
"${micro[@]}" "$work/site-10000" "$work/site-10000.smlint.yml" sm0/agile/index.md "$edits"
