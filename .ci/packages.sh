#!/usr/bin/env bash
# Packs every package into a local feed and consumes it as a user would (packaging/pack.sh, docs in README).
# Prints one line per check and "packages: N passed, N failed"; exits non-zero on failure.
#   1. the nupkg contents: readme, icon, licence, tags, symbols, the startup-hook targets, lib folders;
#   2. the meta-packages' dependencies (KerasSharp + the right LibTorch natives at the repo's LibTorch version);
#   3. a fresh .NET 10 script with KerasSharp + libtorch-cpu from the feed that calls TorchSharp before any KerasSharp
#      type (the startup hook applies the Debian 12 fix) and trains;
#   4. a fresh .NET 8 console app (net8.0 target; run on whatever runtime is installed) that trains;
#   5. a script without a native package gets KerasSharp's error naming the packages to add;
#   6. KerasSharp.Interactive: its extension script, both lib folders, and no .NET Interactive dependency (the kernel
#      that loads it has those assemblies).
# KS_FEED_DIR=DIR packs into DIR and leaves it there (.ci/run hands it to .ci/notebooks.sh); default: a temporary folder.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
tmp="$(mktemp -d)"
version="0.1.0-ci$(date +%s)"
libtorch="$(sed -n 's:.*<LibTorchVersion>\(.*\)</LibTorchVersion>.*:\1:p' Directory.Build.props)"
rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
cleanup() {
  rm -rf "$tmp"
  rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/kerassharp*/"$version"
  rm -rf "$HOME"/.local/share/dotnet/runfile/pkg-consumer-* "$HOME"/.local/share/dotnet/runfile/pkg-nonative-*
}
trap cleanup EXIT
passed=0; failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; [ -n "${2:-}" ] && tail -25 "$2"; failed=$((failed + 1)); }

feed="${KS_FEED_DIR:-$tmp/feed}"
if ! KS_PACK_ARGS="-p:Version=$version" bash packaging/pack.sh "$feed" > "$tmp/pack.txt" 2>&1; then
  fail "pack" "$tmp/pack.txt"; echo "packages: $passed passed, $failed failed"; exit 1
fi
ok "pack ($version)"

# 1. contents
nupkg="$feed/KerasSharp.$version.nupkg"
listing="$(unzip -l "$nupkg")"; nuspec="$(unzip -p "$nupkg" KerasSharp.nuspec)"
missing=""
for f in README.md icon.png build/KerasSharp.targets buildTransitive/KerasSharp.targets lib/net8.0/KerasSharp.dll lib/net10.0/KerasSharp.dll lib/net10.0/KerasSharp.xml; do
  grep -q " $f\$" <<< "$listing" || missing="$missing $f"
done
for tag in "<readme>README.md</readme>" "<icon>icon.png</icon>" '<license type="expression">MIT</license>' "<tags>keras " '<repository type="git"'; do
  grep -qF "$tag" <<< "$nuspec" || missing="$missing nuspec:$tag"
done
[ -f "$feed/KerasSharp.$version.snupkg" ] || missing="$missing KerasSharp.$version.snupkg"
if [ -z "$missing" ]; then ok "KerasSharp package contents"; else echo "missing:$missing"; fail "KerasSharp package contents"; fi

# 2. meta-packages
meta_ok=1
check_meta() {
  local id="$1"; shift
  local spec; spec="$(unzip -p "$feed/$id.$version.nupkg" "$id.nuspec")"
  grep -qF "<dependency id=\"KerasSharp\" version=\"$version\"" <<< "$spec" || { echo "$id: no KerasSharp $version dependency"; meta_ok=0; }
  for dep in "$@"; do
    grep -qF "<dependency id=\"$dep\" version=\"$libtorch\"" <<< "$spec" || { echo "$id: no $dep $libtorch dependency"; meta_ok=0; }
  done
}
check_meta KerasSharp.Cpu libtorch-cpu-linux-x64 libtorch-cpu-win-x64 libtorch-cpu-osx-arm64
check_meta KerasSharp.Cuda.Linux libtorch-cuda-12.8-linux-x64
check_meta KerasSharp.Cuda.Windows libtorch-cuda-12.8-win-x64
if [ "$meta_ok" = 1 ]; then ok "meta-packages' dependencies"; else fail "meta-packages' dependencies"; fi

cat > "$tmp/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="kerassharp-local" value="$feed" /></packageSources></configuration>
XML
fit_code='var model = Sequential().Add(Input(4)).Add(Dense(5, "sigmoid")).Add(Dense(2, "sigmoid"));
model.Compile("adam", "mse");
var h = model.Fit(torch.rand(64, 4), torch.rand(64, 2), epochs: 2, verbose: 0);'

