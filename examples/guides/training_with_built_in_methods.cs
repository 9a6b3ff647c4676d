#:project ../../src/KerasSharp/KerasSharp.csproj
#:project ../../src/KerasSharp.Plots/KerasSharp.Plots.csproj
// Keras guide "Training & evaluation with the built-in methods" (keras.io/guides/training_with_built_in_methods,
// keras-io guides/training_with_built_in_methods.py), ported cell by cell to KerasSharp.
// MNIST is replaced by generated data of its shapes (784 pixels in [0, 1], labels 0..9) so that the script needs no
// network; the labels come from a fixed random linear "teacher" so that the models can learn them and the losses fall.
// tf.data Datasets become IEnumerable<DataBatch> streams (KerasSharp's form of a dataset).
// Run from the repository root: dotnet run examples/guides/training_with_built_in_methods.cs [--quick]
using System.Globalization;
using KerasSharp;
using KerasSharp.Callbacks;
using KerasSharp.Data;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
bool quick = args.Contains("--quick");
Keras.Utils.SetRandomSeed(1337);
string Dims(Tensor t) => $"({string.Join(", ", t.shape)})";
string Fmt(IEnumerable<double> v) => string.Join(", ", v.Select(d => d.ToString("F4")));
var workDir = Directory.CreateTempSubdirectory("training_guide_").FullName;

// ## API overview: a first end-to-end example
var inputs = new Input(784, name: "digits");
var x = new Dense(64, activation: "relu", name: "dense_1").Apply(inputs);
x = new Dense(64, activation: "relu", name: "dense_2").Apply(x);
var outputs = new Dense(10, activation: "softmax", name: "predictions").Apply(x);
var model = new Model(inputs: inputs, outputs: outputs);

// keras.datasets.mnist.load_data() replaced by generated data (see the header).
int nTrain = quick ? 1500 : 60000, nTest = quick ? 500 : 10000, nVal = nTrain / 6;
var teacher = randn(784, 10);
Tensor Labels(Tensor images) => images.matmul(teacher).argmax(1);
var xTrain = rand(nTrain, 784);
var xTest = rand(nTest, 784);
var yTrain = Labels(xTrain).to(float32);
var yTest = Labels(xTest).to(float32);
// Reserve samples for validation (the guide's last 10,000 of 60,000)
var xVal = xTrain[(nTrain - nVal)..];
var yVal = yTrain[(nTrain - nVal)..];
xTrain = xTrain[..(nTrain - nVal)];
yTrain = yTrain[..(nTrain - nVal)];

model.Compile(
    optimizer: new RMSprop(),                         // Optimizer
    loss: new SparseCategoricalCrossentropy(),        // Loss function to minimize
    metrics: [new SparseCategoricalAccuracy()]);      // List of metrics to monitor

Console.WriteLine("Fit model on training data");
var history = model.Fit(xTrain, yTrain, batchSize: 64, epochs: 2,
    // We pass some validation for monitoring validation loss and metrics at the end of each epoch
    validationData: (xVal, yVal), verbose: 2);
foreach (var (key, values) in history) Console.WriteLine($"  history[{key}] = [{Fmt(values)}]");
Console.WriteLine($"training: history keys {string.Join(", ", history.Keys)}; loss decreased: {history["loss"][1] < history["loss"][0]}");

// Evaluate the model on the test data using `evaluate`
Console.WriteLine("Evaluate on test data");
var results = model.Evaluate(xTest, yTest, batchSize: 128, verbose: 0);
Console.WriteLine($"test loss, test acc: [{Fmt(results.Values)}]");
// Generate predictions (probabilities -- the output of the last layer) on new data using `predict`
Console.WriteLine("Generate predictions for 3 samples");
var predictions = model.Predict(xTest[..3], verbose: 0);
Console.WriteLine($"training: predictions shape: {Dims(predictions)}");

// ## The compile() method: specifying a loss, metrics, and an optimizer
model.Compile(optimizer: new RMSprop(learningRate: 1e-3), loss: new SparseCategoricalCrossentropy(),
    metrics: [new SparseCategoricalAccuracy()]);
