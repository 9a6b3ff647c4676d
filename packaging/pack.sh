#!/usr/bin/env bash
# Packs every KerasSharp package (KerasSharp, KerasSharp.Plots, KerasSharp.Interactive and the meta-packages) into one folder, a local feed.
#   bash packaging/pack.sh [output-folder]      (default: artifacts/packages)
# Extra MSBuild properties pass through KS_PACK_ARGS, e.g. KS_PACK_ARGS="-p:Version=0.2.0 -p:RepositoryUrl=https://...".
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/packages}"
mkdir -p "$out"
for project in src/KerasSharp/KerasSharp.csproj src/KerasSharp.Plots/KerasSharp.Plots.csproj \
               src/KerasSharp.Interactive/KerasSharp.Interactive.csproj \
               packaging/KerasSharp.Cpu/KerasSharp.Cpu.csproj packaging/KerasSharp.Cuda.Linux/KerasSharp.Cuda.Linux.csproj \
               packaging/KerasSharp.Cuda.Windows/KerasSharp.Cuda.Windows.csproj; do
  # shellcheck disable=SC2086
  dotnet pack "$project" -c Release -o "$out" -v q -nologo ${KS_PACK_ARGS:-}
done
ls "$out"
