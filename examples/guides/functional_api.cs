#:project ../../src/KerasSharp/KerasSharp.csproj
#:project ../../src/KerasSharp.Plots/KerasSharp.Plots.csproj
// Keras guide "The Functional API" (keras.io/guides/functional_api, keras-io guides/functional_api.py), ported cell by
// cell to KerasSharp. MNIST and CIFAR-10 are replaced by generated data of the same shapes (random pixels and labels,
// fixed seed) so that the script needs no network; the losses it prints are therefore not the guide's.
// Run from the repository root: dotnet run examples/guides/functional_api.cs [--quick]
using System.Globalization;
using KerasSharp;
using KerasSharp.Layers;
using KerasSharp.Losses;
using KerasSharp.Optimizers;
using static TorchSharp.torch;

Keras.Backend.EnsureNativeLoaded(); // this script calls TorchSharp before any KerasSharp type
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
bool quick = args.Contains("--quick");
Keras.Utils.SetRandomSeed(1337);
string Dims(Tensor t) => $"({string.Join(", ", t.shape)})";

// ## Introduction
var inputs = new Input(784);
// Just for demonstration purposes.
var imgInputs = new Input([32, 32, 3]);
Console.WriteLine($"functional api: inputs.shape {((KerasTensor)inputs).Shape}, inputs.dtype {((KerasTensor)inputs).DType}");

var dense = new Dense(64, activation: "relu");
var x = dense.Apply(inputs);
x = new Dense(64, activation: "relu").Apply(x);
var outputs = new Dense(10).Apply(x);
var model = new Model(inputs, outputs, name: "mnist_model");
model.Summary();
Console.WriteLine($"functional api: mnist_model params {model.CountParams()}");   // the guide's summary: 55,050
string plots = Directory.CreateTempSubdirectory("functional_api_plots").FullName;
Keras.Utils.PlotModel(model, Path.Combine(plots, "my_first_model.png"));
Keras.Utils.PlotModel(model, Path.Combine(plots, "my_first_model_with_shape_info.png"), showShapes: true);
Console.WriteLine($"functional api: plot_model wrote {Directory.GetFiles(plots, "*.png").Length} pictures, " +
    $"png: {File.ReadAllBytes(Path.Combine(plots, "my_first_model.png"))[1..4].SequenceEqual("PNG"u8.ToArray())}");

// ## Training, evaluation, and inference
// keras.datasets.mnist.load_data() replaced by generated data of MNIST's shapes (28x28 uint8 images, labels 0..9).
int nTrain = quick ? 1024 : 6000, nTest = quick ? 256 : 1000;
var xTrain = randint(0, 256, [nTrain, 28, 28]).to(float32);
var yTrain = randint(0, 10, [nTrain]);
var xTest = randint(0, 256, [nTest, 28, 28]).to(float32);
var yTest = randint(0, 10, [nTest]);
xTrain = xTrain.reshape(nTrain, 784) / 255;
xTest = xTest.reshape(nTest, 784) / 255;

model.Compile(loss: new SparseCategoricalCrossentropy(fromLogits: true), optimizer: new RMSprop(), metrics: ["accuracy"]);
var history = model.Fit(xTrain, yTrain, batchSize: 64, epochs: 2, validationSplit: 0.2, verbose: 0);
Console.WriteLine($"functional api: fit logged {string.Join(", ", history.Keys)} for {history["loss"].Count} epochs");
var testScores = model.Evaluate(xTest, yTest, verbose: 2);
Console.WriteLine($"Test loss: {testScores["loss"]:F4}");
Console.WriteLine($"Test accuracy: {testScores["accuracy"]:F4}");

// ## Save and serialize
var path = Path.Combine(Path.GetTempPath(), $"functional_api_guide_{Environment.ProcessId}.keras");
var before = model.Predict(xTest, verbose: 0);
model.Save(path);
model = null!;
// Recreate the exact same model purely from the file:
model = Keras.Models.LoadModel(path);
File.Delete(path);
Console.WriteLine($"functional api: reloaded predictions equal: {model.Predict(xTest, verbose: 0).equal(before).all().item<bool>()}");

// ## Use the same graph of layers to define multiple models
var encoderInput = new Input([28, 28, 1], name: "img");
x = new Conv2D(16, 3, activation: "relu").Apply(encoderInput);
x = new Conv2D(32, 3, activation: "relu").Apply(x);
x = new MaxPooling2D(3).Apply(x);
x = new Conv2D(32, 3, activation: "relu").Apply(x);
x = new Conv2D(16, 3, activation: "relu").Apply(x);
var encoderOutput = new GlobalMaxPooling2D().Apply(x);
var encoder = new Model(encoderInput, encoderOutput, name: "encoder");
encoder.Summary();