// string identifiers as a shortcut
model.Compile(optimizer: "rmsprop", loss: "sparse_categorical_crossentropy", metrics: ["sparse_categorical_accuracy"]);

Model GetUncompiledModel()
{
    var inputs = new Input(784, name: "digits");
    var x = new Dense(64, activation: "relu", name: "dense_1").Apply(inputs);
    x = new Dense(64, activation: "relu", name: "dense_2").Apply(x);
    var outputs = new Dense(10, activation: "softmax", name: "predictions").Apply(x);
    return new Model(inputs: inputs, outputs: outputs);
}
Model GetCompiledModel()
{
    var model = GetUncompiledModel();
    model.Compile(optimizer: "rmsprop", loss: "sparse_categorical_crossentropy", metrics: ["sparse_categorical_accuracy"]);
    return model;
}

// ### Custom losses
static Tensor CustomMeanSquaredError(Tensor yTrue, Tensor yPred) => (yTrue - yPred).square().mean();
model = GetUncompiledModel();
model.Compile(optimizer: new Adam(), loss: CustomMeanSquaredError);
// We need to one-hot encode the labels to use MSE
var yTrainOneHot = Keras.Utils.ToCategorical(yTrain, numClasses: 10);
history = model.Fit(xTrain, yTrainOneHot, batchSize: 64, epochs: 1, verbose: 0);
Console.WriteLine($"training: custom loss function trained, logged {string.Join(", ", history.Keys)} = {history["loss"][0]:F4}");

model = GetUncompiledModel();
model.Compile(optimizer: new Adam(), loss: new CustomMSE());
history = model.Fit(xTrain, yTrainOneHot, batchSize: 64, epochs: 1, verbose: 0);
var pTrain = model.Predict(xTrain, verbose: 0);
double customByHand = ((yTrainOneHot - pTrain).square().mean() + (0.5 - pTrain).square().mean() * 0.1).item<float>();
double customByKeras = new CustomMSE().Compute(yTrainOneHot, pTrain).item<float>();
Console.WriteLine($"training: CustomMSE subclass equals mse + 0.1 * reg: {Math.Abs(customByHand - customByKeras) < 1e-6}");

// ### Custom metrics
model = GetUncompiledModel();
model.Compile(optimizer: new RMSprop(learningRate: 1e-3), loss: new SparseCategoricalCrossentropy(),
    metrics: [new CategoricalTruePositives()]);
history = model.Fit(xTrain, yTrain, batchSize: 64, epochs: quick ? 2 : 3, verbose: 0);
var scores = model.Evaluate(xTest, yTest, verbose: 0);
long correct = model.Predict(xTest, verbose: 0).argmax(1).eq(yTest.to(int64)).sum().item<long>();
Console.WriteLine($"training: categorical_true_positives on the test set {scores["categorical_true_positives"]} equals the argmax count {correct}: {scores["categorical_true_positives"] == correct}");

// ### Handling losses and metrics that don't fit the standard signature
inputs = new Input(784, name: "digits");
x = new Dense(64, activation: "relu", name: "dense_1").Apply(inputs);
// Insert activity regularization as a layer
x = new ActivityRegularizationLayer().Apply(x);
x = new Dense(64, activation: "relu", name: "dense_2").Apply(x);
outputs = new Dense(10, name: "predictions").Apply(x);
model = new Model(inputs: inputs, outputs: outputs);
model.Compile(optimizer: new RMSprop(learningRate: 1e-3), loss: new SparseCategoricalCrossentropy(fromLogits: true));
// The displayed loss will be much higher than before due to the regularization component.
var xb = xTrain[..64];
var yb = yTrain[..64];
double batchLoss = model.TestOnBatch(xb, yb)["loss"];
Tensor hidden;
using (no_grad()) hidden = model.GetLayer("dense_1").Apply(xb);
double plainCe = new SparseCategoricalCrossentropy(fromLogits: true).Compute(yb, model.Predict(xb, verbose: 0)).item<float>();
double addedTerm = (hidden.sum() * 0.1).item<float>();
Console.WriteLine($"training: add_loss term included in the loss: {Math.Abs(batchLoss - (plainCe + addedTerm)) < 1e-3 * Math.Max(1, batchLoss)}");
history = model.Fit(xTrain, yTrain, batchSize: 64, epochs: 1, verbose: 0);
Console.WriteLine($"training: with activity regularization, loss {history["loss"][0]:F4}");

