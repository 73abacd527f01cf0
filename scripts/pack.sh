#!/usr/bin/env bash
# Builds the three packages into a local NuGet feed folder:
#   ServiceManual.Lint          the library
#   ServiceManual.Lint.Cli      the smlint tool: its pointer package and one package per runtime the
#                               tool project declares in ToolPackageRuntimeIdentifiers (native AOT on
#                               linux-x64, the portable "any" fallback)
#   ServiceManual.Lint.MSBuild  the MSBuild task
# Usage: scripts/pack.sh [FEED]   (default: artifacts/feed; a relative FEED is taken from the current folder)
# Then: dotnet tool install ServiceManual.Lint.Cli --add-source FEED (see the README).
set -euo pipefail
repository="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="${1:-$repository/artifacts/feed}"
mkdir -p "$feed"
feed="$(cd "$feed" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

pack() {
  echo "pack.sh: $*" >&2
  dotnet pack "$@" -c Release -o "$feed" -v:q -nologo
}

pack "$repository/src/ServiceManual.Lint"
pack "$repository/src/ServiceManual.Lint.MSBuild"
cli="$repository/src/ServiceManual.Lint.Cli"
pack "$cli"
# Read from the project, so a runtime added there is packed here too.
rids="$(dotnet msbuild "$cli" -getProperty:ToolPackageRuntimeIdentifiers -nologo)"
IFS=';' read -r -a runtimes <<< "$rids"
for rid in "${runtimes[@]}"; do
  rid="$(echo "$rid" | tr -d '[:space:]')"
  if [ -n "$rid" ]; then pack "$cli" -r "$rid"; fi
done
echo "pack.sh: packages in $feed:" >&2
ls -1 "$feed"/*.nupkg >&2
