#:project ../src/KerasSharp/KerasSharp.csproj
// keras.io "Simple MNIST convnet", ported line by line (keras.io reports ~99.2% test accuracy after 15 epochs).
// Run from the repository root: dotnet run examples/mnist_convnet.cs [--epochs N]      (default 15)
using System.Diagnostics;
using KerasSharp;
using static KerasSharp.Keras;
using static TorchSharp.torch;

int numClasses = 10;
int batchSize = 128;
int epochs = 15;
int at = Array.IndexOf(args, "--epochs");
if (at >= 0 && at + 1 < args.Length) epochs = int.Parse(args[at + 1]);

// Load the data, scale images to [0, 1], and give them a channel axis: (n, 28, 28, 1) (channels_last).
var ((xTrain, yTrain), (xTest, yTest)) = Keras.Datasets.Mnist.LoadData();
xTrain = (xTrain.to(float32) / 255).unsqueeze(-1);
xTest = (xTest.to(float32) / 255).unsqueeze(-1);
Console.WriteLine($"x_train shape: ({string.Join(", ", xTrain.shape)})");
Console.WriteLine($"{xTrain.shape[0]} train samples");
Console.WriteLine($"{xTest.shape[0]} test samples");

var yTrainHot = Keras.Utils.ToCategorical(yTrain, numClasses);
var yTestHot = Keras.Utils.ToCategorical(yTest, numClasses);

var model = Sequential([
    Input([28, 28, 1]),
    Conv2D(32, kernelSize: (3, 3), activation: "relu"),
    MaxPooling2D(poolSize: (2, 2)),
    Conv2D(64, kernelSize: (3, 3), activation: "relu"),
    MaxPooling2D(poolSize: (2, 2)),
    Flatten(),
    Dropout(0.5),
    Dense(numClasses, activation: "softmax"),
]);
model.Summary();

model.Compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);
var clock = Stopwatch.StartNew();
model.Fit(xTrain, yTrainHot, batchSize: batchSize, epochs: epochs, validationSplit: 0.1);
Console.WriteLine($"Training time: {clock.Elapsed.TotalSeconds:F1} s for {epochs} epoch(s)");

var score = model.Evaluate(xTest, yTestHot, verbose: 0);
Console.WriteLine($"Test loss: {score["loss"]:F4}");
Console.WriteLine($"Test accuracy: {score["accuracy"]:F4}");
