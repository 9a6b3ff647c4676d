using KerasSharp.Tests.TestSupport;
using KerasSharp.Data;
using KerasSharp.Optimizers;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Data;

/// <summary>
/// <see cref="ModelData"/>, the typed x, y and sample-weight argument of Fit, Evaluate, Predict and the <c>*OnBatch</c>
/// methods: each implicit conversion keeps what was passed, <see cref="ModelData.From(object)"/> takes data typed only at
/// run time and refuses what is not data, and the array, list and dictionary forms train alike.
/// </summary>
[Collection(GlobalState.Name)]
public class ModelDataTests
{
    private sealed class TwoBatches(Tensor x, Tensor y) : PyDataset
    {
        public override int Length => 2;

        public override DataBatch GetItem(int index) => (x.narrow(0, index * 2, 2), y.narrow(0, index * 2, 2));
    }

    private static IEnumerable<DataBatch> Stream(Tensor x, Tensor y)
    {
        yield return (x, y);
    }

    // Two inputs "a" (3 features) and "b" (2 features), one output.
    private static Model TwoInputs()
    {
        ClearSession();
        Keras.Utils.SetRandomSeed(21);
        var a = Input(3, name: "a");
        var b = Input(2, name: "b");
        var model = new Model([a, b], Dense(1, name: "out").Apply(Concatenate().Apply([a, b])));
        model.Compile(new SGD(learningRate: 0.05), "mse");
        return model;
    }

    private static Model OneInput()
    {
        ClearSession();
        Keras.Utils.SetRandomSeed(22);
        var model = Sequential().Add(Input(3)).Add(Dense(2)).Add(Dense(1));
        model.Compile(new SGD(learningRate: 0.05), "mse");
        return model;
    }