x = new Reshape((4, 4, 1)).Apply(encoderOutput);
x = new Conv2DTranspose(16, 3, activation: "relu").Apply(x);
x = new Conv2DTranspose(32, 3, activation: "relu").Apply(x);
x = new UpSampling2D(3).Apply(x);
x = new Conv2DTranspose(16, 3, activation: "relu").Apply(x);
var decoderOutput = new Conv2DTranspose(1, 3, activation: "relu").Apply(x);
var autoencoder = new Model(encoderInput, decoderOutput, name: "autoencoder");
autoencoder.Summary();
Console.WriteLine($"functional api: encoder params {encoder.CountParams()}, autoencoder params {autoencoder.CountParams()}, autoencoder output {autoencoder.Output.Shape}");

// ## All models are callable, just like layers
encoderInput = new Input([28, 28, 1], name: "original_img");
x = new Conv2D(16, 3, activation: "relu").Apply(encoderInput);
x = new Conv2D(32, 3, activation: "relu").Apply(x);
x = new MaxPooling2D(3).Apply(x);
x = new Conv2D(32, 3, activation: "relu").Apply(x);
x = new Conv2D(16, 3, activation: "relu").Apply(x);
encoderOutput = new GlobalMaxPooling2D().Apply(x);
encoder = new Model(encoderInput, encoderOutput, name: "encoder");
encoder.Summary();

var decoderInput = new Input(16, name: "encoded_img");
x = new Reshape((4, 4, 1)).Apply(decoderInput);
x = new Conv2DTranspose(16, 3, activation: "relu").Apply(x);
x = new Conv2DTranspose(32, 3, activation: "relu").Apply(x);
x = new UpSampling2D(3).Apply(x);
x = new Conv2DTranspose(16, 3, activation: "relu").Apply(x);
decoderOutput = new Conv2DTranspose(1, 3, activation: "relu").Apply(x);
var decoder = new Model(decoderInput, decoderOutput, name: "decoder");
decoder.Summary();

var autoencoderInput = new Input([28, 28, 1], name: "img");
var encodedImg = encoder.Apply(autoencoderInput);
var decodedImg = decoder.Apply(encodedImg);
autoencoder = new Model(autoencoderInput, decodedImg, name: "autoencoder");
autoencoder.Summary();
var img = rand(2, 28, 28, 1);
bool nestedSame = autoencoder.Apply(img).equal(decoder.Apply(encoder.Apply(img))).all().item<bool>();
Console.WriteLine($"functional api: nested autoencoder output {autoencoder.Output.Shape}, equals decoder(encoder(x)): {nestedSame}");

// ensembling
Model GetModel()
{
    var inputs = new Input(128);
    var outputs = new Dense(1).Apply(inputs);
    return new Model(inputs, outputs);
}
var model1 = GetModel();
var model2 = GetModel();
var model3 = GetModel();
inputs = new Input(128);
var y1 = model1.Apply(inputs);
var y2 = model2.Apply(inputs);
var y3 = model3.Apply(inputs);
outputs = new Average().Apply([y1, y2, y3]);
var ensembleModel = new Model(inputs: inputs, outputs: outputs);
var xe = randn(5, 128);
var meanOfThree = (model1.Apply(xe) + model2.Apply(xe) + model3.Apply(xe)) / 3;
Console.WriteLine($"functional api: ensemble equals the mean of its 3 models: {ensembleModel.Apply(xe).allclose(meanOfThree, rtol: 1e-5, atol: 1e-6)}");

// ## Manipulate complex graph topologies
// ### Models with multiple inputs and outputs
const int numTags = 12;           // Number of unique issue tags
const int numWords = 10000;       // Size of vocabulary obtained when preprocessing text data
const int numDepartments = 4;     // Number of departments for predictions
var titleInput = new Input(new Shape(new long?[] { null }), name: "title");   // Variable-length sequence of ints
var bodyInput = new Input(new Shape(new long?[] { null }), name: "body");     // Variable-length sequence of ints
var tagsInput = new Input(numTags, name: "tags");                            // Binary vectors of size `num_tags`
// Embed each word in the title into a 64-dimensional vector
var titleFeatures = new Embedding(numWords, 64).Apply(titleInput);
// Embed each word in the text into a 64-dimensional vector
var bodyFeatures = new Embedding(numWords, 64).Apply(bodyInput);
// Reduce sequence of embedded words in the title into a single 128-dimensional vector
titleFeatures = new LSTM(128).Apply(titleFeatures);
// Reduce sequence of embedded words in the body into a single 32-dimensional vector
bodyFeatures = new LSTM(32).Apply(bodyFeatures);
// Merge all available features into a single large vector via concatenation
x = new Concatenate().Apply([titleFeatures, bodyFeatures, tagsInput]);
// Stick a logistic regression for priority prediction on top of the features
var priorityPred = new Dense(1, name: "priority").Apply(x);
// Stick a department classifier on top of the features
var departmentPred = new Dense(numDepartments, name: "department").Apply(x);
// Instantiate an end-to-end model predicting both priority and department
model = new Model(inputs: [titleInput, bodyInput, tagsInput], outputs: [priorityPred, departmentPred]);
Keras.Utils.PlotModel(model, Path.Combine(plots, "multi_input_and_output_model.png"), showShapes: true);

