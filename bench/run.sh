#!/usr/bin/env bash
# Speed benchmark: bench/run.sh [--full] [--peers]
#   Generates scaled copies of ../shared/corpus/service-manual-2016 (1,000 and 10,000 pages; 100,000
#   with --full), then times the Native AOT smlint and the parse floor (read + YamlDotNet + Markdig,
#   one thread, Native AOT) on each, median of 3 runs, and prints pages per second, wall time and
#   peak memory. "smlint --cache" is a re-run with the incremental cache after one page changed (a
#   different page before each run); "cache/cold" is its time over a cold run's, in five rounds of
#   three of each (medians), with every single run's share beside.
#   --peers also times rumdl (without its cache: a cold run, like smlint's; five rounds) and
#   markdownlint-cli2 (three rounds) from npm on the same sites, each beside a run of smlint, and
#   prints the ratios round by round and their median. --full also times 10,000 and 100,000 pages
#   side by side, for how time grows with the site.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${SMLINT_CORPUS:-../shared/corpus/service-manual-2016}"
work="${SMLINT_BENCH_DIR:-/tmp/smlint-bench}"
sizes=(1000 10000)
peers=false
for arg in "$@"; do
  case "$arg" in
    --full) sizes=(1000 10000 100000) ;;
    --peers) peers=true ;;
    *) echo "usage: bench/run.sh [--full] [--peers]" >&2; exit 2 ;;
  esac
done
[ -d "$corpus" ] || { echo "no corpus at $corpus (set SMLINT_CORPUS)" >&2; exit 2; }
mkdir -p "$work"

command -v /usr/bin/time >/dev/null || { echo "needs GNU time (Debian package time)" >&2; exit 2; }
echo "building Native AOT binaries..."
dotnet publish src/ServiceManual.Lint.Cli -c Release -r linux-x64 -o "$work/smlint" >/dev/null
dotnet publish bench/Floor -c Release -r linux-x64 -o "$work/floor" >/dev/null
if $peers; then
  # rumdl's npm package ships a binary without a bin entry, so npx cannot run it: install both here.
  mkdir -p "$work/peers"
  (cd "$work/peers" && npm install --silent --no-save @rumdl/cli-linux-x64@0.2.77 markdownlint-cli2@0.24.1 >/dev/null)
fi

# median wall seconds and peak KB of 3 runs of a command; $before (if set) runs untimed before each
before=""
measure() {
  local runs=() out
  out=$(mktemp)
  for _ in 1 2 3; do
    if [ -n "$before" ]; then eval "$before"; fi
    /usr/bin/time -f "%e %M" -o "$out" "$@" >/dev/null 2>&1 || true
    runs+=("$(tail -n 1 "$out")")
  done
  rm -f "$out"
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p
}

# wall seconds and peak KB of one run
once() {
  local out
  out=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$out" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$out"
  rm -f "$out"
}

# the middle one of an odd number of values ("seconds" or "seconds KB"), by the first number
median() {
  printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"
}

# wall seconds of one run, to the microsecond
seconds_of() {
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  echo "$EPOCHREALTIME - $start" | bc -l
}