// MetricLoggingLayer with self.add_metric(...) and model.add_metric(...), and model.add_loss(symbolic tensor) on a
// functional model: NOT PORTED. These cells are from the tf.keras (Keras 2) guide; Keras 3 has no add_metric, and
// KerasSharp (like Keras 3) has no add_loss on a model from a symbolic tensor: use a layer's AddLoss as above.

// The LogisticEndpoint layer: it takes targets & logits, and tracks a crossentropy loss via add_loss().
inputs = new Input(3, name: "inputs");
var targets = new Input(10, name: "targets");
var logits = new Dense(10).Apply(inputs);
var endpointPredictions = new LogisticEndpoint(name: "predictions").Apply([targets, logits]);
model = new Model(inputs: [inputs, targets], outputs: endpointPredictions);
model.Compile(optimizer: "adam");   // No loss argument!
var data = new Dictionary<string, Tensor> { ["inputs"] = rand(3, 3), ["targets"] = rand(3, 10) };
history = model.Fit(data, null, verbose: 0);
Console.WriteLine($"training: compiled without a loss, LogisticEndpoint trained, loss {history["loss"][0]:F4} (finite: {double.IsFinite(history["loss"][0])})");

// ### Automatically setting apart a validation holdout set
model = GetCompiledModel();
history = model.Fit(xTrain, yTrain, batchSize: 64, validationSplit: 0.2, epochs: 1, verbose: 0);
Console.WriteLine($"training: validation_split logged {string.Join(", ", history.Keys)}");

// ## Training & evaluation from tf.data Datasets: the datasets are streams of batches here.
IEnumerable<DataBatch> Batches(Tensor xs, Tensor ys, int batchSize, bool shuffle, Tensor? sw = null)
{
    var order = shuffle ? randperm(xs.shape[0]) : arange(xs.shape[0]);
    for (long i = 0; i < xs.shape[0]; i += batchSize)
    {
        var idx = order[(int)i..(int)Math.Min(i + batchSize, xs.shape[0])];
        yield return sw is null ? new DataBatch(xs[idx], ys[idx]) : new DataBatch(xs[idx], ys[idx], sw[idx]);
    }
}
model = GetCompiledModel();
// First, let's create a training Dataset instance (shuffled, batches of 64).
var trainDataset = Batches(xTrain, yTrain, 64, shuffle: true);
// Now we get a test dataset.
var testDataset = Batches(xTest, yTest, 64, shuffle: false);
// Since the dataset already takes care of batching, we don't pass a `batch_size` argument.
history = model.Fit(trainDataset, epochs: quick ? 2 : 3, verbose: 0);
Console.WriteLine("Evaluate");
var result = model.Evaluate(testDataset, verbose: 0);
Console.WriteLine($"training: dataset fit over {history["loss"].Count} epochs, evaluate gives {string.Join(", ", result.Keys)}");
// Only use the 100 batches per epoch (that's 64 * 100 samples)
int stepsPerEpoch = quick ? 10 : 100;
var seen = new BatchCounter();
model = GetCompiledModel();
model.Fit(Batches(xTrain, yTrain, 64, shuffle: true), epochs: 3, stepsPerEpoch: stepsPerEpoch, verbose: 0, callbacks: [seen]);
Console.WriteLine($"training: steps_per_epoch={stepsPerEpoch} ran {seen.Batches} batches in 3 epochs");
// Using a validation dataset, and only the first 10 of its batches
var valDataset = Batches(xVal, yVal, 64, shuffle: false);
model = GetCompiledModel();
history = model.Fit(trainDataset, epochs: 1, validationData: valDataset, validationSteps: 10, verbose: 0);
Console.WriteLine($"training: validation dataset with validation_steps=10 logged {string.Join(", ", history.Keys)}");

