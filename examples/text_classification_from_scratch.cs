#:project ../src/KerasSharp/KerasSharp.csproj
// Text classification from scratch, after keras.io's example of that name (Mark Omernick, Francois Chollet), with its
// "option 2": the TextVectorization layer is adapted on the training texts and applied to the data outside the model,
// and the model (Embedding, two strided Conv1D, global max pooling, a Dense head) is trained on the integer sequences.
// Instead of the IMDB download the example generates movie reviews: neutral filler sentences with a few positive or
// negative words, capitals, punctuation and the "<br />" line breaks of IMDB's HTML, which the custom standardization
// removes as keras.io's custom_standardization does ("<br />" -> " ", then Keras' lowercase and punctuation stripping).
// It prints the vocabulary's first entries, a vectorized review, the test accuracy (above 0.9 expected) and checks that
// the adapted vectorizer survives a .keras round trip (its vocabulary is stored in the file's assets, as in Keras).
// Run from the repository root: dotnet run examples/text_classification_from_scratch.cs [--quick] [--out DIR]
using System.Globalization;
using System.Text;
using KerasSharp;
using KerasSharp.Layers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
bool quick = args.Contains("--quick");
int outIndex = Array.IndexOf(args, "--out");
string outDir = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : ".";
Directory.CreateDirectory(outDir);

int trainCount = quick ? 1500 : 8000, testCount = quick ? 400 : 2000, epochs = 5;
const int maxFeatures = 2000, sequenceLength = 60, embeddingDim = 32;

// A generated "IMDB": label 1 reviews carry positive words, label 0 negative ones, among neutral filler.
var rng = new Random(1337);
string[] positive = ["great", "excellent", "wonderful", "loved", "amazing", "brilliant", "touching", "superb", "fun", "beautiful"];
string[] negative = ["awful", "boring", "terrible", "hated", "dull", "poor", "waste", "worst", "annoying", "mess"];
string[] filler = ["the", "movie", "film", "plot", "was", "actor", "actress", "story", "and", "a", "director", "scene", "I", "it", "this",
    "ending", "music", "script", "characters", "really", "watched", "cinema", "with", "of", "in", "sequel", "camera", "cast"];

(string Text, int Label) Review()
{
    int label = rng.Next(2);
    var sentiment = label == 1 ? positive : negative;
    var text = new StringBuilder();
    int sentences = rng.Next(2, 4);
    for (int s = 0; s < sentences; s++)
    {
        int words = rng.Next(5, 12);
        var sentence = Enumerable.Range(0, words).Select(_ => filler[rng.Next(filler.Length)]).ToArray();
        sentence[rng.Next(words)] = sentiment[rng.Next(sentiment.Length)];
        sentence[0] = char.ToUpperInvariant(sentence[0][0]) + sentence[0][1..];
        text.Append(string.Join(' ', sentence)).Append(rng.Next(3) == 0 ? "!" : ".");
        text.Append(s + 1 < sentences ? (rng.Next(2) == 0 ? "<br /><br />" : " ") : "");
    }
    return (text.ToString(), label);
}

var train = Enumerable.Range(0, trainCount).Select(_ => Review()).ToArray();
var test = Enumerable.Range(0, testCount).Select(_ => Review()).ToArray();
Console.WriteLine($"{train.Length} training reviews, {test.Length} test reviews");
Console.WriteLine($"Example review: {train[0].Text}  (label {train[0].Label})");

// keras.io's custom_standardization lowercases, replaces "<br />" by a space and strips punctuation. The HTML breaks are
// replaced here, before the layer, so that the layer keeps Keras' named "lower_and_strip_punctuation" standardization
// and can be saved (a custom function, as in Keras without registering it, cannot be written to a .keras file).
static string StripHtmlBreaks(string text) => text.Replace("<br />", " ");

var vectorizeLayer = TextVectorization(maxTokens: maxFeatures, outputMode: "int", outputSequenceLength: sequenceLength);
vectorizeLayer.Adapt(train.Select(r => StripHtmlBreaks(r.Text)));
Console.WriteLine($"Vocabulary size: {vectorizeLayer.VocabularySize}; first entries: {string.Join(", ", vectorizeLayer.GetVocabulary().Take(8).Select(t => $"'{t}'"))}");

Tensor Vectorize(IEnumerable<(string Text, int Label)> reviews) => vectorizeLayer.Apply(reviews.Select(r => StripHtmlBreaks(r.Text)).ToArray());
Tensor Labels(IEnumerable<(string Text, int Label)> reviews) => tensor(reviews.Select(r => (float)r.Label).ToArray()).reshape(-1, 1);
var xTrain = Vectorize(train);
var yTrain = Labels(train);
var xTest = Vectorize(test);
var yTest = Labels(test);
Console.WriteLine($"Vectorized review: [{string.Join(", ", xTrain[0].data<long>().ToArray().Take(16))}, ...] shape {Shape.Of(xTrain)}");

// keras.io's model: Embedding -> Dropout -> Conv1D(128, 7, strides 3) x2 -> GlobalMaxPooling1D -> Dense -> Dropout -> Dense(1, sigmoid),
// with smaller widths for the small generated corpus.
Utils.SetRandomSeed(42);
var model = Sequential()
    .Add(Input([sequenceLength], dtype: "int64"))
    .Add(Embedding(maxFeatures, embeddingDim))
    .Add(Dropout(0.5))
    .Add(Conv1D(32, 7, padding: "valid", activation: "relu", strides: 3))
    .Add(Conv1D(32, 7, padding: "valid", activation: "relu", strides: 3))
    .Add(GlobalMaxPooling1D())
    .Add(Dense(32, "relu"))
    .Add(Dropout(0.5))
    .Add(Dense(1, "sigmoid", name: "predictions"));
model.Compile(optimizer: "adam", loss: "binary_crossentropy", metrics: ["accuracy"]);
model.Summary();
model.Fit(xTrain, yTrain, batchSize: 32, epochs: epochs, verbose: quick ? 2 : 1, validationSplit: 0.1);

var score = model.Evaluate(xTest, yTest, verbose: 0);
Console.WriteLine($"Test accuracy: {score["accuracy"]:F4}");
Console.WriteLine($"accuracy above 0.9: {score["accuracy"] > 0.9}");

// The adapted vectorizer is saved alone (in a Sequential: a .keras file holds a model) and loaded back; its learned
// vocabulary travels in the file's assets/layers/text_vectorization/vocabulary.txt, as Keras stores it.
var path = Path.Combine(outDir, "text_vectorizer.keras");
Sequential([vectorizeLayer]).Save(path);
var reloaded = Models.LoadModel(path).Layers.OfType<TextVectorization>().Single();
var sample = test.Take(50).Select(r => StripHtmlBreaks(r.Text)).ToArray();
bool same = reloaded.GetVocabulary().SequenceEqual(vectorizeLayer.GetVocabulary())
    && reloaded.Apply(sample).eq(vectorizeLayer.Apply(sample)).all().item<bool>();
Console.WriteLine($"reloaded vectorizer matches: {same}");

// End to end, as keras.io's last step: raw strings in, probabilities out (the vectorizer runs before the model).
string[] raw = ["A wonderful film, the cast was superb!", "Boring plot.<br /><br />The worst sequel, a waste."];
var probabilities = model.Predict(vectorizeLayer.Apply(raw.Select(StripHtmlBreaks).ToArray()), verbose: 0).reshape(-1).data<float>().ToArray();
for (int i = 0; i < raw.Length; i++) Console.WriteLine($"{probabilities[i]:F3}  {raw[i]}");
