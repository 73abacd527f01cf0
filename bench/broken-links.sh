#!/usr/bin/env bash
# Broken-links benchmark: bench/broken-links.sh
#   A site where one link in ten is broken must lint within 1.3x of the same site with its links
#   intact. Builds the Native AOT smlint (as bench/run.sh does), generates the 10,000-page copy of
#   ../shared/corpus/service-manual-2016 with bench/generate-site.py ("intact": it keeps the
#   corpus's own defects, copy for copy), and a second copy of it ("broken") where every 10th link
#   into the manual is broken, counted in file order across the whole site, separately for:
#     - site-absolute link targets in Markdown bodies (`](/smN/...)`, `[ref]: /smN/...`,
#       `href="/smN/..."`), and
#     - breadcrumb `url:` values in front matter;
#   a broken one gets "-gone" appended to its last segment, before any extension
#   (/sm3/agile/foo.html -> /sm3/agile/foo-gone.html, /sm3/agile/ -> /sm3/agile-gone/,
#   /sm3 -> /sm3-gone). Fragments and queries are kept.
#   Both are linted as the Service Manual is served: the configuration is
#   tests/ServiceManual.Lint.Tests/Configurations/service-manual-2016.yml with `paths:` set to the
#   copies' prefixes (/sm0, /sm1, ...; generate-site.py moves /service-manual there).
#   Then it times smlint on both, interleaved (the order swapped every round), 7 rounds, in the
#   default (pretty) format and with -f json, output to /dev/null, and prints the medians, the
#   ratio of the medians broken/intact, each round's ratio and their median, peak memory, and the
#   number of findings on each site by rule. Last, SMLINT_TIMING=1 runs (3 of each, per-phase
#   medians) give the per-phase and per-rule times side by side, the largest growth first.
#   Environment: SMLINT_CORPUS, SMLINT_BENCH_DIR (default /tmp/smlint-bench), SMLINT_BENCH_PAGES
#   (default 10000), SMLINT_BENCH_RUNS (default 7), SMLINT_BENCH_TIMING_RUNS (default 3),
#   SMLINT_BENCH_NO_BUILD=1 (reuse the binary already published in the bench folder).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${SMLINT_CORPUS:-../shared/corpus/service-manual-2016}"
work="${SMLINT_BENCH_DIR:-/tmp/smlint-bench}/broken-links"
size="${SMLINT_BENCH_PAGES:-10000}"
runs="${SMLINT_BENCH_RUNS:-7}"
timing_runs="${SMLINT_BENCH_TIMING_RUNS:-3}"
base_config=tests/ServiceManual.Lint.Tests/Configurations/service-manual-2016.yml
[ $# -eq 0 ] || { echo "usage: bench/broken-links.sh (settings in the environment: see the header)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "no corpus at $corpus (set SMLINT_CORPUS)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (Debian package time)" >&2; exit 2; }
command -v bc >/dev/null || { echo "needs bc" >&2; exit 2; }
mkdir -p "$work"

smlint="$work/smlint/smlint"
if [ "${SMLINT_BENCH_NO_BUILD:-}" != 1 ] || [ ! -x "$smlint" ]; then
  echo "building Native AOT smlint..."
  dotnet publish src/ServiceManual.Lint.Cli -c Release -r linux-x64 -o "$work/smlint" >/dev/null
fi
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain -- src 2>/dev/null)" ] || commit="$commit+changes in src/"

intact="$work/intact"
broken="$work/broken"
echo "generating $size pages..."
python3 bench/generate-site.py "$corpus" "$intact" "$size"
rm -rf "$broken"
cp -a "$intact" "$broken"

# Breaks every 10th link of the broken copy, in place.
python3 - "$broken" <<'PY'
import os
import re
import sys

root = sys.argv[1]
EVERY = 10
# A site-absolute link into the manual in a Markdown body: inline, reference definition or href.
BODY = re.compile(r"""(\]\(\s*<?|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?|\bhref\s*=\s*["']?)(/sm\d+(?:/[^\s()"'#?<>]*)?)(?=[\s)"'#?>]|$)""", re.M)
CRUMB_URL = re.compile(r"""^(\s*(?:-\s+)?url:\s*["']?)(/sm\d+(?:/[^\s"'#?]*)?)""")
TOP_KEY = re.compile(r"^[^\s#-][^:]*:")


