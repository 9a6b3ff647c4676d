#:project ../../src/KerasSharp/KerasSharp.csproj
// Keras guide "Writing your own callbacks" (keras.io/guides/writing_your_own_callbacks, keras-io
// guides/writing_your_own_callbacks.py), ported cell by cell to KerasSharp. MNIST is replaced by generated data of its
// shapes (784 values in [0, 1], labels 0..9 from a fixed random linear "teacher") so that the script needs no network.
// Run from the repository root: dotnet run examples/guides/writing_your_own_callbacks.cs [--quick]
using System.Globalization;
using KerasSharp;
using KerasSharp.Callbacks;
using KerasSharp.Layers;
using KerasSharp.Optimizers;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
bool quick = args.Contains("--quick");
Keras.Utils.SetRandomSeed(1337);

// Define the Keras model to add callbacks to
Model GetModel()
{
    var model = new Sequential();
    model.Add(new Input(784));
    model.Add(new Dense(1));
    model.Compile(optimizer: new RMSprop(learningRate: 0.1), loss: "mean_squared_error", metrics: ["mean_absolute_error"]);
    return model;
}

// Load example MNIST data and pre-process it: generated data of MNIST's shapes (see the header).
var teacher = randn(784, 10);
var xTrain = rand(60000 / (quick ? 60 : 6), 784);
var xTest = rand(10000 / (quick ? 60 : 6), 784);
var yTrain = xTrain.matmul(teacher).argmax(1).to(float32);
var yTest = xTest.matmul(teacher).argmax(1).to(float32);
// Limit the data to 1000 samples
xTrain = xTrain[..1000];
yTrain = yTrain[..1000];
xTest = xTest[..Math.Min(1000, (int)xTest.shape[0])];
yTest = yTest[..Math.Min(1000, (int)yTest.shape[0])];

// ## An overview of callback methods: a basic example
var custom = new CustomCallback();
var model = GetModel();
model.Fit(xTrain, yTrain, batchSize: 128, epochs: 1, verbose: 0, validationSplit: 0.5, callbacks: [custom]);
var res = model.Evaluate(xTest, yTest, batchSize: 128, verbose: 0, callbacks: [custom]);
var prediction = model.Predict(xTest, batchSize: 128, callbacks: [custom], verbose: 0);
Console.WriteLine($"callbacks: fit/evaluate/predict called {custom.Calls.Count} hooks: train_begin {custom.Count("on_train_begin")}, epoch_begin {custom.Count("on_epoch_begin")}, " +
    $"train_batch_end {custom.Count("on_train_batch_end")}, test_begin {custom.Count("on_test_begin")}, test_batch_end {custom.Count("on_test_batch_end")}, " +
    $"predict_batch_end {custom.Count("on_predict_batch_end")}, predict_end {custom.Count("on_predict_end")}");

// ### Usage of logs dict
model = GetModel();
var printing = new LossAndErrorPrintingCallback();
model.Fit(xTrain, yTrain, batchSize: 128, epochs: 2, verbose: 0, callbacks: [printing]);
res = model.Evaluate(xTest, yTest, batchSize: 128, verbose: 0, callbacks: [printing]);
Console.WriteLine($"callbacks: the last epoch's logged loss {printing.LastEpochLoss:F4} equals the running loss of its last batch: {Math.Abs(printing.LastEpochLoss - printing.LastBatchLoss) < 1e-9}");

// ## Usage of self.model attribute
// ### Early stopping at minimum loss
model = GetModel();
var stopper = new EarlyStoppingAtMinLoss();
var history = model.Fit(xTrain, yTrain, batchSize: 64, epochs: 30, verbose: 0, callbacks: [new LossAndErrorPrintingCallback(), stopper]);
int ran = history["loss"].Count;
int bestEpoch = Enumerable.Range(0, ran).MinBy(e => history["loss"][e]);
var restoredLoss = model.Evaluate(xTrain, yTrain, batchSize: 64, verbose: 0)["loss"];
Console.WriteLine($"callbacks: EarlyStoppingAtMinLoss stopped after {ran} of 30 epochs: {ran < 30}; stopped one epoch after the best (epoch {bestEpoch + 1}): {ran == bestEpoch + 2}");
Console.WriteLine($"callbacks: restored weights are the best epoch's: {stopper.RestoredBest}");