model.Compile(new RMSprop(1e-3),
    loss: [new BinaryCrossentropy(fromLogits: true), new CategoricalCrossentropy(fromLogits: true)],
    lossWeights: [1.0, 0.2]);
// Since the output layers have different names, you could also specify the losses and loss weights by name:
model.Compile(new RMSprop(1e-3),
    loss: new Dictionary<string, Loss>
    {
        ["priority"] = new BinaryCrossentropy(fromLogits: true),
        ["department"] = new CategoricalCrossentropy(fromLogits: true),
    },
    lossWeights: new Dictionary<string, double> { ["priority"] = 1.0, ["department"] = 0.2 });

// Dummy input data
int nTickets = quick ? 256 : 1280;
var titleData = randint(0, numWords, [nTickets, 10]);
var bodyData = randint(0, numWords, [nTickets, quick ? 20 : 100]);
var tagsData = randint(0, 2, [nTickets, numTags]).to(float32);
// Dummy target data
var priorityTargets = rand(nTickets, 1);
var deptTargets = randint(0, 2, [nTickets, numDepartments]).to(float32);
history = model.Fit(
    new Dictionary<string, Tensor> { ["title"] = titleData, ["body"] = bodyData, ["tags"] = tagsData },
    new Dictionary<string, Tensor> { ["priority"] = priorityTargets, ["department"] = deptTargets },
    epochs: 2, batchSize: 32, verbose: 0);
Console.WriteLine($"functional api: multi-output fit logged {string.Join(", ", history.Keys)}");
var preds = model.PredictAll(new Dictionary<string, Tensor> { ["title"] = titleData[..3], ["body"] = bodyData[..3], ["tags"] = tagsData[..3] }, verbose: 0);
Console.WriteLine($"functional api: multi-input model trained, outputs priority {Dims(preds[0])} department {Dims(preds[1])}");

// ### A toy ResNet model
inputs = new Input([32, 32, 3], name: "img");
x = new Conv2D(32, 3, activation: "relu").Apply(inputs);
x = new Conv2D(64, 3, activation: "relu").Apply(x);
var block1Output = new MaxPooling2D(3).Apply(x);
x = new Conv2D(64, 3, activation: "relu", padding: "same").Apply(block1Output);
x = new Conv2D(64, 3, activation: "relu", padding: "same").Apply(x);
var block2Output = new Add().Apply([x, block1Output]);
x = new Conv2D(64, 3, activation: "relu", padding: "same").Apply(block2Output);
x = new Conv2D(64, 3, activation: "relu", padding: "same").Apply(x);
var block3Output = new Add().Apply([x, block2Output]);
x = new Conv2D(64, 3, activation: "relu").Apply(block3Output);
x = new GlobalAveragePooling2D().Apply(x);
x = new Dense(256, activation: "relu").Apply(x);
x = new Dropout(0.5).Apply(x);
outputs = new Dense(10).Apply(x);
model = new Model(inputs, outputs, name: "toy_resnet");
model.Summary();
Console.WriteLine($"functional api: toy_resnet params {model.CountParams()}");   // the guide's summary: 223,242
Keras.Utils.PlotModel(model, Path.Combine(plots, "mini_resnet.png"), showShapes: true);
Console.WriteLine($"functional api: plot_model pictures written: {Directory.GetFiles(plots, "*.png").Length}");

// keras.datasets.cifar10.load_data() replaced by generated data of CIFAR-10's shapes (32x32x3 uint8, labels 0..9).
int nCifar = quick ? 200 : 1000;
var xTrainC = randint(0, 256, [nCifar, 32, 32, 3]).to(float32) / 255.0;
var yTrainC = Keras.Utils.ToCategorical(randint(0, 10, [nCifar, 1]), 10);
model.Compile(new RMSprop(1e-3), new CategoricalCrossentropy(fromLogits: true), metrics: ["acc"]);
// We restrict the data to the first 1000 samples so as to limit execution time.
history = model.Fit(xTrainC[..nCifar], yTrainC[..nCifar], batchSize: 64, epochs: 1, validationSplit: 0.2, verbose: 0);
Console.WriteLine($"functional api: toy_resnet fit logged {string.Join(", ", history.Keys)}");

