#!/usr/bin/env bash
# Executes every notebook in docs/notebooks headless, as a reader's Jupyter would, against the packages packed from
# this repository, and checks what they show. Prints one line per notebook and "notebooks: N passed, N failed,
# N skipped"; exits non-zero on failure. Installs what it needs itself:
#   - Jupyter's notebook runner from Debian (jupyter-nbconvert, python3-nbclient, python3-nbformat, jupyter-client);
#   - the .NET kernel: the Microsoft.dotnet-interactive tool from NuGet, registered with `jupyter install`.
# When a tool cannot be installed (no network, not root) the notebooks count as skipped, never as passed.
# The packages: KS_NOTEBOOK_FEED names a folder where .ci/packages.sh packed them (.ci/run passes its feed); without
# it they are packed here (packaging/pack.sh). Each notebook's first cell references the nuget.org packages
# (KerasSharp.Cpu, KerasSharp.Interactive at the repo's version); the copy executed here points that cell at the local
# feed with `#i "nuget: <feed>"`, at the packed version, and at this OS's LibTorch package only (KerasSharp plus
# libtorch-cpu-<rid>, which is what KerasSharp.Cpu brings for this OS) rather than downloading all three OSes' natives.
# Checks per notebook: no error output and no compiler diagnostics; at least one image/png output; each cell that
# runs Fit with its progress bar (no `verbose: 0`) shows the live progress display (one output updated in place,
# holding Keras' final progbar line). KS_NOTEBOOK_OUTPUT=DIR keeps the executed notebooks there.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
tmp="$(mktemp -d)"
interactive_version="${KS_DOTNET_INTERACTIVE_VERSION:-1.0.712001}"
tools="${KS_NOTEBOOK_TOOLS:-$HOME/.cache/kerassharp-ci/dotnet-interactive-$interactive_version}"
libtorch="$(sed -n 's:.*<LibTorchVersion>\(.*\)</LibTorchVersion>.*:\1:p' Directory.Build.props)"
rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
notebooks=(docs/notebooks/*.ipynb)
version=""
cleanup() {
  rm -rf "$tmp"
  [ -n "$version" ] && rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/kerassharp*/"$version"
}
trap cleanup EXIT
trap "exit 143" TERM INT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
passed=0; failed=0; skipped=0

skip_all() {
  echo "SKIP all notebooks: $1"
  skipped=${#notebooks[@]}
  echo "notebooks: $passed passed, $failed failed, $skipped skipped"
  exit 0
}

# 1. Jupyter (Debian's packages).
jupyter=/usr/bin/jupyter
if [ ! -x /usr/bin/jupyter-nbconvert ] || ! /usr/bin/python3 -c "import nbclient, nbformat, jupyter_client" 2>/dev/null; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get > /dev/null; then
    skip_all "Jupyter is not installed and apt-get cannot be run here (needs root on Debian/Ubuntu)"
  fi
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
         jupyter-nbconvert python3-nbclient python3-nbformat jupyter-client jupyter-core; } > "$tmp/apt.txt" 2>&1; then
    tail -5 "$tmp/apt.txt"
    skip_all "could not install Jupyter from Debian's packages (no network?)"
  fi
fi

# 2. The .NET kernel (Microsoft.dotnet-interactive from NuGet), its kernel specs in a private Jupyter folder.
if [ ! -x "$tools/dotnet-interactive" ]; then
  if ! dotnet tool install --tool-path "$tools" Microsoft.dotnet-interactive --version "$interactive_version" > "$tmp/tool.txt" 2>&1; then
    tail -5 "$tmp/tool.txt"
    skip_all "could not install the Microsoft.dotnet-interactive tool $interactive_version from NuGet (no network?)"
  fi
fi
export PATH="$tools:$PATH"                 # the kernel spec starts `dotnet interactive jupyter ...`
export JUPYTER_PATH="$tmp/jupyter"
export JUPYTER_DATA_DIR="$tmp/jupyter-data" JUPYTER_RUNTIME_DIR="$tmp/jupyter-runtime"
mkdir -p "$JUPYTER_PATH/kernels"
if ! dotnet-interactive jupyter install --path "$JUPYTER_PATH/kernels" > "$tmp/kernelspec.txt" 2>&1 \
   || [ ! -f "$JUPYTER_PATH/kernels/.net-csharp/kernel.json" ]; then
  cat "$tmp/kernelspec.txt"
  echo "FAIL registering the .NET kernel with Jupyter"
  echo "notebooks: 0 passed, ${#notebooks[@]} failed, 0 skipped"
  exit 1
fi

# 3. The packages: the feed .ci/packages.sh packed, or packed here.
feed="${KS_NOTEBOOK_FEED:-}"
if [ -n "$feed" ] && ls "$feed"/KerasSharp.Interactive.*.nupkg > /dev/null 2>&1; then
  version="$(basename "$(ls "$feed"/KerasSharp.Interactive.*.nupkg | head -1)" .nupkg)"
  version="${version#KerasSharp.Interactive.}"