// ### Learning rate scheduling
var lrSchedule = new (int Epoch, double Lr)[]
{
    // (epoch to start, learning rate) tuples
    (3, 0.05), (6, 0.01), (9, 0.005), (12, 0.001),
};
double LrSchedule(int epoch, double lr)
{
    // Helper function to retrieve the scheduled learning rate based on epoch.
    if (epoch < lrSchedule[0].Epoch || epoch > lrSchedule[^1].Epoch) return lr;
    foreach (var (start, value) in lrSchedule)
        if (epoch == start) return value;
    return lr;
}
model = GetModel();
var scheduler = new CustomLearningRateScheduler(LrSchedule);
model.Fit(xTrain, yTrain, batchSize: 64, epochs: 15, verbose: 0, callbacks: [new LossAndErrorPrintingCallback(), scheduler]);
Console.WriteLine($"callbacks: learning rates per epoch [{string.Join(", ", scheduler.Rates.Select(r => r.ToString("0.###")))}]");
Console.WriteLine($"callbacks: final optimizer learning rate {model.Optimizer!.LearningRate:0.###}");

// ### Built-in Keras callbacks: see KerasSharp.Callbacks (ModelCheckpoint, EarlyStopping, ReduceLROnPlateau, CSVLogger, ...).
Console.WriteLine("guide ok");

/// <summary>Prints every hook Fit, Evaluate and Predict call, with the keys of its logs.</summary>
sealed class CustomCallback : Callback
{
    public readonly List<string> Calls = [];
    public int Count(string hook) => Calls.Count(c => c == hook);
    private void Log(string hook, string message) { Calls.Add(hook); Console.WriteLine(message); }
    static string Keys(Logs logs) => "[" + string.Join(", ", logs.Keys) + "]";
    public override void OnTrainBegin(Logs logs) => Log("on_train_begin", $"Starting training; got log keys: {Keys(logs)}");
    public override void OnTrainEnd(Logs logs) => Log("on_train_end", $"Stop training; got log keys: {Keys(logs)}");
    public override void OnEpochBegin(int epoch, Logs logs) => Log("on_epoch_begin", $"Start epoch {epoch} of training; got log keys: {Keys(logs)}");
    public override void OnEpochEnd(int epoch, Logs logs) => Log("on_epoch_end", $"End epoch {epoch} of training; got log keys: {Keys(logs)}");
    public override void OnTestBegin(Logs logs) => Log("on_test_begin", $"Start testing; got log keys: {Keys(logs)}");
    public override void OnTestEnd(Logs logs) => Log("on_test_end", $"Stop testing; got log keys: {Keys(logs)}");
    public override void OnPredictBegin(Logs logs) => Log("on_predict_begin", $"Start predicting; got log keys: {Keys(logs)}");
    public override void OnPredictEnd(Logs logs) => Log("on_predict_end", $"Stop predicting; got log keys: {Keys(logs)}");
    public override void OnTrainBatchBegin(int batch, Logs logs) => Log("on_train_batch_begin", $"...Training: start of batch {batch}; got log keys: {Keys(logs)}");
    public override void OnTrainBatchEnd(int batch, Logs logs) => Log("on_train_batch_end", $"...Training: end of batch {batch}; got log keys: {Keys(logs)}");
    public override void OnTestBatchBegin(int batch, Logs logs) => Log("on_test_batch_begin", $"...Evaluating: start of batch {batch}; got log keys: {Keys(logs)}");
    public override void OnTestBatchEnd(int batch, Logs logs) => Log("on_test_batch_end", $"...Evaluating: end of batch {batch}; got log keys: {Keys(logs)}");
    public override void OnPredictBatchBegin(int batch, Logs logs) => Log("on_predict_batch_begin", $"...Predicting: start of batch {batch}; got log keys: {Keys(logs)}");
    public override void OnPredictBatchEnd(int batch, Logs logs) => Log("on_predict_batch_end", $"...Predicting: end of batch {batch}; got log keys: {Keys(logs)}");
}

/// <summary>Prints the running loss after each batch and the epoch's loss and mean absolute error.</summary>
sealed class LossAndErrorPrintingCallback : Callback
{
    public double LastBatchLoss, LastEpochLoss;
    public override void OnTrainBatchEnd(int batch, Logs logs)
    {
        LastBatchLoss = logs["loss"];
        Console.WriteLine($"Up to batch {batch}, the average loss is {logs["loss"],7:F2}.");
    }
    public override void OnTestBatchEnd(int batch, Logs logs) =>
        Console.WriteLine($"Up to batch {batch}, the average loss is {logs["loss"],7:F2}.");
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        LastEpochLoss = logs["loss"];
        Console.WriteLine($"The average loss for epoch {epoch} is {logs["loss"],7:F2} and mean absolute error is {logs["mean_absolute_error"],7:F2}.");
    }
}

