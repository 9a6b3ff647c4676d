#:project ../src/KerasSharp/KerasSharp.csproj
#:project ../src/KerasSharp.Plots/KerasSharp.Plots.csproj
// Timeseries forecasting, after keras.io's "Timeseries forecasting for weather prediction" (Prabhanshu Attri, Yashika
// Sharma, Takshi Chaudhary, Prakhar Kulshreshtha). The tutorial downloads the Jena climate record (one row every 10
// minutes, 14 measurements), standardizes the features with the training part's mean and standard deviation, cuts
// windows of the past 720 steps (5 days) sampled every 6 steps (one per hour) with
// keras.utils.timeseries_dataset_from_array, targets the temperature 72 steps (12 hours) after the window, and trains
// Input -> LSTM(32) -> Dense(1) with Adam and "mse", an EarlyStopping on val_loss and a ModelCheckpoint keeping the
// best weights. Instead of the download this example generates a weather-like record at the same 10-minute rate: a
// temperature with a daily cycle, a slow seasonal drift and a wandering "weather" anomaly (an AR(1) process), a
// pressure that falls when the anomaly warms, a relative humidity that follows the temperature inversely, and a wind
// speed, each with measurement noise. The windows are shorter (1 day, hourly samples; 6 hours ahead) so that the run
// is short. The validation mean absolute error is compared with the naive "the temperature stays as it is" forecast
// (the last temperature in the window), which the LSTM must beat.
// Keras.Utils.Normalize is Keras' keras.utils.normalize (rows scaled to unit L2 norm), not the tutorial's
// standardization, so the features are standardized by hand, as the tutorial's normalize() does.
// Run from the repository root: dotnet run examples/timeseries.cs [--quick] [--out DIR]
using System.Globalization;
using KerasSharp;
using KerasSharp.Callbacks;
using KerasSharp.Optimizers;
using KerasSharp.Plots;
using static KerasSharp.Keras;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
bool quick = args.Contains("--quick");
int outIndex = Array.IndexOf(args, "--out");
string outDir = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : ".";
Directory.CreateDirectory(outDir);

// The tutorial's settings, scaled down: one step is 10 minutes, as in the Jena record.
const int stepsPerDay = 144;
int days = quick ? 40 : 240;
const double splitFraction = 0.715;  // the tutorial's split_fraction
const int step = 6;                  // sampling_rate: one sample per hour
const int past = 144;                // the window covers 1 day (tutorial: 720 steps, 5 days)
const int future = 36;               // the target is 6 hours after the window (tutorial: 72 steps, 12 hours)
const double learningRate = 0.001;
const int batchSize = 256;
int epochs = quick ? 5 : 10;
int sequenceLength = past / step;

// 1. The generated record: rows are time steps, columns the features.
string[] featureNames = ["p (mbar)", "T (degC)", "rh (%)", "wv (m/s)"];
const int temperatureColumn = 1;    // the tutorial also forecasts the second column, the temperature
int n = days * stepsPerDay;
var rng = new Random(1234);
double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
var raw = new float[n, featureNames.Length];
double anomaly = 0, pressureDrift = 0, wind = 0;
for (int t = 0; t < n; t++)
{
    double dayPhase = 2 * Math.PI * t / stepsPerDay;
    anomaly = 0.998 * anomaly + 0.12 * Gaussian();          // weather: warm and cold spells lasting days
    pressureDrift = 0.999 * pressureDrift + 0.1 * Gaussian();
    wind = 0.99 * wind + 0.2 * Gaussian();
    double season = 6 * Math.Sin(2 * Math.PI * t / (stepsPerDay * 365.0));
    double temperature = 9 + season - 6 * Math.Cos(dayPhase - 0.5) + anomaly;
    raw[t, 0] = (float)(1000 + pressureDrift - 1.5 * anomaly + 0.2 * Gaussian());
    raw[t, temperatureColumn] = (float)(temperature + 0.3 * Gaussian());
    raw[t, 2] = (float)Math.Clamp(75 - 2.5 * (temperature - 9) + 3 * Gaussian(), 5, 100);
    raw[t, 3] = (float)(Math.Abs(2.5 + wind + 0.8 * Math.Sin(dayPhase)) + 0.1 * Math.Abs(Gaussian()));
}
var features = tensor(raw);
int trainSplit = (int)(splitFraction * n);
Console.WriteLine($"Generated record: {n} steps of 10 minutes ({days} days), features: {string.Join(", ", featureNames)}");