// ## Using a PyDataset for training & evaluation
var trainPyDataset = new ExamplePyDataset(xTrain, yTrain, batchSize: 32);
var valPyDataset = new ExamplePyDataset(xVal, yVal, batchSize: 32);
model = GetCompiledModel();
history = model.Fit(trainPyDataset, epochs: 1, validationData: valPyDataset, verbose: 0);
Console.WriteLine($"training: PyDataset of {trainPyDataset.Length} batches trained, logged {string.Join(", ", history.Keys)}");
Console.WriteLine($"training: PyDataset evaluate accuracy {model.Evaluate(valPyDataset, verbose: 0)["sparse_categorical_accuracy"]:F4}");
// PyDataset's workers / use_multiprocessing / max_queue_size: constructor arguments of PyDataset (workers,
// maxQueueSize) in KerasSharp; Keras' use_multiprocessing has no counterpart (workers are threads).

// ## Using sample weighting and class weighting
var classWeight = new Dictionary<int, double>
{
    [0] = 1.0, [1] = 1.0, [2] = 1.0, [3] = 1.0, [4] = 1.0,
    // Set weight "2" for class "5", making this class 2x more important
    [5] = 2.0,
    [6] = 1.0, [7] = 1.0, [8] = 1.0, [9] = 1.0,
};
Console.WriteLine("Fit with class weight");
model = GetCompiledModel();
history = model.Fit(xTrain, yTrain, classWeight: classWeight, batchSize: 64, epochs: 1, verbose: 0);
Console.WriteLine($"training: class_weight fit, loss {history["loss"][0]:F4}");

var sampleWeight = ones(yTrain.shape[0]);
sampleWeight[yTrain == 5] = 2.0f;
Console.WriteLine("Fit with sample weight");
model = GetCompiledModel();
history = model.Fit(xTrain, yTrain, sampleWeight: sampleWeight, batchSize: 64, epochs: 1, verbose: 0);
Console.WriteLine($"training: sample_weight fit, loss {history["loss"][0]:F4}");
// Sample weights in a dataset: batches of (x, y, sample_weight)
model = GetCompiledModel();
history = model.Fit(Batches(xTrain, yTrain, 64, shuffle: true, sw: sampleWeight), epochs: 1, verbose: 0);
// With the weights the same model and batch give a different loss than without:
var w0 = ones(64); w0[..32] = 3.0f;
// (TestOnBatch, like Keras' test_on_batch, adds to the running loss of the last epoch: reset it first)
model.ResetMetrics();
double weighted = model.TestOnBatch(xTrain[..64], yTrain[..64], w0)["loss"];
model.ResetMetrics();
double unweighted = model.TestOnBatch(xTrain[..64], yTrain[..64])["loss"];
var perSample = new SparseCategoricalCrossentropy(reduction: "none").Compute(yTrain[..64], model.Predict(xTrain[..64], verbose: 0));
double weightedByHand = (perSample * w0).sum().item<float>() / 64;
Console.WriteLine($"training: dataset with sample weights trained; weighted loss is sum(w * loss) / n: {Math.Abs(weighted - weightedByHand) < 1e-4}, differs from unweighted: {Math.Abs(weighted - unweighted) > 1e-4}");

// ## Passing data to multi-input, multi-output models
var imageInput = new Input([32, 32, 3], name: "img_input");
var timeseriesInput = new Input(new Shape(null, 10), name: "ts_input");
var x1 = new Conv2D(3, 3).Apply(imageInput);
x1 = new GlobalMaxPooling2D().Apply(x1);
var x2 = new Conv1D(3, 3).Apply(timeseriesInput);
x2 = new GlobalMaxPooling1D().Apply(x2);
x = new Concatenate().Apply([x1, x2]);
var scoreOutput = new Dense(1, name: "score_output").Apply(x);
var classOutput = new Dense(5, name: "class_output").Apply(x);
model = new Model(inputs: [imageInput, timeseriesInput], outputs: [scoreOutput, classOutput]);
var plotFile = Path.Combine(Path.GetTempPath(), $"multi_input_and_output_model-{Guid.NewGuid():N}.png");
Keras.Utils.PlotModel(model, plotFile, showShapes: true);
Console.WriteLine($"training: plot_model wrote a png: {File.ReadAllBytes(plotFile).AsSpan(0, 4).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47 })}");
File.Delete(plotFile);

