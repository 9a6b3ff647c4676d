#:project ../src/KerasSharp/KerasSharp.csproj
// Text classification with Embedding + LSTM on a small synthetic sentiment dataset the example generates
// (sentences of neutral filler words with a few positive or negative words), tokenized by a tiny word-index tokenizer
// and padded at the front with 0 (Keras' pad_sequences default). Prints the test accuracy (> 90% expected).
// Run from the repository root: dotnet run examples/text_classification.cs [epochs]      (default 5)
using KerasSharp;
using static KerasSharp.Keras;
using static TorchSharp.torch;

int epochs = args.Length > 0 ? int.Parse(args[0]) : 5;
int maxLen = 12;
var rng = new Random(42);
string[] positive = ["good", "great", "excellent", "wonderful", "love", "amazing", "happy", "fantastic"];
string[] negative = ["bad", "terrible", "awful", "horrible", "hate", "boring", "sad", "poor"];
string[] filler = ["the", "movie", "was", "a", "plot", "actors", "and", "i", "it", "film", "story", "really", "this", "very"];

(string Text, int Label) MakeSentence()
{
    int label = rng.Next(2);
    var source = label == 1 ? positive : negative;
    var words = new List<string>();
    int length = rng.Next(6, maxLen + 1);
    for (int i = 0; i < length; i++) words.Add(filler[rng.Next(filler.Length)]);
    int sentimentWords = rng.Next(1, 3);
    for (int i = 0; i < sentimentWords; i++) words[rng.Next(words.Count)] = source[rng.Next(source.Length)];
    return (string.Join(' ', words), label);
}

// Tokenizer: word -> index from 1 (0 is padding), fitted on the training texts.
var vocabulary = new Dictionary<string, long>();
long[] Encode(string text, bool fit)
{
    var ids = new List<long>();
    foreach (var w in text.Split(' '))
    {
        if (!vocabulary.TryGetValue(w, out long id) && fit) vocabulary[w] = id = vocabulary.Count + 1;
        if (id > 0) ids.Add(id);
    }
    var padded = new long[maxLen];
    ids.TakeLast(maxLen).ToArray().CopyTo(padded, maxLen - Math.Min(maxLen, ids.Count));
    return padded;
}

(Tensor X, Tensor Y) MakeSet(int n, bool fit)
{
    var sentences = Enumerable.Range(0, n).Select(_ => MakeSentence()).ToArray();
    var x = sentences.SelectMany(s => Encode(s.Text, fit)).ToArray();
    return (tensor(x).reshape(n, maxLen), tensor(sentences.Select(s => (float)s.Label).ToArray()).reshape(n, 1));
}

Keras.Utils.SetRandomSeed(42);
var (xTrain, yTrain) = MakeSet(2000, fit: true);
var (xTest, yTest) = MakeSet(500, fit: false);
Console.WriteLine($"{xTrain.shape[0]} train sentences, {xTest.shape[0]} test sentences, vocabulary {vocabulary.Count} words");

var model = Sequential()
    .Add(Embedding(vocabulary.Count + 1, 16, inputShape: [maxLen]))
    .Add(LSTM(16))
    .Add(Dense(1, "sigmoid"));
model.Summary();

model.Compile(optimizer: "adam", loss: "binary_crossentropy", metrics: ["accuracy"]);
model.Fit(xTrain, yTrain, batchSize: 32, epochs: epochs, verbose: 1, validationSplit: 0.1);
var score = model.Evaluate(xTest, yTest, verbose: 0);
Console.WriteLine($"Test loss: {score["loss"]:F4}");
Console.WriteLine($"Test accuracy: {score["accuracy"]:F4}");