// 2. Standardization with the training part's statistics (the tutorial's normalize(data, train_split)).
var mean = features[..trainSplit].mean([0]);
var std = features[..trainSplit].std(0);
var data = (features - mean) / std;
float temperatureMean = mean[temperatureColumn].item<float>(), temperatureStd = std[temperatureColumn].item<float>();
Console.WriteLine($"Training part: {trainSplit} steps; temperature mean {temperatureMean:F2} degC, std {temperatureStd:F2} degC");

// 3. The windows. A window starting at step i holds steps i, i + 6, ..., i + 138 and its target is the temperature
// at step i + past + future: the targets are the temperature column shifted by past + future steps.
int start = past + future;
var xTrain = data[..trainSplit];
var yTrain = data[start..(start + trainSplit), temperatureColumn..(temperatureColumn + 1)];
var datasetTrain = Utils.TimeseriesDatasetFromArray(xTrain, yTrain, sequenceLength: sequenceLength, samplingRate: step,
    batchSize: batchSize);

int xEnd = n - past - future;
var xVal = data[trainSplit..xEnd];
var yVal = data[(trainSplit + start).., temperatureColumn..(temperatureColumn + 1)];
var datasetVal = Utils.TimeseriesDatasetFromArray(xVal, yVal, sequenceLength: sequenceLength, samplingRate: step,
    batchSize: batchSize);

var (inputs0, targets0) = datasetTrain.First();
Console.WriteLine($"Input shape: {Shape.Of(inputs0)}");
Console.WriteLine($"Target shape: {Shape.Of(targets0)}");
Console.WriteLine($"Training windows: {datasetTrain.SampleCount} in {datasetTrain.Count} batches; validation windows: {datasetVal.SampleCount}");

// 4. The tutorial's model: LSTM(32) over the window, Dense(1) for the temperature.
Utils.SetRandomSeed(42);
var inputs = Input([sequenceLength, featureNames.Length]);
var lstmOut = LSTM(32).Apply(inputs);
var outputs = Dense(1).Apply(lstmOut);
var model = new Model(inputs, outputs);
model.Compile(optimizer: new Adam(learningRate: learningRate), loss: "mse", metrics: ["mae"]);
model.Summary();

string checkpointPath = Path.Combine(outDir, "model_checkpoint.weights.h5");
var esCallback = new EarlyStopping(monitor: "val_loss", minDelta: 0, patience: 5);
var modelCheckpointCallback = new ModelCheckpoint(checkpointPath, monitor: "val_loss", verbose: 1,
    saveWeightsOnly: true, saveBestOnly: true);
var history = model.Fit(datasetTrain, epochs: epochs, validationData: datasetVal, verbose: quick ? 2 : 1,
    callbacks: [esCallback, modelCheckpointCallback]);
history.Plot(Path.Combine(outDir, "timeseries_loss.png"), title: "Training and validation loss");

// 5. The best checkpoint against the naive forecast, on the validation windows.
model.LoadWeights(checkpointPath);
double modelMae = model.Evaluate(datasetVal, verbose: 0)["mae"];
double naiveSum = 0;
long windows = 0;
foreach (var (x, y) in datasetVal)
{
    var lastTemperature = x[.., -1, temperatureColumn].reshape(-1, 1);  // "it stays as it is"
    naiveSum += (lastTemperature - y).abs().sum().item<float>();
    windows += x.shape[0];
}
double naiveMae = naiveSum / windows;
Console.WriteLine($"Validation MAE (standardized): LSTM {modelMae:F4}, naive last value {naiveMae:F4}");
Console.WriteLine($"Validation MAE (degC): LSTM {modelMae * temperatureStd:F2}, naive last value {naiveMae * temperatureStd:F2}");

// The tutorial's show_plot, as numbers: a few validation windows' forecasts.
var (xShow, yShow) = datasetVal.First();
var prediction = model.Predict(xShow[..3], verbose: 0);
for (int i = 0; i < 3; i++)
{
    float Degrees(Tensor v) => v.item<float>() * temperatureStd + temperatureMean;
    Console.WriteLine($"window {i}: last {Degrees(xShow[i, -1, temperatureColumn]),6:F2} degC, true future {Degrees(yShow[i, 0]),6:F2} degC, "
        + $"model prediction {Degrees(prediction[i, 0]),6:F2} degC");
}
bool beats = modelMae < naiveMae;
Console.WriteLine($"beats naive baseline: {beats}");
return beats ? 0 : 1;
