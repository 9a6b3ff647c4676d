#!/usr/bin/env bash
# Runs every course example with --quick and checks its key printed numbers.
# Prints one line per example and a summary line "examples: N passed, N failed, N skipped"; exits non-zero on failure.
# The library is built once first so that each file-based example only compiles its own script.
set -uo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0; skipped=0

dotnet build src/KerasSharp.Plots/KerasSharp.Plots.csproj -v q -nologo > "$tmp/build.txt" 2>&1 \
  || { cat "$tmp/build.txt"; echo "examples: 0 passed, 1 failed, 0 skipped (library build failed)"; exit 1; }

# check NAME "ARGS" PATTERN... : runs examples/NAME.cs with ARGS and requires every fixed-string PATTERN in its output.
check() {
  local name="$1" runargs="$2"; shift 2
  local file="examples/$name.cs" out="$tmp/$name.txt"
  if [ ! -f "$file" ]; then echo "SKIP $name (no $file)"; skipped=$((skipped + 1)); return; fi
  mkdir -p "$tmp/$name"
  # shellcheck disable=SC2086
  if ! timeout 300 dotnet run "$file" -- $runargs > "$out" 2>&1; then
    echo "FAIL $name (exit status non-zero)"; tail -20 "$out"; failed=$((failed + 1)); return
  fi
  local p
  for p in "$@"; do
    if ! grep -qF -- "$p" "$out"; then
      echo "FAIL $name (missing \"$p\")"; tail -20 "$out"; failed=$((failed + 1)); return
    fi
  done
  echo "ok   $name"; passed=$((passed + 1))
}

check layer_math "--quick --out $tmp/layer_math" \
  "4x5+5=25" "5x5+5=30" "5x3+3=18" "3x2+2=8" "total parameters by hand: 81" "Total params: 81"
check loss_functions "--quick --out $tmp/loss_functions" \
  "sum (yhat-y)^2   = 2.3032" "sum (yhat-y)^2   = 2.4032" "mean (yhat-y)^2  = 0.23032"
# activations.cs and gradient_descent.cs take only "--out DIR" (as their first argument).
check activations "--out $tmp/activations" "sum of probabilities = 1.0000"
check gradient_descent "--out $tmp/gradient_descent" "Final point: x1 = 2.1189, x2 = -2.0000, f = -1.1431"
check own_framework "--quick --out $tmp/own_framework" "gradient check passed"
check batch_vs_sgd "--quick --out $tmp/batch_vs_sgd" "full-batch"
check classification_lab "--quick --out $tmp/classification_lab" "XOR (not separable)" "(test accuracy)"
check overfitting "--quick --out $tmp/overfitting" "polynomial x..x^6 (7 parameters)   training mse   0.0000" "best epoch" "final validation loss"
check save_and_resume "--quick --out $tmp/save_and_resume" \
  "Checkpoints written: model-01.keras, model-02.keras, model-03.keras" "Loss at the resume point:" \
  "resume matches uninterrupted run: True"
check text_classification_from_scratch "--quick --out $tmp/text_classification_from_scratch" \
  "accuracy above 0.9: True" "reloaded vectorizer matches: True"
check timeseries "--quick --out $tmp/timeseries" \
  "Input shape: (256, 24, 4)" "Target shape: (256, 1)" "Validation MAE (standardized): LSTM" "beats naive baseline: True"
check transfer_learning "--quick --out $tmp/transfer_learning" \
  "Trainable weights with the base frozen: 2 (the base's 0)" "Trainable weights with the base unfrozen: 11 (the base's 9)" \
  "frozen base unchanged: True" "batchnorm statistics unchanged: True" "base weights fine-tuned: True" "accuracy above 0.85: True"
# mnist_mlp.cs takes an epoch count; it needs the MNIST cache (or a download), so it runs only where
# KERASSHARP_EXAMPLES_MNIST=1 is set.
if [ "${KERASSHARP_EXAMPLES_MNIST:-0}" = "1" ]; then
  check mnist_mlp "1" "Test accuracy:"
else
  echo "SKIP mnist_mlp (set KERASSHARP_EXAMPLES_MNIST=1 to run it; needs MNIST)"; skipped=$((skipped + 1))
fi
if [ -f examples/mnist_convnet.cs ] && [ "${KERASSHARP_EXAMPLES_MNIST:-0}" = "1" ]; then
  check mnist_convnet "1" "Test accuracy"
else
  echo "SKIP mnist_convnet"; skipped=$((skipped + 1))
fi

echo "examples: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