model.Compile(optimizer: new RMSprop(1e-3), loss: new Loss[] { new MeanSquaredError(), new CategoricalCrossentropy() });
// keras.metrics.MeanAbsolutePercentageError / MeanAbsoluteError are named ...Metric in KerasSharp (the loss classes own the plain names).
model.Compile(optimizer: new RMSprop(1e-3), loss: new Loss[] { new MeanSquaredError(), new CategoricalCrossentropy() },
    metrics: new IReadOnlyList<Metric>[]
    {
        [new MeanAbsolutePercentageErrorMetric(), new MeanAbsoluteErrorMetric()],
        [new CategoricalAccuracy()],
    });
model.Compile(optimizer: new RMSprop(1e-3),
    loss: new Dictionary<string, Loss> { ["score_output"] = new MeanSquaredError(), ["class_output"] = new CategoricalCrossentropy() },
    metrics: new Dictionary<string, IReadOnlyList<Metric>>
    {
        ["score_output"] = [new MeanAbsolutePercentageErrorMetric(), new MeanAbsoluteErrorMetric()],
        ["class_output"] = [new CategoricalAccuracy()],
    });
model.Compile(optimizer: new RMSprop(1e-3),
    loss: new Dictionary<string, Loss> { ["score_output"] = new MeanSquaredError(), ["class_output"] = new CategoricalCrossentropy() },
    metrics: new Dictionary<string, IReadOnlyList<Metric>>
    {
        ["score_output"] = [new MeanAbsolutePercentageErrorMetric(), new MeanAbsoluteErrorMetric()],
        ["class_output"] = [new CategoricalAccuracy()],
    },
    lossWeights: new Dictionary<string, double> { ["score_output"] = 2.0, ["class_output"] = 1.0 });
// You could also choose not to compute a loss for certain outputs (loss=[None, CategoricalCrossentropy()] or
// loss={"class_output": CategoricalCrossentropy()}):
// (Keras 3 needs every output's key in a dict; a null value, or null in the list, leaves that output out.)
model.Compile(optimizer: new RMSprop(1e-3), loss: new Loss?[] { null, new CategoricalCrossentropy() });
model.Compile(optimizer: new RMSprop(1e-3), loss: new Dictionary<string, Loss> { ["score_output"] = null!, ["class_output"] = new CategoricalCrossentropy() });
history = model.Fit(new[] { rand(8, 32, 32, 3), rand(8, 20, 10) }, new[] { Keras.Utils.ToCategorical(randint(0, 5, [8]), 5) }, epochs: 1, verbose: 0);
Console.WriteLine($"training: an output without a loss needs no targets, logged {string.Join(", ", history.Keys)}");

model.Compile(optimizer: new RMSprop(1e-3), loss: new Loss[] { new MeanSquaredError(), new CategoricalCrossentropy() });
// Generate dummy data
var imgData = rand(100, 32, 32, 3);
var tsData = rand(100, 20, 10);
var scoreTargets = rand(100, 1);
var classTargets = Keras.Utils.ToCategorical(randint(0, 5, [100]), 5);
// Fit on lists
history = model.Fit(new[] { imgData, tsData }, new[] { scoreTargets, classTargets }, batchSize: 32, epochs: 1, verbose: 0);
Console.WriteLine($"training: multi-output fit on lists logged {string.Join(", ", history.Keys)}");
// Alternatively, fit on dicts
history = model.Fit(
    new Dictionary<string, Tensor> { ["img_input"] = imgData, ["ts_input"] = tsData },
    new Dictionary<string, Tensor> { ["score_output"] = scoreTargets, ["class_output"] = classTargets },
    batchSize: 32, epochs: 1, verbose: 0);
Console.WriteLine($"training: multi-output fit on dicts logged {string.Join(", ", history.Keys)}");
// the Dataset use case: batches of ({"img_input", "ts_input"}, {"score_output", "class_output"})
IEnumerable<DataBatch> DictBatches()
{
    for (int i = 0; i < 100; i += 32)
    {
        int end = Math.Min(i + 32, 100);
        yield return new DataBatch(
            new Dictionary<string, Tensor> { ["img_input"] = imgData[i..end], ["ts_input"] = tsData[i..end] },
            new Dictionary<string, Tensor> { ["score_output"] = scoreTargets[i..end], ["class_output"] = classTargets[i..end] });
    }
}
history = model.Fit(DictBatches(), epochs: 1, verbose: 0);
Console.WriteLine($"training: multi-output fit on a dict dataset, loss {history["loss"][0]:F4}");

