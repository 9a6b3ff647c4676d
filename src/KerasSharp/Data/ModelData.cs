using System.Collections;
using System.Globalization;
using static TorchSharp.torch;

namespace KerasSharp.Data;

/// <summary>
/// The data a user gives to <see cref="Model"/>'s Fit, Evaluate, Predict and the <c>*OnBatch</c> methods (Keras'
/// <c>x</c>, <c>y</c> and <c>sample_weight</c>): what was passed, held as is and converted to tensors when the call runs.
/// It converts implicitly from each form those methods accept, so a call reads as in Keras (<c>model.Fit(x, y)</c>) and
/// any other type fails at compile time:
/// <list type="bullet">
/// <item>a TorchSharp <see cref="Tensor"/>;</item>
/// <item>a .NET array (<see cref="Array"/>): rectangular of any rank with float, double, int, long or byte elements
/// (<c>float[,]</c>, <c>byte[,,]</c>, <c>int[]</c>, ...), jagged <c>float[][]</c> or <c>double[][]</c>, or, for a model
/// with several inputs or outputs, a list with one per input (output) in order (<c>Tensor[]</c>, <c>object[]</c>,
/// <c>Array[]</c>);</item>
/// <item>a <see cref="List{T}"/> of those (one per input or output);</item>
/// <item>a dictionary keyed by input (output) name (Keras' dict form); a null value leaves out the targets of an
/// output compiled without a loss;</item>
/// <item>a <see cref="PyDataset"/> or a list of <see cref="DataBatch"/>es (Keras' <c>fit(dataset)</c>), which carry
/// their own targets.</item>
/// </list>
/// For a value whose type is known only at run time, use <see cref="From(object)"/>. The element types and shapes are
/// checked when the call runs, with messages naming the argument.
/// </summary>
public readonly struct ModelData
{
    private ModelData(object? value) => Value = value;

    /// <summary>What was passed (a tensor, an array, a list, a dictionary, a <see cref="PyDataset"/> or a stream of
    /// batches); null for a null tensor, array, list or dictionary, and for <c>default(ModelData)</c>.</summary>
    public object? Value { get; }

    /// <summary>Whether no data was given (a null tensor, array, list or dictionary, or <c>default(ModelData)</c>).</summary>
    public bool IsNull => Value is null;

    /// <summary>Whether the data is a <see cref="PyDataset"/> or a stream of <see cref="DataBatch"/>es (each batch then
    /// carries its own targets and weights), not arrays or tensors.</summary>
    public bool IsBatches => Value is PyDataset or IEnumerable<DataBatch?>;

    /// <summary>A tensor: one input, output or sample-weight array.</summary>
    /// <param name="data">The tensor, samples on the first axis.</param>
    public static implicit operator ModelData(Tensor? data) => new(data);

    /// <summary>
    /// A .NET array: a rectangular array of float, double, int, long or byte (<c>float[,]</c>, <c>int[]</c>,
    /// <c>byte[,,]</c>, ...), a jagged <c>float[][]</c> or <c>double[][]</c>, or one array or tensor per model input
    /// (output) in order (<c>Tensor[]</c>, <c>object[]</c>, <c>Array[]</c>). The element type is checked when the call runs.
    /// </summary>
    /// <param name="data">The array.</param>
    public static implicit operator ModelData(Array? data) => new(data);

    // The list and dictionary conversions are declared nullable-oblivious: one conversion then takes both
    // List<object> and List<object?>, Dictionary<string, Tensor> and Dictionary<string, Tensor?> (a null value leaves
    // out the targets of an output without a loss), without nullability warnings at the call.
#nullable disable
    /// <summary>One tensor per model input (output), in order (Keras' list form).</summary>
    /// <param name="data">The tensors.</param>
    public static implicit operator ModelData(List<Tensor> data) => new(data);

    /// <summary>One array or tensor per model input (output), in order; a null entry leaves out the targets of an
    /// output compiled without a loss.</summary>
    /// <param name="data">The arrays or tensors.</param>
    public static implicit operator ModelData(List<object> data) => new(data);

    /// <summary>One array per model input (output), in order.</summary>
    /// <param name="data">The arrays.</param>
    public static implicit operator ModelData(List<Array> data) => new(data);

    /// <summary>Tensors keyed by model input (output) name (Keras' dict form).</summary>
    /// <param name="data">The tensors by name.</param>
    public static implicit operator ModelData(Dictionary<string, Tensor> data) => new(data);

    /// <summary>Arrays or tensors keyed by model input (output) name (Keras' dict form); a null value leaves out the
    /// targets of an output compiled without a loss.</summary>
    /// <param name="data">The arrays or tensors by name.</param>
    public static implicit operator ModelData(Dictionary<string, object> data) => new(data);

    /// <summary>Arrays keyed by model input (output) name (Keras' dict form).</summary>
    /// <param name="data">The arrays by name.</param>
    public static implicit operator ModelData(Dictionary<string, Array> data) => new(data);

#nullable restore

    /// <summary>A <see cref="PyDataset"/> (Keras' <c>fit(py_dataset)</c>): its batches carry their own targets.</summary>
    /// <param name="data">The dataset.</param>
    public static implicit operator ModelData(PyDataset? data) => new(data);

    /// <summary>A list of <see cref="DataBatch"/>es (Keras' <c>fit(dataset)</c>): the batches carry their own targets.</summary>
    /// <param name="data">The batches.</param>
    public static implicit operator ModelData(List<DataBatch> data) => new(data);

    /// <summary>
    /// The data held in an <see cref="object"/>, for a value whose type is known only at run time (C# has no implicit
    /// conversion from <see cref="object"/> or an interface): a tensor, an array, a list or other collection
    /// (<see cref="IEnumerable"/>), a dictionary (<see cref="IDictionary"/>), a <see cref="PyDataset"/>, a stream of
    /// <see cref="DataBatch"/>es, or a <see cref="ModelData"/>. The elements and shapes are checked when the call runs.
    /// </summary>
    /// <param name="value">The data.</param>
    /// <returns>The data as <see cref="ModelData"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is none of the forms above (a string, a number, ...).</exception>
    public static ModelData From(object value) => value switch
    {
        null => throw new ArgumentNullException(nameof(value),
            "ModelData.From needs data, but received null; pass null itself for an optional argument (y, sampleWeight)."),
        ModelData data => data,
        Tensor or Array or IDictionary or PyDataset => new(value),
        string => throw NotData(value),
        IEnumerable => new(value),
        _ => throw NotData(value),
    };

    private static ArgumentException NotData(object value) => new(
        "ModelData.From needs model data: " + ArrayConversion.AcceptedTypes +
        "; a list with one of those per model input or output; a dictionary keyed by input or output name; " +
        $"a PyDataset or a stream of DataBatch; but received a {ArrayConversion.Describe(value.GetType())}.", nameof(value));

    /// <summary>
    /// What the data is, for messages: <c>a tensor of shape (8, 4) Float32</c>, <c>a float[8, 4] array</c>,
    /// <c>a list of 2: a tensor of shape (8, 4) Float32, a byte[8, 28, 28] array</c>, <c>a dictionary keyed by 'a', 'b'</c>,
    /// <c>a PyDataset (MyBatches)</c>, <c>a stream of batches (List)</c>, or <c>null</c>. A stream is not enumerated.
    /// </summary>
    /// <returns>The description.</returns>
    public override string ToString() => Describe(Value, nested: false);

    private static string Describe(object? value, bool nested) => value switch
    {
        null => "null",
        Tensor t => $"a tensor of shape ({string.Join(", ", t.shape)}) {t.dtype}",
        Array a when a.GetType().GetElementType() is { IsArray: false } element && (IsNumber(element) || element == typeof(string))
            => $"{Article(element)} {TypeName(element)}[{string.Join(", ", Enumerable.Range(0, a.Rank).Select(d => a.GetLength(d).ToString(CultureInfo.InvariantCulture)))}] array",
        Array a when a.GetType().GetElementType() is { IsArray: true } row && a.Rank == 1 && IsNumber(row.GetElementType()!)
            => $"a jagged {TypeName(row.GetElementType()!)}[{a.Length}][] array",
        IDictionary d => d.Count == 0 ? "an empty dictionary"
            : $"a dictionary keyed by {string.Join(", ", d.Keys.Cast<object>().Select(k => $"'{k}'"))}",
        PyDataset p => $"a PyDataset ({p.GetType().Name})",
        IEnumerable<DataBatch?> => $"a stream of batches ({value.GetType().Name.Split('`')[0]})",
        ICollection c when !nested => $"a list of {c.Count}" +
            (c.Count == 0 ? "" : ": " + string.Join(", ", c.Cast<object?>().Select(item => Describe(item, nested: true)))),
        _ => $"a {ArrayConversion.Describe(value.GetType())}",
    };

    private static bool IsNumber(Type type) =>
        type == typeof(float) || type == typeof(double) || type == typeof(int) || type == typeof(long) || type == typeof(byte);

    private static string Article(Type element) => element == typeof(int) ? "an" : "a";

    private static string TypeName(Type type) =>
        type == typeof(float) ? "float" : type == typeof(double) ? "double" : type == typeof(int) ? "int"
        : type == typeof(long) ? "long" : type == typeof(byte) ? "byte" : type == typeof(string) ? "string" : type.Name;
}