def gone(path):
    trailing = len(path) > 1 and path.endswith("/")
    core = path[:-1] if trailing else path
    head, _, last = core.rpartition("/")
    stem, dot, ext = last.rpartition(".")
    last = f"{stem}-gone.{ext}" if dot and stem else last + "-gone"
    return f"{head}/{last}" + ("/" if trailing else "")


counts = {"links": [0, 0], "crumbs": [0, 0]}


def bump(kind):
    counts[kind][0] += 1
    if counts[kind][0] % EVERY == 0:
        counts[kind][1] += 1
        return True
    return False


def body_link(match):
    return match.group(1) + (gone(match.group(2)) if bump("links") else match.group(2))


paths = []
for folder, dirs, names in os.walk(root):
    dirs.sort()
    for name in sorted(names):
        if name.endswith((".md", ".markdown", ".html")) and not os.path.relpath(folder, root).startswith("_"):
            paths.append(os.path.join(folder, name))
for path in paths:
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "surrogateescape")
    lines = text.splitlines(keepends=True)
    end = 0  # lines[0:end] is the front matter, fences included
    if lines and lines[0].rstrip("\r\n") == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip("\r\n") in ("---", "..."):
                end = i + 1
                break
    in_crumbs = False
    for i in range(1, max(end - 1, 1)):
        line = lines[i]
        if TOP_KEY.match(line):
            in_crumbs = line.startswith("breadcrumbs:")
            continue
        match = CRUMB_URL.match(line) if in_crumbs else None
        if match and bump("crumbs"):
            lines[i] = line[: match.start(2)] + gone(match.group(2)) + line[match.end(2):]
    front, body = "".join(lines[:end]), "".join(lines[end:])
    if path.endswith((".md", ".markdown")):
        body = BODY.sub(body_link, body)
    new = front + body
    if new != text:
        with open(path, "wb") as f:
            f.write(new.encode("utf-8", "surrogateescape"))
for kind, (seen, changed) in counts.items():
    what = "links in Markdown bodies" if kind == "links" else "breadcrumb urls"
    print(f"broke {changed} of {seen} {what}")
PY

# The Service Manual's configuration, with the copies' prefixes as the site's paths.
config="$work/smlint.yml"
prefixes=$(cd "$intact" && ls -d sm[0-9]* | sort -V | sed 's#^#/#' | paste -sd, - | sed 's/,/, /g')
sed "s#^\(  paths: \).*#\1[$prefixes]#" "$base_config" > "$config"
grep -q "^  paths: \[/sm0" "$config" || { echo "could not set paths: in $config" >&2; exit 2; }
pages=$(grep -rlsx -m1 -e '---' -e $'---\r' --include='*.md' --include='*.html' "$intact" | wc -l)

# "seconds KB" of one run (wall time to the microsecond, peak memory); stops on a crash.
run_once() {
  local site=$1 format=$2 out start rc=0
  out=$(mktemp)
  start=$EPOCHREALTIME
  /usr/bin/time -f "%M" -o "$out" "$smlint" "$site" --config "$config" --fail-on never -f "$format" >/dev/null 2>&1 || rc=$?
  local seconds
  seconds=$(echo "$EPOCHREALTIME - $start" | bc -l)
  [ "$rc" -eq 0 ] || { echo "smlint exited $rc on $site (-f $format)" >&2; exit 1; }
  echo "$seconds $(tail -n 1 "$out")"
  rm -f "$out"
}

# the middle one of an odd number of values, by the first number
median() {
  printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"
}

# Findings on each site (also warms the page cache and the binary).
echo "counting findings..."
"$smlint" "$intact" --config "$config" --fail-on never -f json > "$work/intact.json"
"$smlint" "$broken" --config "$config" --fail-on never -f json > "$work/broken.json"
"$smlint" "$intact" --config "$config" --fail-on never >/dev/null
"$smlint" "$broken" --config "$config" --fail-on never >/dev/null

echo "timing $runs rounds, interleaved..."
declare -A times
for format in pretty json; do times[$format,intact]=""; times[$format,broken]=""; done
for ((round = 1; round <= runs; round++)); do
  if ((round % 2)); then order=(intact broken); else order=(broken intact); fi
  for format in pretty json; do
    for which in "${order[@]}"; do
      site=$intact; [ "$which" = broken ] && site=$broken
      times[$format,$which]+="$(run_once "$site" "$format" | tr ' ' ':') "
    done
  done
done