# 3. .NET 10 script from the feed, TorchSharp first
mkdir -p "$tmp/script" && cp "$tmp/nuget.config" "$tmp/script/"
cat > "$tmp/script/pkg-consumer.cs" <<CS
#:package KerasSharp@$version
#:package libtorch-cpu-$rid@$libtorch
using TorchSharp;
using static KerasSharp.Keras;
var first = torch.ones(3).sum().item<float>();   // TorchSharp before any KerasSharp type
$fit_code
System.Console.WriteLine("package consumer ok: " + first + " " + h["loss"].Count + " params " + model.CountParams());
CS
if (cd "$tmp/script" && timeout 600 dotnet run pkg-consumer.cs) > "$tmp/script.txt" 2>&1 && grep -q "package consumer ok: 3 2 params 37" "$tmp/script.txt"; then
  ok ".NET 10 script from the feed (TorchSharp called first)"
else
  fail ".NET 10 script from the feed (TorchSharp called first)" "$tmp/script.txt"
fi

# 4. .NET 8 console app from the feed
mkdir -p "$tmp/app8" && cp "$tmp/nuget.config" "$tmp/app8/"
cat > "$tmp/app8/app8.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings>
    <RollForward>Major</RollForward></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="KerasSharp" Version="$version" />
    <PackageReference Include="libtorch-cpu-$rid" Version="$libtorch" />
  </ItemGroup>
</Project>
XML
cat > "$tmp/app8/Program.cs" <<CS
using TorchSharp;
using static KerasSharp.Keras;
$fit_code
Console.WriteLine("net8 consumer ok: " + h["loss"].Count + " params " + model.CountParams() + " on " + Environment.Version.Major);
CS
if (cd "$tmp/app8" && timeout 600 dotnet run -c Release) > "$tmp/app8.txt" 2>&1 && grep -q "net8 consumer ok: 2 params 37" "$tmp/app8.txt"; then
  ok ".NET 8 app from the feed"
else
  fail ".NET 8 app from the feed" "$tmp/app8.txt"
fi

# 5. no native package: KerasSharp's error
mkdir -p "$tmp/nonative" && cp "$tmp/nuget.config" "$tmp/nonative/"
cat > "$tmp/nonative/pkg-nonative.cs" <<CS
#:package KerasSharp@$version
using static KerasSharp.Keras;
try { Dense(2); System.Console.WriteLine("unexpected: no error"); }
catch (System.DllNotFoundException e) { System.Console.WriteLine("error: " + e.Message); }
CS
(cd "$tmp/nonative" && timeout 600 dotnet run pkg-nonative.cs) > "$tmp/nonative.txt" 2>&1
if grep -q "KerasSharp.Cpu" "$tmp/nonative.txt" && grep -q "libtorch-cpu-$rid" "$tmp/nonative.txt"; then
  ok "no native package: KerasSharp's error names the packages"
else
  fail "no native package: KerasSharp's error names the packages" "$tmp/nonative.txt"
fi

# 6. KerasSharp.Interactive
inupkg="$feed/KerasSharp.Interactive.$version.nupkg"
ilisting="$(unzip -l "$inupkg" 2>&1)"; inuspec="$(unzip -p "$inupkg" KerasSharp.Interactive.nuspec 2>&1)"
imissing=""
for f in interactive-extensions/dotnet/extension.dib lib/net8.0/KerasSharp.Interactive.dll lib/net10.0/KerasSharp.Interactive.dll README.md icon.png; do
  grep -q " $f\$" <<< "$ilisting" || imissing="$imissing $f"
done
grep -qF "<dependency id=\"KerasSharp.Plots\" version=\"$version\"" <<< "$inuspec" || imissing="$imissing nuspec:KerasSharp.Plots-dependency"
grep -qF "<dependency id=\"Microsoft.DotNet.Interactive" <<< "$inuspec" && imissing="$imissing nuspec:no-Microsoft.DotNet.Interactive-dependency"
unzip -p "$inupkg" interactive-extensions/dotnet/extension.dib 2>/dev/null | grep -q "KerasSharp.Interactive.NotebookFormatters.Register();" \
  || imissing="$imissing extension.dib:Register"
if [ -z "$imissing" ]; then ok "KerasSharp.Interactive package contents"; else echo "missing:$imissing"; fail "KerasSharp.Interactive package contents"; fi

echo "packages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
