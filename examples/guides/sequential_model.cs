#:project ../../src/KerasSharp/KerasSharp.csproj
// Keras guide "The Sequential model" (keras.io/guides/sequential_model, keras-io guides/sequential_model.py), ported
// cell by cell to KerasSharp. No download is needed: the guide itself only uses ones/random inputs.
// Run from the repository root: dotnet run examples/guides/sequential_model.cs [--quick]
using System.Globalization;
using KerasSharp;
using KerasSharp.Layers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Keras.Utils.SetRandomSeed(1337);

// ## When to use a Sequential model
// Define Sequential model with 3 layers
var model = new Sequential([
    new Dense(2, activation: "relu", name: "layer1"),
    new Dense(3, activation: "relu", name: "layer2"),
    new Dense(4, name: "layer3"),
]);
// Call model on a test input
var x = ones(3, 3);
var y = model.Apply(x);
Console.WriteLine($"sequential: 3-layer model on ones(3, 3) gives shape ({string.Join(", ", y.shape)})");

// is equivalent to this function
var layer1 = new Dense(2, activation: "relu", name: "layer1");
var layer2 = new Dense(3, activation: "relu", name: "layer2");
var layer3 = new Dense(4, name: "layer3");
var y2 = layer3.Apply(layer2.Apply(layer1.Apply(ones(3, 3))));
Console.WriteLine($"sequential: chained layers give shape ({string.Join(", ", y2.shape)})");

// ## Creating a Sequential model
model = new Sequential([
    new Dense(2, activation: "relu"),
    new Dense(3, activation: "relu"),
    new Dense(4),
]);
Console.WriteLine($"sequential: model.layers has {model.Layers.Count} layers");

// incrementally via the add() method
model = new Sequential();
model.Add(new Dense(2, activation: "relu"));
model.Add(new Dense(3, activation: "relu"));
model.Add(new Dense(4));
// a pop() method to remove layers
model.Pop();
Console.WriteLine($"sequential: after pop, {model.Layers.Count} layers");   // 2

// the constructor accepts a name argument
model = new Sequential(name: "my_sequential");
model.Add(new Dense(2, activation: "relu", name: "layer1"));
model.Add(new Dense(3, activation: "relu", name: "layer2"));
model.Add(new Dense(4, name: "layer3"));
Console.WriteLine($"sequential: model name {model.Name}");

// ## Specifying the input shape in advance
var layer = new Dense(3);
Console.WriteLine($"sequential: unbuilt Dense has {layer.Weights.Count} weights");   // Empty
// Call layer on a test input
x = ones(1, 4);
y = layer.Apply(x);
Console.WriteLine($"sequential: Dense built on (1, 4) has {layer.Weights.Count} weights, kernel ({string.Join(", ", layer.Weights[0].shape)})");

// a Sequential model without an input shape isn't built: it has no weights
model = new Sequential([
    new Dense(2, activation: "relu"),
    new Dense(3, activation: "relu"),
    new Dense(4),
]); // No weights at this stage!
// At this point, you can't do this: model.Weights is empty (Keras 3's summary() shows the layers as "unbuilt").
Console.WriteLine($"sequential: unbuilt model has {model.Weights.Count} weights");
model.Summary();
// The first time a model is called on an input, it gets built.
x = ones(1, 4);
y = model.Apply(x);
Console.WriteLine($"sequential: number of weights after calling the model: {model.Weights.Count}");   // 6
model.Summary();

// start your model by passing an Input object
model = new Sequential();
model.Add(new Input(4));
model.Add(new Dense(2, activation: "relu"));
model.Summary();
// the Input object is not displayed as part of model.layers
Console.WriteLine($"sequential: with an Input, model.layers has {model.Layers.Count} layer(s)");

// ## A common debugging workflow: add() + summary()
model = new Sequential();
model.Add(new Input([250, 250, 3]));   // 250x250 RGB images
model.Add(new Conv2D(32, 5, strides: 2, activation: "relu"));
model.Add(new Conv2D(32, 3, activation: "relu"));
model.Add(new MaxPooling2D(3));
// Can you guess what the current output shape is at this point? Probably not. Let's just print it:
model.Summary();
// The answer was: (40, 40, 32), so we can keep downsampling...
model.Add(new Conv2D(32, 3, activation: "relu"));
model.Add(new Conv2D(32, 3, activation: "relu"));
model.Add(new MaxPooling2D(3));
model.Add(new Conv2D(32, 3, activation: "relu"));
model.Add(new Conv2D(32, 3, activation: "relu"));
model.Add(new MaxPooling2D(2));
// And now?
model.Summary();
Console.WriteLine($"sequential: conv stack output shape {model.OutputShape}");
// Now that we have 4x4 feature maps, time to apply global max pooling.
model.Add(new GlobalMaxPooling2D());
// Finally, we add a classification layer.
model.Add(new Dense(10));
Console.WriteLine($"sequential: classifier output shape {model.OutputShape}");

// ## Feature extraction with a Sequential model
var initialModel = new Sequential([
    new Input([250, 250, 3]),
    new Conv2D(32, 5, strides: 2, activation: "relu"),
    new Conv2D(32, 3, activation: "relu"),
    new Conv2D(32, 3, activation: "relu"),
]);
var featureExtractor = new Model(initialModel.Inputs, initialModel.Layers.Select(l => l.Output));
// Call feature extractor on test input.
x = ones(1, 250, 250, 3);
var features = featureExtractor.ApplyAll([x]);
Console.WriteLine($"sequential: feature extractor returns {features.Count} feature maps, last ({string.Join(", ", features[^1].shape)})");

// extracting features from one layer
initialModel = new Sequential([
    new Input([250, 250, 3]),
    new Conv2D(32, 5, strides: 2, activation: "relu"),
    new Conv2D(32, 3, activation: "relu", name: "my_intermediate_layer"),
    new Conv2D(32, 3, activation: "relu"),
]);
featureExtractor = new Model(initialModel.Inputs, initialModel.GetLayer("my_intermediate_layer").Output);
var feature = featureExtractor.Apply(x);
Console.WriteLine($"sequential: intermediate features ({string.Join(", ", feature.shape)})");

// ## Transfer learning with a Sequential model
model = new Sequential([
    new Input(784),
    new Dense(32, activation: "relu"),
    new Dense(32, activation: "relu"),
    new Dense(32, activation: "relu"),
    new Dense(10),
]);
// Presumably you would want to first load pre-trained weights (model.load_weights(...)); here they stay random.
// Freeze all layers except the last one.
foreach (var l in model.Layers.Take(model.Layers.Count - 1))
    l.Trainable = false;
var frozenBefore = model.Layers[0].GetWeights()[0].clone();
var lastBefore = model.Layers[^1].GetWeights()[0].clone();
// Recompile and train (this will only update the weights of the last layer). Generated data stands for the guide's
// training set (none is given there).
model.Compile(optimizer: "adam", loss: "mse");
var xTrain = randn(64, 784);
var yTrain = randn(64, 10);
model.Fit(xTrain, yTrain, epochs: 1, verbose: 0);
bool frozenSame = model.Layers[0].GetWeights()[0].equal(frozenBefore).all().item<bool>();
bool lastChanged = !model.Layers[^1].GetWeights()[0].equal(lastBefore).all().item<bool>();
Console.WriteLine($"sequential: {model.TrainableWeights.Count} trainable weights; frozen layer unchanged: {frozenSame}, last layer updated: {lastChanged}");
Console.WriteLine("guide ok");
