#!/usr/bin/env bash
# External-links benchmark: bench/external-links.sh
#   2,000 distinct URLs over 20 hosts (127.0.0.1 .. 127.0.0.20, one port), each answering after
#   50 ms (bench/external-links-server.py), per-host limit 4: no checker that keeps to the limit can
#   take less than 2,000 / (20 x 4) x 50 ms = 1.25 s. The target is 1.5x of that (1.875 s), and a
#   re-run answered from the cache under 100 ms. The site: 20 pages of 100 links each (every page
#   links to every host). smlint.yml sets external.per-host: 4 and concurrency: 80 (20 x 4, so the
#   global limit is not what binds; at the default 64 the bound would be 2,000 / 64 x 50 ms = 1.56 s).
#   Builds the Native AOT smlint (as bench/run.sh does), then, for each of the rounds, a cold run
#   (the external cache deleted) and a cached re-run, and prints both medians, each round's times,
#   the requests the server saw and each host's largest number of requests in flight.
#   Environment: SMLINT_BENCH_DIR (default /tmp/smlint-bench), SMLINT_BENCH_RUNS (default 5),
#   SMLINT_BENCH_PORT (default 18931), SMLINT_BENCH_NO_BUILD=1 (reuse the binary already published).
set -euo pipefail
cd "$(dirname "$0")/.."
work="${SMLINT_BENCH_DIR:-/tmp/smlint-bench}/external-links"
runs="${SMLINT_BENCH_RUNS:-5}"
port="${SMLINT_BENCH_PORT:-18931}"
hosts=20 per_page=100 delay_ms=50
[ $# -eq 0 ] || { echo "usage: bench/external-links.sh (settings in the environment: see the header)" >&2; exit 2; }
mkdir -p "$work"

smlint="$work/smlint/smlint"
if [ "${SMLINT_BENCH_NO_BUILD:-}" != 1 ] || [ ! -x "$smlint" ]; then
  dotnet publish src/ServiceManual.Lint.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$work/smlint" >/dev/null
fi

site="$work/site"
rm -rf "$site" && mkdir -p "$site"
cat > "$site/smlint.yml" <<YAML
external:
  per-host: 4
  concurrency: 80
YAML
for page in $(seq 1 $hosts); do
  {
    printf -- '---\ntitle: Page %d\n---\n' "$page"
    for i in $(seq 1 $per_page); do
      host=$(( (i - 1) % hosts + 1 ))
      printf '[link %d](http://127.0.0.%d:%d/p%d/l%d)\n' "$i" "$host" "$port" "$page" "$i"
    done
  } > "$site/page$page.md"
done

stats="$work/server-stats.json"
python3 bench/external-links-server.py "$port" "$hosts" "$delay_ms" "$stats" > "$work/server.out" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q ready "$work/server.out" 2>/dev/null && break; sleep 0.1; done

seconds() { local start end; start=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; end=$(date +%s.%N); echo "$end - $start" | bc; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

cold=() cached=()
for round in $(seq 1 "$runs"); do
  rm -rf "$site/.smlint-cache"
  cold+=("$(seconds "$smlint" --root "$site" --external)")
  cached+=("$(seconds "$smlint" --root "$site" --external)")
  echo "round $round: cold ${cold[-1]} s, cached ${cached[-1]} s"
done
"$smlint" --root "$site" --external 2>&1 >/dev/null | tail -1

kill $server; wait $server 2>/dev/null || true
trap - EXIT
cold_median=$(printf '%s\n' "${cold[@]}" | median)
cached_median=$(printf '%s\n' "${cached[@]}" | median)
echo "URLs: $(( hosts * per_page )), hosts: $hosts, delay: $delay_ms ms, per-host limit: 4; bound 1.25 s, target 1.875 s"
echo "cold median: $cold_median s ($(echo "scale=2; $cold_median / 1.25" | bc)x the bound); cached median: $cached_median s"
echo "server: $(cat "$stats")"