// ## Shared layers
// Embedding for 1000 unique words mapped to 128-dimensional vectors
var sharedEmbedding = new Embedding(1000, 128);
// Variable-length sequence of integers
var textInputA = new Input(new Shape(new long?[] { null }), dtype: "int32");
// Variable-length sequence of integers
var textInputB = new Input(new Shape(new long?[] { null }), dtype: "int32");
// Reuse the same layer to encode both inputs
var encodedInputA = sharedEmbedding.Apply(textInputA);
var encodedInputB = sharedEmbedding.Apply(textInputB);
Console.WriteLine($"functional api: shared embedding outputs {encodedInputA.Shape} and {encodedInputB.Shape}, {sharedEmbedding.Weights.Count} weight tensor");

// ## Extract and reuse nodes in the graph of layers
// (weights: null: this script runs without a network; the default, "imagenet", downloads Keras' published weights.)
var vgg19 = Keras.Applications.VGG19(weights: null);
var featuresList = vgg19.Layers.Select(l => l.Output).ToList();
var featExtractionModel = new Model(inputs: vgg19.Input, outputs: featuresList);
var image = rand(1, 224, 224, 3);
var extractedFeatures = featExtractionModel.ApplyAll([image]);
Console.WriteLine($"functional api: VGG19 feature extraction returns {extractedFeatures.Count} activations, last {Dims(extractedFeatures[^1])}");

// ## Extend the API using custom layers
inputs = new Input(4);
outputs = new CustomDense(10).Apply(inputs);
model = new Model(inputs, outputs);
var config = model.GetConfig();
var newModel = Model.FromConfig(config, customObjects: new Dictionary<string, object> { ["CustomDense"] = typeof(CustomDense) });
Console.WriteLine($"functional api: from_config rebuilt a {newModel.Layers[^1].GetType().Name} with output {newModel.Output.Shape}");

// ## Mix-and-match API styles
const int units = 32;
const int timesteps = 10;
const int inputDim = 5;
// Define a Functional model
inputs = new Input(new Shape(null, units));
x = new GlobalAveragePooling1D().Apply(inputs);
outputs = new Dense(1).Apply(x);
model = new Model(inputs, outputs);
var rnnModel = new CustomRNN(units, model);
var rnnOut = rnnModel.Apply(zeros(1, timesteps, inputDim));
Console.WriteLine($"functional api: CustomRNN with a functional classifier gives {Dims(rnnOut)}");

const int batchSize = 16;
// A static batch size for the inputs (Keras' batch_shape), because CustomRNN's state needs one.
inputs = new Input([timesteps, inputDim], batchSize: batchSize);
x = new Conv1D(32, 3).Apply(inputs);
outputs = new CustomRNN(units, new Dense(1)).Apply(x);
model = new Model(inputs, outputs);
Console.WriteLine($"functional api: CustomRNN inside a functional model, output {model.Output.Shape}");
rnnModel = new CustomRNN(units, new Dense(1));
rnnOut = rnnModel.Apply(zeros(1, 10, 5));
Console.WriteLine($"functional api: standalone CustomRNN gives {Dims(rnnOut)}");
Directory.Delete(plots, recursive: true);
Console.WriteLine("guide ok");

/// <summary>The guide's basic implementation of Dense, with get_config for serialization.</summary>
sealed class CustomDense : Layer
{
    private readonly int units;
    private Tensor? w, b;
    public CustomDense(int units = 32, string? name = null) : base(name) => this.units = units;
    protected override void Build(Shape inputShape)
    {
        w = AddWeight("w", [(long)inputShape[^1]!, units], initializer: "random_normal", trainable: true);
        b = AddWeight("b", [units], initializer: "random_normal", trainable: true);
    }
    protected override Tensor Call(Tensor inputs, bool training) => inputs.matmul(w!) + b!;
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["units"] = units;
        return config;
    }
}

/// <summary>The guide's RNN written from scratch, ending in a classifier (a functional model or a Dense layer).</summary>
sealed class CustomRNN : Layer
{
    private readonly int units;
    private readonly Dense projection1, projection2;
    private readonly Layer classifier;
    public CustomRNN(int units, Layer classifier) : base()
    {
        this.units = units;
        projection1 = new Dense(units, activation: "tanh");
        projection2 = new Dense(units, activation: "tanh");
        this.classifier = classifier;
    }
    protected override Tensor Call(Tensor inputs, bool training)
    {
        var outputs = new List<Tensor>();
        var state = zeros(inputs.shape[0], units);
        for (long t = 0; t < inputs.shape[1]; t++)
        {
            var x = inputs[.., t, ..];
            var h = projection1.Apply(x);
            var y = h + projection2.Apply(state);
            state = y;
            outputs.Add(y);
        }
        var features = stack(outputs, 1);
        return classifier.Apply(features);
    }
}
