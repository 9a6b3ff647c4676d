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
# The keras.io developer guides, ported cell by cell (examples/guides/).
check guides/sequential_model "--quick" "3-layer model on ones(3, 3) gives shape (3, 4)" "after pop, 2 layers" \
  "number of weights after calling the model: 6" "conv stack output shape (None, 4, 4, 32)" \
  "feature extractor returns 3 feature maps, last (1, 119, 119, 32)" \
  "2 trainable weights; frozen layer unchanged: True, last layer updated: True" "guide ok"
# functional_api: the parameter counts are those of the Keras guide's summaries.
check guides/functional_api "--quick" "mnist_model params 55050" "plot_model wrote 2 pictures, png: True" "plot_model pictures written: 4" "reloaded predictions equal: True" \
  "encoder params 18672, autoencoder params 28241, autoencoder output (None, 28, 28, 1)" \
  "equals decoder(encoder(x)): True" "ensemble equals the mean of its 3 models: True" \
  "multi-input model trained, outputs priority (3, 1) department (3, 4)" "toy_resnet params 223242" \
  "from_config rebuilt a CustomDense with output (None, 10)" "CustomRNN inside a functional model, output (16, 8, 1)" "guide ok"
check guides/training_with_built_in_methods "--quick" "loss decreased: True" "predictions shape: (3, 10)" \
  "CustomMSE subclass equals mse + 0.1 * reg: True" "equals the argmax count" "add_loss term included in the loss: True" \
  "compiled without a loss, LogisticEndpoint trained" "steps_per_epoch=10 ran 30 batches in 3 epochs" \
  "validation dataset with validation_steps=10 logged loss, sparse_categorical_accuracy, val_loss, val_sparse_categorical_accuracy" \
  "plot_model wrote a png: True" "an output without a loss needs no targets, logged loss" \
  "PyDataset of 40 batches trained" "weighted loss is sum(w * loss) / n: True, differs from unweighted: True" \
  "multi-output fit on dicts logged loss, score_output_loss, class_output_loss" "LossHistory recorded 20 batch losses (expected 20)" \
  "Restoring from model-loss=" "ExponentialDecay at step 100000 = 0.0960, at step 250000 = 0.0922" "guide ok"
check guides/making_new_layers_and_models_via_subclassing "--quick" "linear_layer.weights == [w, b]: True" \
  "ComputeSum after two calls [4, 4]" "MLPBlock tracks 6 weights, 6 trainable" \
  "losses 0 before the call, 1 after, 1 after a second call: True" "equals 1e-3 * sum(kernel^2): True" \
  "fit loss is mse + activity loss: True" "fit loss is the activity loss alone: True" \
  "Linear.from_config gives a Linear with units 64" "CustomDropout is the identity in inference: True, drops in training: True" \
  "VAE custom loop mean loss" "decreased: True; output (3, 784)" "guide ok"
check guides/writing_your_own_callbacks "--quick" \
  "End epoch 0 of training; got log keys: [loss, mean_absolute_error, val_loss, val_mean_absolute_error]" \
  "train_begin 1, epoch_begin 1, train_batch_end 4, test_begin 2, test_batch_end 6, predict_batch_end 2, predict_end 1" \
  "equals the running loss of its last batch: True" "of 30 epochs: True; stopped one epoch after the best" \
  "restored weights are the best epoch's: True" \
  "learning rates per epoch [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.01, 0.01, 0.01, 0.005, 0.005, 0.005, 0.001, 0.001, 0.001]" "guide ok"
check guides/custom_train_step_in_torch "--quick" "first example logged loss, mae" "Metrics lists a \"loss\" tracker as Keras 3's does: True" "lower-level step logged loss, mae" "loss decreased over 5 epochs: True" \
  "sample-weighted step received weights in 96 of 96 steps" "mae equals the mean |error|: True" \
  "generator output (None, 28, 28, 1), discriminator output (None, 1)" "GAN logged d_loss, g_loss" \
  "discriminator updated True, generator updated True; 2 steps" "guide ok"
check guides/serialization_and_saving "--quick" "reconstructed predictions equal: True" \
  "reloaded optimizer adam after 4 iterations (original 4)" "registered subclassed model reloaded as CustomModel, predictions equal: True" \
  "custom layer and registered custom_fn reloaded, predictions equal: True" "custom_objects argument: predictions equal: True" \
  "custom_object_scope: predictions equal: True" "without custom objects the unknown class is refused: True" \
  "same config: True" "model_from_json round trip keeps the JSON: True" "clone_model has fresh weights: True, same architecture: True" \
  "functional -> subclassed transfer gives equal outputs: True" "save_weights / load_weights restores the predictions: True" \
  "transfer learning loaded the pretrained body: True; new head output (None, 5)" \
  "custom variables reloaded equal: True" "custom assets reloaded equal: True" \
  "custom build reloaded: layer_init random_normal, input shape (None, 8), equal: True" \
  "custom compile reloaded: optimizer equal: True, loss_fn equal: True, optimizer state kept: True" "guide ok"
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