else
  feed="$tmp/feed"
  version="0.1.0-nb$(date +%s)"
  if ! KS_PACK_ARGS="-p:Version=$version" bash packaging/pack.sh "$feed" > "$tmp/pack.txt" 2>&1; then
    tail -25 "$tmp/pack.txt"
    echo "FAIL packing the packages"
    echo "notebooks: 0 passed, ${#notebooks[@]} failed, 0 skipped"
    exit 1
  fi
fi
feed="$(cd "$feed" && pwd)"
echo "packages $version from $feed; dotnet-interactive $interactive_version; LibTorch $libtorch ($rid)"

# 4. Execute and check each notebook.
mkdir -p "$tmp/run" "$tmp/out"
for notebook in "${notebooks[@]}"; do
  name="$(basename "$notebook")"
  start=$(date +%s)
  if ! /usr/bin/python3 - "$notebook" "$tmp/run/$name" "$feed" "$version" "$rid" "$libtorch" > "$tmp/prepare.txt" 2>&1 <<'PY'
import json, re, sys
src, dst, feed, version, rid, libtorch = sys.argv[1:]
nb = json.load(open(src, encoding="utf-8"))
first = next(c for c in nb["cells"] if c["cell_type"] == "code")
text = "".join(first["source"])
cpu = re.compile(r'#r "nuget: ?KerasSharp\.Cpu, [^"]+"')
interactive = re.compile(r'#r "nuget: ?KerasSharp\.Interactive, [^"]+"')
if not cpu.search(text) or not interactive.search(text):
    sys.exit(f"{src}: the first code cell must reference KerasSharp.Cpu and KerasSharp.Interactive")
text = cpu.sub(f'#r "nuget: KerasSharp, {version}"\n#r "nuget: libtorch-cpu-{rid}, {libtorch}"', text)
text = interactive.sub(f'#r "nuget: KerasSharp.Interactive, {version}"', text)
first["source"] = f'#i "nuget: {feed}"\n' + text
json.dump(nb, open(dst, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY
  then
    cat "$tmp/prepare.txt"; echo "FAIL $name (first cell)"; failed=$((failed + 1)); continue
  fi
  if ! (cd "$tmp/run" && timeout 600 "$jupyter" nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
          --ExecutePreprocessor.kernel_name=.net-csharp --output-dir "$tmp/out" "$tmp/run/$name") > "$tmp/nbconvert.txt" 2>&1; then
    grep -v -E '^(info|warn): |^      ' "$tmp/nbconvert.txt" | tail -30
    echo "FAIL $name (execution)"; failed=$((failed + 1)); continue
  fi
  if /usr/bin/python3 - "$tmp/out/$name" "$(( $(date +%s) - start ))" <<'PY'
import json, re, sys
nb = json.load(open(sys.argv[1], encoding="utf-8"))
final_bar = re.compile(r"^ *\d+/\d+ ━{20} \d+s \d+(ms|us|s)/step( - \w+: [-\d.e+na]+)*$", re.M)
problems, images, progress = [], 0, 0
text = lambda v: "".join(v) if isinstance(v, list) else (v or "")
for i, cell in enumerate(nb["cells"]):
    if cell["cell_type"] != "code":
        continue
    src = text(cell["source"])
    has_progress = False
    for out in cell.get("outputs", []):
        kind, data = out["output_type"], out.get("data", {})
        if kind == "error":
            problems.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')} {text(out.get('traceback', []))[:400]}")
        if kind == "stream" and out.get("name") == "stderr":
            problems.append(f"cell {i}: stderr: {text(out.get('text'))[:400]}")
        if "image/png" in data:
            images += 1
        if kind == "display_data" and text(data.get("text/html")).startswith('<pre class="kerassharp-progress">') \
           and final_bar.search(text(data.get("text/plain"))):
            has_progress = True
    progress += has_progress
    if ".Fit(" in src and "verbose: 0" not in src and not has_progress:
        problems.append(f"cell {i}: runs Fit with its progress bar but shows no live progress display")
if images == 0:
    problems.append("no image/png output")
if progress == 0:
    problems.append("no live progress display")
for p in problems:
    print("  " + p)
print(f"{images} images, {progress} progress displays, {sys.argv[2]} s")
sys.exit(1 if problems else 0)
PY
  then
    echo "ok   $name"; passed=$((passed + 1))
  else
    echo "FAIL $name (outputs)"; failed=$((failed + 1))
  fi
  if [ -n "${KS_NOTEBOOK_OUTPUT:-}" ]; then mkdir -p "$KS_NOTEBOOK_OUTPUT" && cp "$tmp/out/$name" "$KS_NOTEBOOK_OUTPUT/"; fi
done

echo "notebooks: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