    private static float[,] Rows(int n, int width, int seed)
    {
        var random = new Random(seed);
        var rows = new float[n, width];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < width; j++)
                rows[i, j] = (float)(random.NextDouble() * 2 - 1);
        return rows;
    }

    private static float[][] Jagged(float[,] rows) =>
        Enumerable.Range(0, rows.GetLength(0)).Select(i => Enumerable.Range(0, rows.GetLength(1)).Select(j => rows[i, j]).ToArray()).ToArray();

    [Fact]
    public void EachConversionKeepsWhatWasPassed()
    {
        using var t = ones(4, 3);
        var values = new object[]
        {
            t, new float[4, 3], new byte[2, 3, 4], new int[] { 1, 2 }, new long[3], new double[2, 2], new float[][] { [1f, 2f] },
            new double[][] { [1.0] }, new[] { t, t }, new object[] { t, new float[4, 2] }, new Array[] { new float[1], new int[1] },
            new List<Tensor> { t }, new List<object?> { t, null }, new List<Array> { new float[1] },
            new Dictionary<string, Tensor> { ["a"] = t }, new Dictionary<string, object?> { ["a"] = t, ["b"] = null },
            new Dictionary<string, Array> { ["a"] = new float[1] },
        };
        ModelData[] converted =
        [
            t, new float[4, 3], new byte[2, 3, 4], new int[] { 1, 2 }, new long[3], new double[2, 2], new float[][] { [1f, 2f] },
            new double[][] { [1.0] }, new[] { t, t }, new object[] { t, new float[4, 2] }, new Array[] { new float[1], new int[1] },
            new List<Tensor> { t }, new List<object?> { t, null }, new List<Array> { new float[1] },
            new Dictionary<string, Tensor> { ["a"] = t }, new Dictionary<string, object?> { ["a"] = t, ["b"] = null },
            new Dictionary<string, Array> { ["a"] = new float[1] },
        ];
        Assert.Equal(values.Length, converted.Length);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i].GetType(), converted[i].Value!.GetType());
            Assert.False(converted[i].IsNull);
            Assert.False(converted[i].IsBatches);
        }
        Assert.Same(t, ((ModelData)t).Value);
        var list = new List<Tensor> { t };
        Assert.Same(list, ((ModelData)list).Value);
        var dataset = new TwoBatches(t, t);
        ModelData fromDataset = dataset;
        Assert.Same(dataset, fromDataset.Value);
        Assert.True(fromDataset.IsBatches);
        ModelData batchList = new List<DataBatch> { t };
        Assert.True(batchList.IsBatches);
        ModelData batchArray = new DataBatch[] { t };
        Assert.True(batchArray.IsBatches);
    }

    [Fact]
    public void NullDataAndDefaultHoldNothing()
    {
        Tensor? noTensor = null;
        float[,]? noArray = null;
        Dictionary<string, Tensor>? noDictionary = null;
        ModelData[] empty = [noTensor, noArray, noDictionary, default];
        foreach (var d in empty)
        {
            Assert.True(d.IsNull);
            Assert.Null(d.Value);
            Assert.False(d.IsBatches);
            Assert.Equal("null", d.ToString());
        }
    }

    [Fact]
    public void FromTakesDataTypedOnlyAtRunTime()
    {
        using var t = ones(2, 3);
        object tensor = t, array = new float[2, 3], dictionary = new SortedDictionary<string, Tensor> { ["a"] = t };
        IEnumerable<Tensor> lazy = new[] { t }.Select(x => x);
        Assert.Same(t, ModelData.From(tensor).Value);
        Assert.Same(array, ModelData.From(array).Value);
        Assert.Same(dictionary, ModelData.From(dictionary).Value);
        Assert.Same(lazy, ModelData.From(lazy).Value);
        var stream = Stream(t, t);
        Assert.True(ModelData.From(stream).IsBatches);
        ModelData already = new float[1];
        Assert.Same(already.Value, ModelData.From(already).Value);
    }

    [Fact]
    public void FromRefusesWhatIsNotDataNamingWhatItNeeds()
    {
        var text = Assert.Throws<ArgumentException>(() => ModelData.From("1, 2, 3"));
        Assert.Equal("value", text.ParamName);
        Assert.Contains("ModelData.From needs model data", text.Message);
        Assert.Contains("TorchSharp Tensor", text.Message);
        Assert.Contains("float[,]", text.Message);
        Assert.Contains("float[][]", text.Message);
        Assert.Contains("dictionary keyed by input or output name", text.Message);
        Assert.Contains("PyDataset", text.Message);
        Assert.Contains("but received a System.String", text.Message);
        Assert.Contains("but received a System.Int32", Assert.Throws<ArgumentException>(() => ModelData.From(42)).Message);
        Assert.Contains("but received a System.Object", Assert.Throws<ArgumentException>(() => ModelData.From(new object())).Message);
        var none = Assert.Throws<ArgumentNullException>(() => ModelData.From(null!));
        Assert.Equal("value", none.ParamName);
        Assert.Contains("pass null itself for an optional argument", none.Message);
    }

    [Fact]
    public void ToStringDescribesTheData()
    {
        using var t = zeros(8, 4);
        using var small = zeros(new long[] { 2, 3 }, ScalarType.Int64);
        Assert.Equal("a tensor of shape (8, 4) Float32", ((ModelData)t).ToString());
        Assert.Equal("a float[8, 4] array", ((ModelData)new float[8, 4]).ToString());
        Assert.Equal("a byte[2, 28, 28] array", ((ModelData)new byte[2, 28, 28]).ToString());
        Assert.Equal("an int[5] array", ((ModelData)new int[5]).ToString());
        Assert.Equal("a jagged double[3][] array", ((ModelData)new double[][] { [1], [2], [3] }).ToString());
        Assert.Equal("a list of 2: a tensor of shape (2, 3) Int64, a byte[2, 5] array",
            ((ModelData)new List<object?> { small, new byte[2, 5] }).ToString());
        Assert.Equal("a list of 2: a tensor of shape (8, 4) Float32, null", ((ModelData)new Tensor?[] { t, null }).ToString());
        Assert.Equal("a dictionary keyed by 'a', 'b'", ((ModelData)new Dictionary<string, Tensor> { ["a"] = t, ["b"] = t }).ToString());
        Assert.Equal("an empty dictionary", ((ModelData)new Dictionary<string, Array>()).ToString());
        Assert.Equal("a PyDataset (TwoBatches)", ((ModelData)new TwoBatches(t, t)).ToString());
        Assert.Equal("a stream of batches (List)", ((ModelData)new List<DataBatch> { t }).ToString());
    }

    [Fact]
    public void FitWithArraysEqualsFitWithTensors()
    {
        var x = Rows(16, 3, 1);
        var y = new float[16, 1];
        for (int i = 0; i < 16; i++) y[i, 0] = x[i, 0] - x[i, 2];
        var byArrays = OneInput();
        var fromArrays = byArrays.Fit(x, y, batchSize: 4, epochs: 2, shuffle: false, verbose: 0);
        var byTensors = OneInput();
        var fromTensors = byTensors.Fit(tensor(x), tensor(y), batchSize: 4, epochs: 2, shuffle: false, verbose: 0);
        Assert.Equal(fromTensors["loss"], fromArrays["loss"]);
        // Jagged rows, a double[][] validation set and a sample-weight array take the same path.
        var byJagged = OneInput();
        var fromJagged = byJagged.Fit(Jagged(x), y, batchSize: 4, epochs: 2, shuffle: false, verbose: 0,
            validationData: (new double[][] { [1, 2, 3] }, new double[,] { { 1 } }), sampleWeight: Enumerable.Repeat(1f, 16).ToArray());
        for (int epoch = 0; epoch < 2; epoch++) Assert.Equal(fromArrays["loss"][epoch], fromJagged["loss"][epoch], 6);
        Assert.Equal(2, fromJagged["val_loss"].Count);
    }

    [Fact]
    public void FitWithListAndDictionaryFormsEqualsFitWithTensorArrays()
    {
        var xa = Rows(12, 3, 2);
        var xb = Rows(12, 2, 3);
        using var y = randn(12, 1, generator: manual_seed(4));
        var tensors = TwoInputs().Fit(new[] { tensor(xa), tensor(xb) }, y, batchSize: 4, epochs: 2, shuffle: false, verbose: 0);
        var list = TwoInputs().Fit(new List<Tensor> { tensor(xa), tensor(xb) }, y, batchSize: 4, epochs: 2, shuffle: false, verbose: 0);
        var mixed = TwoInputs().Fit(new object[] { xa, tensor(xb) }, y, batchSize: 4, epochs: 2, shuffle: false, verbose: 0);
        var byName = TwoInputs().Fit(new Dictionary<string, Array> { ["b"] = xb, ["a"] = xa }, y, batchSize: 4, epochs: 2, shuffle: false, verbose: 0);
        var dynamic = TwoInputs().Fit(ModelData.From(new[] { xa, xb }.AsEnumerable()), y, batchSize: 4, epochs: 2, shuffle: false, verbose: 0);
        Assert.Equal(tensors["loss"], list["loss"]);
        Assert.Equal(tensors["loss"], mixed["loss"]);
        Assert.Equal(tensors["loss"], byName["loss"]);
        Assert.Equal(tensors["loss"], dynamic["loss"]);
    }

    [Fact]
    public void BadListsDictionariesAndJaggedArraysFailAtRunTimeNamingTheArgument()
    {
        var model = TwoInputs();
        using var xa = ones(4, 3);
        using var y = ones(4, 1);
        var tooFew = Assert.Throws<ArgumentException>(() => model.Fit(new List<Tensor> { xa }, y, verbose: 0));
        Assert.Equal("x", tooFew.ParamName);
        Assert.Contains("x must have 2 entries (one per model input), but received 1.", tooFew.Message);
        var single = Assert.Throws<ArgumentException>(() => model.Fit(xa, y, verbose: 0));
        Assert.Contains("x must be a list of 2 arrays or tensors (one per input), or a dictionary keyed by input name, but received a single tensor of shape (4, 3).", single.Message);
        var element = Assert.Throws<ArgumentException>(() => model.Fit(ModelData.From(new List<string> { "a", "b" }), y, verbose: 0));
        Assert.Equal("x[0]", element.ParamName);
        Assert.Contains("x[0] must be a TorchSharp Tensor", element.Message);
        Assert.Contains("but received System.String", element.Message);
        var key = Assert.Throws<ArgumentException>(() => model.Fit(new Dictionary<string, Tensor> { ["a"] = xa, ["c"] = xa }, y, verbose: 0));
        Assert.Contains("x has the key 'c', which is not an input of model", key.Message);
        var intKey = Assert.Throws<ArgumentException>(() => model.Fit(ModelData.From(new Dictionary<int, Tensor> { [0] = xa }), y, verbose: 0));
        Assert.Contains("its keys must be input names (strings), but received the key 0 (Int32)", intKey.Message);
        var ragged = Assert.Throws<ArgumentException>(() => OneInput().Fit(new float[][] { [1, 2, 3], [1, 2] }, new float[] { 1, 2 }, verbose: 0));
        Assert.Equal("x", ragged.ParamName);
        Assert.Contains("x must be rectangular: row 0 has 3 values, but row 1 has 2.", ragged.Message);
        var raggedValidation = Assert.Throws<ArgumentException>(() => OneInput().Fit(new float[,] { { 1, 2, 3 } }, new float[,] { { 1 } }, verbose: 0,
            validationData: (new double[][] { [1, 2, 3], [1] }, new double[] { 1, 2 })));
        Assert.Contains("validationData.X must be rectangular", raggedValidation.Message);
    }

    [Fact]
    public void NullTargetsInAListOrDictionarySkipOutputsWithoutALoss()
    {
        Keras.Utils.SetRandomSeed(23);
        var x = Input(4, name: "x");
        var trunk = Dense(4, name: "trunk").Apply(x);
        var model = new Model(x, [Dense(1, name: "a").Apply(trunk), Dense(1, name: "b").Apply(trunk)]);
        model.Compile(new SGD(0.05), [null, "mse"]);
        using var data = randn(8, 4, generator: manual_seed(5));
        using var yb = data.sum(1, keepdim: true);
        double byList = model.Evaluate(data, new List<Tensor?> { null, yb }, verbose: 0)["loss"];
        double byName = model.Evaluate(data, new Dictionary<string, Tensor?> { ["a"] = null, ["b"] = yb }, verbose: 0)["loss"];
        double byObjects = model.Evaluate(data, new Dictionary<string, object?> { ["a"] = null, ["b"] = yb }, verbose: 0)["loss"];
        Assert.Equal(byList, byName);
        Assert.Equal(byList, byObjects);
        Assert.Equal(model.Evaluate(data, new[] { yb }, verbose: 0)["loss"], byList);
    }

    [Fact]
    public void NullTensorTargetsAreNoTargets()
    {
        var model = OneInput();
        using var x = ones(4, 3);
        Tensor? none = null;
        var ex = Assert.Throws<ArgumentNullException>(() => model.Fit(x, none, verbose: 0));
        Assert.Equal("y", ex.ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => model.Fit(none!, x, verbose: 0)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => model.Predict(default(ModelData), verbose: 0)).ParamName);
    }

    [Fact]
    public void BatchesGivenAsModelDataGoToTheStreamLoops()
    {
        var model = OneInput();
        using var x = randn(4, 3, generator: manual_seed(6));
        using var y = randn(4, 1, generator: manual_seed(7));
        ModelData dataset = new TwoBatches(x, y);
        ModelData stream = ModelData.From(Stream(x, y));
        double viaDataset = model.Evaluate(dataset, null, verbose: 0)["loss"];
        Assert.Equal(model.Evaluate(x, y, batchSize: 2, verbose: 0)["loss"], viaDataset, 6);
        Assert.Equal(model.Evaluate(x, y, verbose: 0)["loss"], model.Evaluate(stream, null, verbose: 0)["loss"], 6);
        var refused = Assert.Throws<ArgumentException>(() => model.Fit(dataset, y, verbose: 0));
        Assert.Equal("y", refused.ParamName);
        // Keras' fit(dataset, validation_data=val_dataset): the pair's targets are null.
        var history = model.Fit(dataset, null, epochs: 2, verbose: 0, validationData: (new TwoBatches(x, y), null));
        Assert.Equal(2, history["val_loss"].Count);
        var arrays = Assert.Throws<ArgumentException>(() => model.Fit(dataset, null, verbose: 0, validationData: (x, y)));
        Assert.Contains("must be batches too: (batches, null)", arrays.Message);
    }

    [Fact]
    public void ATensorArrayGivenToPredictAloneIsStillAStreamOfBatches()
    {
        var model = OneInput();
        using var a = randn(3, 3, generator: manual_seed(8));
        using var b = randn(2, 3, generator: manual_seed(9));
        using var both = cat([a, b]);
        using var expected = model.Predict(both, verbose: 0);
        using var streamed = model.Predict(new[] { a, b }, verbose: 0);
        using var listed = model.Predict(new List<Tensor> { a, b }, verbose: 0);
        Assert.True(expected.allclose(streamed, 1e-6, 1e-6));
        Assert.True(expected.allclose(listed, 1e-6, 1e-6));
    }
}