echo
echo "smlint at commit $commit, $pages pages, $(date -u +%Y-%m-%d), $(nproc) cores"
printf '%-7s %10s %10s %8s %10s %10s   %s\n' format intact broken ratio "intact MB" "broken MB" "ratio round by round (median)"
for format in pretty json; do
  read -ra a <<< "${times[$format,intact]}"
  read -ra b <<< "${times[$format,broken]}"
  secs_a=(); secs_b=(); ratios=()
  for ((i = 0; i < ${#a[@]}; i++)); do
    secs_a+=("${a[$i]%%:*}"); secs_b+=("${b[$i]%%:*}")
    ratios+=("$(echo "${b[$i]%%:*} / ${a[$i]%%:*}" | bc -l)")
  done
  ma=$(median "${secs_a[@]}"); mb=$(median "${secs_b[@]}")
  kb_a=$(median "${a[@]#*:}"); kb_b=$(median "${b[@]#*:}")
  printf '%-7s %9.3fs %9.3fs %7.2fx %10.0f %10.0f   %s(%s)\n' "$format" "$ma" "$mb" "$(echo "$mb / $ma" | bc -l)" \
    "$(echo "$kb_a / 1024" | bc -l)" "$(echo "$kb_b / 1024" | bc -l)" \
    "$(printf '%.2f ' "${ratios[@]}")" "$(median "${ratios[@]}" | xargs printf '%.2fx')"
  echo "  runs (s), intact: $(printf '%.3f ' $(printf '%s\n' "${secs_a[@]}" | sort -n)) broken: $(printf '%.3f ' $(printf '%s\n' "${secs_b[@]}" | sort -n))"
done

echo
echo "findings by rule:"
python3 - "$work/intact.json" "$work/broken.json" <<'PY'
import collections
import json
import sys

reports = [json.load(open(p)) for p in sys.argv[1:]]
counts = [collections.Counter(d["ruleId"] for d in r["diagnostics"]) for r in reports]
print(f"{'rule':<8} {'intact':>8} {'broken':>8}")
for rule in sorted(set(counts[0]) | set(counts[1])):
    print(f"{rule:<8} {counts[0][rule]:>8} {counts[1][rule]:>8}")
print(f"{'total':<8} {sum(counts[0].values()):>8} {sum(counts[1].values()):>8}")
PY

# Per-phase and per-rule times (SMLINT_TIMING=1, on stderr), medians of $timing_runs runs of each.
for format in pretty json; do
  for which in intact broken; do
    site=$intact; [ "$which" = broken ] && site=$broken
    : > "$work/timing-$format-$which.txt"
  done
  for ((i = 1; i <= timing_runs; i++)); do
    for which in intact broken; do
      site=$intact; [ "$which" = broken ] && site=$broken
      SMLINT_TIMING=1 "$smlint" "$site" --config "$config" --fail-on never -f "$format" 2>> "$work/timing-$format-$which.txt" >/dev/null
    done
  done
  echo
  echo "SMLINT_TIMING, -f $format (ms, median of $timing_runs runs each; largest growth first):"
  python3 - "$work/timing-$format-intact.txt" "$work/timing-$format-broken.txt" <<'PY'
import re
import statistics
import sys

def read(path):
    phases, gc = {}, []
    for line in open(path):
        m = re.match(r"^(\S+)\s+([\d.]+)\s+[\d.]+ %$", line.strip())
        if m:
            phases.setdefault(m.group(1), []).append(float(m.group(2)))
        elif line.startswith("garbage collections:"):
            gc.append(line.split(": ", 1)[1].strip())
    return {k: statistics.median(v) for k, v in phases.items()}, gc

(a, gc_a), (b, gc_b) = read(sys.argv[1]), read(sys.argv[2])
rows = sorted(set(a) | set(b), key=lambda k: b.get(k, 0) - a.get(k, 0), reverse=True)
print(f"{'phase':<10} {'intact':>9} {'broken':>9} {'growth':>9} {'ratio':>7}")
for k in rows:
    x, y = a.get(k, 0.0), b.get(k, 0.0)
    ratio = f"{y / x:6.1f}x" if x >= 0.05 else "      -"
    print(f"{k:<10} {x:9.1f} {y:9.1f} {y - x:+9.1f} {ratio}")
print(f"{'sum':<10} {sum(a.values()):9.1f} {sum(b.values()):9.1f} {sum(b.values()) - sum(a.values()):+9.1f}")
print("gc intact: " + " | ".join(gc_a))
print("gc broken: " + " | ".join(gc_b))
PY
done