# appends a line to one of the site's pages (a different page each call)
edits=0
edit_one_page() {
  edits=$((edits + 1))
  local agile page
  mapfile -t agile < <(find "$site" -path '*/agile/*.md' | sort)
  page=${agile[$(( (edits - 1) % ${#agile[@]} ))]}
  printf '\nEdited for the benchmark, run %s.\n' "$edits" >> "$page"
}

declare -A page_count
printf '\n%-8s %-15s %10s %12s %10s\n' pages tool seconds pages/s "peak MB"
for size in "${sizes[@]}"; do
  site="$work/site-$size"
  [ -d "$site" ] || python3 bench/generate-site.py "$corpus" "$site" "$size" >/dev/null
  rm -rf "$site/.smlint-cache" "$site/.rumdl_cache"
  pages=$(grep -rlsx -m1 -e '---' -e $'---\r' --include='*.md' --include='*.html' "$site" | wc -l)
  page_count[$size]=$pages
  # prints a table row from "seconds KB"
  row() {
    local seconds kb
    read -r seconds kb <<< "$2"
    printf '%-8s %-15s %10.2f %12.0f %10.0f\n' "$pages" "$1" "$seconds" "$(echo "$pages / ($seconds + 0.0001)" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
  }
  # prints a peer's time over smlint's in each round ("seconds KB" pairs, space-separated) and the median
  side_by_side() {
    local peer=($2) own=($3) ratios=() i
    for ((i = 0; i < ${#peer[@]}; i += 2)); do ratios+=("$(echo "${peer[$i]} / ${own[$i]}" | bc -l)"); done
    printf '%-8s %-21s %s\n' "$pages" "$1/smlint" "$(printf '%.1fx ' "${ratios[@]}")(round by round; median $(median "${ratios[@]}" | xargs printf '%.1fx'))"
  }
  report() {
    local name=$1; shift
    row "$name" "$(measure "$@")"
  }
  report smlint "$work/smlint/smlint" "$site" --quiet --fail-on never
  report floor "$work/floor/Floor" "$site"
  "$work/smlint/smlint" "$site" --quiet --fail-on never --cache >/dev/null 2>&1 || true
  before=edit_one_page report "smlint --cache" "$work/smlint/smlint" "$site" --quiet --fail-on never --cache
  before=""
  # The re-run's share of a cold run, side by side: five rounds, each of three cold runs and three
  # re-runs with the cache (one page edited before each), timed to the microsecond. A round's share
  # is the median re-run over the median cold run, as the issue's figures are medians of 3: a
  # re-run takes hundredths of a second, so one stall of the machine doubles a single run. Each
  # single run's share (a re-run over the cold run just before it) is printed too.
  shares=(); singles=(); over=0
  for _ in 1 2 3 4 5; do
    colds=(); warms=()
    for _ in 1 2 3; do
      colds+=("$(seconds_of "$work/smlint/smlint" "$site" --quiet --fail-on never)")
      edit_one_page
      warms+=("$(seconds_of "$work/smlint/smlint" "$site" --quiet --fail-on never --cache)")
      single=$(echo "${warms[-1]} / ${colds[-1]} * 100" | bc -l)
      singles+=("$single")
      if (( $(echo "$single >= 10" | bc -l) )); then over=$((over + 1)); fi
    done
    shares+=("$(echo "$(median "${warms[@]}") / $(median "${colds[@]}") * 100" | bc -l)")
  done
  printf '%-8s %-21s %s\n' "$pages" "cache/cold" "$(printf '%.1f%% ' "${shares[@]}")(round by round, medians of 3; median $(median "${shares[@]}" | xargs printf '%.1f%%'))"
  printf '%-8s %-21s %s\n' "$pages" "  single runs" "$(printf '%.1f ' "${singles[@]}")(% each; $over of ${#singles[@]} at 10% or over)"
  # markdownlint-cli2 needs about a quarter of an hour for 100,000 pages: peers run up to 10,000.
  # Peers are timed side by side with smlint, round by round: five rounds of smlint then rumdl, then
  # three of smlint then markdownlint-cli2 (which takes a minute and 600 MB a run, so it is kept out
  # of the rumdl rounds: smlint would run right after it and rumdl would not). This machine's speed
  # drifts within minutes, so each ratio is taken within its round and the median is printed.
  if $peers && [ "$size" -le 10000 ]; then
    own=(); rumdl=(); mdl=(); own_beside_mdl=()
    for _ in 1 2 3 4 5; do
      own+=("$(once "$work/smlint/smlint" "$site" --quiet --fail-on never)")
      rumdl+=("$(once "$work/peers/node_modules/@rumdl/cli-linux-x64/rumdl" check --no-cache "$site")")
    done
    for _ in 1 2 3; do
      own_beside_mdl+=("$(once "$work/smlint/smlint" "$site" --quiet --fail-on never)")
      mdl+=("$(once "$work/peers/node_modules/.bin/markdownlint-cli2" "$site/**/*.md")")
    done
    row rumdl "$(median "${rumdl[@]}")"
    row markdownlint "$(median "${mdl[@]}")"
    side_by_side rumdl "${rumdl[*]}" "${own[*]}"
    side_by_side markdownlint "${mdl[*]}" "${own_beside_mdl[*]}"
  fi
done
# Linearity, side by side: three rounds of a cold run at 10,000 pages and one at 100,000; each
# round's 100,000-page time over its 10,000-page time scaled by the page counts (1.00x: linear).
if [ -n "${page_count[100000]:-}" ]; then
  growth=()
  for _ in 1 2 3; do
    small=$(seconds_of "$work/smlint/smlint" "$work/site-10000" --quiet --fail-on never)
    large=$(seconds_of "$work/smlint/smlint" "$work/site-100000" --quiet --fail-on never)
    growth+=("$(echo "$large / ($small * ${page_count[100000]} / ${page_count[10000]})" | bc -l)")
  done
  echo
  echo "100,000-page time over the 10,000-page time scaled by the page counts: $(printf '%.2fx ' "${growth[@]}")(round by round; median $(median "${growth[@]}" | xargs printf '%.2fx'))"
fi
echo
echo "start-up on a one-page site (median of 3):"
one="$work/one-page"; mkdir -p "$one/service-manual"; printf -- '---\nlayout: default\ntitle: One\n---\nHello\n' > "$one/service-manual/index.md"
read -r seconds kb < <(measure "$work/smlint/smlint" "$one" --quiet)
echo "smlint (Native AOT): $seconds s, $((kb / 1024)) MB"
