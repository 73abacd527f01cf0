#!/usr/bin/env bash
# Long fuzz run of the single-page pipeline: scripts/fuzz.sh [iterations] [seed]
# Prints the number of executions; a failure prints the input that broke it.
set -euo pipefail
cd "$(dirname "$0")/.."
export SMLINT_FUZZ_ITERATIONS="${1:-20000}" SMLINT_FUZZ_SEED="${2:-$RANDOM}"
echo "fuzzing: $SMLINT_FUZZ_ITERATIONS iterations, seed $SMLINT_FUZZ_SEED"
dotnet test tests/ServiceManual.Lint.Tests --filter "FullyQualifiedName~FuzzTests" --logger "console;verbosity=detailed" 2>&1 \
  | grep -E "fuzz:|Failed|Passed!|Failed!|input:|threw|iteration"