// ## Using callbacks
model = GetCompiledModel();
var callbacks = new List<Callback>
{
    new EarlyStopping(
        // Stop training when `val_loss` is no longer improving
        monitor: "val_loss",
        // "no longer improving" being defined as "no better than 1e-2 less"
        minDelta: 1e-2,
        // "no longer improving" being further defined as "for at least 2 epochs"
        patience: 2,
        verbose: 1),
};
history = model.Fit(xTrain, yTrain, epochs: quick ? 4 : 20, batchSize: 64, callbacks: callbacks, validationSplit: 0.2, verbose: 0);
Console.WriteLine($"training: EarlyStopping fit ran {history["loss"].Count} epochs");

// ### Writing your own callback
var lossHistory = new LossHistory();
model = GetCompiledModel();
model.Fit(xTrain, yTrain, epochs: 1, batchSize: 64, callbacks: [lossHistory], verbose: 0);
Console.WriteLine($"training: LossHistory recorded {lossHistory.PerBatchLosses.Count} batch losses (expected {(xTrain.shape[0] + 63) / 64})");

// ## Checkpointing models
model = GetCompiledModel();
callbacks = [
    new ModelCheckpoint(
        // Path where to save the model; "{epoch}" is filled with the epoch number
        filepath: Path.Combine(workDir, "mymodel_{epoch}.keras"),
        saveBestOnly: true,   // Only save a model if `val_loss` has improved.
        monitor: "val_loss",
        verbose: 1),
];
model.Fit(xTrain, yTrain, epochs: 2, batchSize: 64, callbacks: callbacks, validationSplit: 0.2, verbose: 0);
Console.WriteLine($"training: checkpoints written: {string.Join(", ", Directory.GetFiles(workDir, "mymodel_*.keras").Select(Path.GetFileName).Order())}");

// Restore the latest model, or create a new one if there is no checkpoint available.
var checkpointDir = Path.Combine(workDir, "ckpt");
Directory.CreateDirectory(checkpointDir);
Model MakeOrRestoreModel()
{
    var checkpoints = Directory.GetFiles(checkpointDir).OrderBy(File.GetCreationTimeUtc).ToArray();
    if (checkpoints.Length > 0)
    {
        var latest = checkpoints[^1];
        Console.WriteLine($"Restoring from {Path.GetFileName(latest)}");
        return Keras.Models.LoadModel(latest);
    }
    Console.WriteLine("Creating a new model");
    return GetCompiledModel();
}
model = MakeOrRestoreModel();
// This callback saves the model every 100 batches (the filename includes the training loss).
callbacks = [new ModelCheckpoint(filepath: Path.Combine(checkpointDir, "model-loss={loss:.2f}.keras"), saveFreq: quick ? 10 : 100)];
model.Fit(xTrain, yTrain, epochs: 1, callbacks: callbacks, verbose: 0);
var restored = MakeOrRestoreModel();
Console.WriteLine($"training: make_or_restore_model restored a model with {restored.CountParams()} params");

// ## Using learning rate schedules
double initialLearningRate = 0.1;
var lrSchedule = new ExponentialDecay(initialLearningRate, decaySteps: 100000, decayRate: 0.96, staircase: true);
var optimizer = new RMSprop(learningRate: lrSchedule);
Console.WriteLine($"training: ExponentialDecay at step 100000 = {lrSchedule.Call(100000):F4}, at step 250000 = {lrSchedule.Call(250000):F4}");
// ReduceLROnPlateau is the dynamic schedule of the guide's callbacks list; it exists as KerasSharp.Callbacks.ReduceLROnPlateau.