/// <summary>Stop training when the loss is at its min, i.e. the loss stops decreasing.</summary>
/// <param name="patience">Number of epochs to wait after min has been hit. After this number of no improvement, training stops.</param>
sealed class EarlyStoppingAtMinLoss(int patience = 0) : Callback
{
    // best_weights to store the weights at which the minimum loss occurs.
    private IReadOnlyList<Tensor>? bestWeights;
    private int wait, stoppedEpoch;
    private double best;
    public bool RestoredBest { get; private set; }

    public override void OnTrainBegin(Logs logs)
    {
        wait = 0;            // The number of epoch it has waited when loss is no longer minimum.
        stoppedEpoch = 0;    // The epoch the training stops at.
        best = double.PositiveInfinity;   // Initialize the best as infinity.
    }

    public override void OnEpochEnd(int epoch, Logs logs)
    {
        var current = logs["loss"];
        if (current < best)
        {
            best = current;
            wait = 0;
            // Record the best weights if current results is better (less).
            bestWeights = Model.GetWeights().Select(w => w.clone()).ToList();
        }
        else
        {
            wait++;
            if (wait >= patience)
            {
                stoppedEpoch = epoch;
                Model.StopTraining = true;
                Console.WriteLine("Restoring model weights from the end of the best epoch.");
                Model.SetWeights(bestWeights!);
                RestoredBest = Model.GetWeights().Zip(bestWeights!).All(p => p.First.equal(p.Second).all().item<bool>());
            }
        }
    }

    public override void OnTrainEnd(Logs logs)
    {
        if (stoppedEpoch > 0) Console.WriteLine($"Epoch {stoppedEpoch + 1:00000}: early stopping");
    }
}

/// <summary>Learning rate scheduler which sets the learning rate according to schedule(epoch, lr).</summary>
sealed class CustomLearningRateScheduler(Func<int, double, double> schedule) : Callback
{
    public readonly List<double> Rates = [];
    public override void OnEpochBegin(int epoch, Logs logs)
    {
        // Get the current learning rate from model's optimizer.
        double lr = Model.Optimizer!.LearningRate;
        // Call schedule function to get the scheduled learning rate.
        double scheduledLr = schedule(epoch, lr);
        // Set the value back to the optimizer before this epoch starts
        Model.Optimizer.LearningRate = scheduledLr;
        Rates.Add(scheduledLr);
        Console.WriteLine($"\nEpoch {epoch:00000}: Learning rate is {scheduledLr,6:F4}.");
    }
}
