#!/usr/bin/env bash
# BenchmarkDotNet micro-benchmarks of the hot paths (page parse, front matter, kramdown ids, link resolution).
# bench/micro.sh [BenchmarkDotNet arguments], e.g. bench/micro.sh --job short
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Micro -- --filter '*' "$@"