// ## Using TensorBoard to visualize loss and metrics
var tensorboard = new TensorBoard(
    logDir: Path.Combine(workDir, "logs"),
    histogramFreq: 0,      // How often to log histogram visualizations
    embeddingsFreq: 0,     // How often to log embedding visualizations
    updateFreq: "epoch");  // How often to write logs (default: once per epoch)
model = GetCompiledModel();
model.Fit(xTrain[..640], yTrain[..640], epochs: 1, batchSize: 64, callbacks: [tensorboard], verbose: 0);
Console.WriteLine($"training: TensorBoard wrote {Directory.GetFiles(Path.Combine(workDir, "logs"), "*", SearchOption.AllDirectories).Length} event file(s)");
Directory.Delete(workDir, recursive: true);
Console.WriteLine("guide ok");

/// <summary>The guide's Loss subclass: mean squared error plus a penalty on predictions far from 0.5.</summary>
sealed class CustomMSE(double regularizationFactor = 0.1, string name = "custom_mse") : Loss(name)
{
    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        var mse = (yTrue - yPred).square().mean();
        var reg = (0.5 - yPred).square().mean();
        return mse + reg * regularizationFactor;
    }
}

/// <summary>The guide's metric counting the samples classified correctly.</summary>
sealed class CategoricalTruePositives(string name = "categorical_true_positives") : Metric(name)
{
    private double truePositives;   // Keras' add_variable(name="ctp", initializer="zeros")
    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        using var _ = no_grad();
        var predicted = yPred.argmax(1).reshape(-1, 1);
        var values = yTrue.reshape(-1, 1).to(int32).eq(predicted.to(int32)).to(float32);
        if (sampleWeight is not null) values = values * sampleWeight.to(float32).reshape(-1, 1);
        truePositives += values.sum().item<float>();
    }
    public override double Result() => truePositives;
    public override void ResetState() => truePositives = 0;   // reset at the start of each epoch
}

/// <summary>A pass-through layer adding an activity penalty with AddLoss.</summary>
sealed class ActivityRegularizationLayer : Layer
{
    protected override Tensor Call(Tensor inputs, bool training)
    {
        AddLoss(inputs.sum() * 0.1);
        return inputs;   // Pass-through layer.
    }
}

/// <summary>The guide's endpoint layer: takes targets and logits, adds the crossentropy with AddLoss, returns softmax.</summary>
sealed class LogisticEndpoint(string? name = null) : Layer(name)
{
    private readonly BinaryCrossentropy lossFn = new(fromLogits: true);
    // KerasSharp's default Build(IReadOnlyList<Shape>) accepts one input only (Keras' default build accepts any
    // inputs), so a layer with two inputs and no weights says so:
    protected override void Build(IReadOnlyList<Shape> inputShapes) { }
    protected override IReadOnlyList<Tensor> Call(IReadOnlyList<Tensor> inputs, bool training)
    {
        var (targets, logits) = (inputs[0], inputs[1]);
        // Compute the training-time loss value and add it to the layer using AddLoss.
        AddLoss(lossFn.Compute(targets, logits));
        // Return the inference-time prediction tensor (for Predict).
        return [logits.softmax(-1)];
    }
}

/// <summary>Counts training batches.</summary>
sealed class BatchCounter : Callback
{
    public int Batches;
    public override void OnTrainBatchEnd(int batch, Logs logs) => Batches++;
}

/// <summary>The guide's own callback recording the loss of every batch.</summary>
sealed class LossHistory : Callback
{
    public List<double> PerBatchLosses { get; private set; } = [];
    public override void OnTrainBegin(Logs logs) => PerBatchLosses = [];
    public override void OnTrainBatchEnd(int batch, Logs logs) => PerBatchLosses.Add(logs["loss"]);
}

/// <summary>The guide's PyDataset: batches of a pair of arrays.</summary>
sealed class ExamplePyDataset(Tensor x, Tensor y, int batchSize) : PyDataset()
{
    public override int Length => (int)Math.Ceiling(x.shape[0] / (double)batchSize);
    public override DataBatch GetItem(int idx)
    {
        int lo = idx * batchSize;
        int hi = (int)Math.Min(lo + batchSize, x.shape[0]);
        return new DataBatch(x[lo..hi], y[lo..hi]);
    }
}
