#!/usr/bin/env bash
# Makes the library's current public API the package-validation baseline: packs
# src/ServiceManual.Lint at the <Version> of Directory.Build.props without validation, stores the
# package as eng/package-baseline/ServiceManual.Lint.<Version>.nupkg (the only package there) and
# points the project's PackageValidationBaselinePath at it.
# Run it once for a release that breaks the API on purpose, after the last change to the surface;
# from then on `dotnet pack` fails on any break against that release (CP0001, CP0002, ...).
# Usage: eng/update-package-baseline.sh
set -euo pipefail
repository="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$repository/src/ServiceManual.Lint"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
version="$(dotnet msbuild "$project" -getProperty:Version -nologo | tr -d '[:space:]')"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
dotnet pack "$project" -c Release -o "$scratch" -p:EnablePackageValidation=false -p:IncludeSymbols=false -v:q -nologo
rm -f "$repository"/eng/package-baseline/*.nupkg
cp "$scratch/ServiceManual.Lint.$version.nupkg" "$repository/eng/package-baseline/"
sed -i -E "s|(eng/package-baseline/ServiceManual\.Lint\.)[0-9][^<]*\.nupkg|\1$version.nupkg|" "$project/ServiceManual.Lint.csproj"
# Suppressions recorded intended breaks against the previous baseline; against the new one there are none.
rm -f "$project/CompatibilitySuppressions.xml"
echo "update-package-baseline.sh: baseline is now ServiceManual.Lint.$version.nupkg" >&2
