using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' <c>Lambda</c>: wraps a tensor function as a layer (<c>Lambda(t =&gt; t.tanh())</c>). The function has no
/// weights and receives the layer's input as a TorchSharp tensor.
/// </summary>
/// <remarks>
/// Like a Python lambda in Keras, the function is code and cannot be written into a config: <see cref="GetConfig"/>
/// stores it as Keras' <c>{"class_name": "__lambda__", ...}</c> marker without code, so Keras (in safe mode) and
/// <see cref="FromConfig"/> refuse to rebuild it unless the caller supplies the function again. Prefer a
/// <see cref="Layer"/> subclass for models that must be saved and loaded.
/// </remarks>
public class Lambda : Layer
{
    /// <summary>The <c>class_name</c> Keras uses for serialized lambda functions.</summary>
    public const string LambdaClassName = "__lambda__";

    private readonly Func<Tensor, Tensor> function;

    /// <summary>Creates a Lambda layer.</summary>
    /// <param name="function">The computation, e.g. <c>t =&gt; t.tanh()</c>.</param>
    /// <param name="outputShape">The output shape without the batch axis; null to infer it by running the function.</param>
    /// <param name="name">Layer name (default <c>lambda</c>, <c>lambda_1</c>, ...).</param>
    public Lambda(Func<Tensor, Tensor> function, Shape? outputShape = null, string? name = null) : base(name)
    {
        this.function = function ?? throw new ArgumentNullException(nameof(function), "Lambda: function is required.");
        OutputShape = outputShape;
    }

    /// <summary>The wrapped function.</summary>
    public Func<Tensor, Tensor> Function => function;

    /// <summary>The declared output shape without the batch axis, or null (inferred).</summary>
    public Shape? OutputShape { get; }

    /// <inheritdoc />
    protected override bool AcceptsIntegerInput => true;

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) =>
        function(x) ?? throw new InvalidOperationException($"Layer \"{Name}\": the Lambda function returned null.");

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) =>
        OutputShape is Shape s ? new Shape([inputShape.Rank > 0 ? inputShape[0] : null, .. s]) : base.ComputeOutputShape(inputShape);

    /// <summary>
    /// Keras' config: <c>function</c> is the <c>__lambda__</c> marker (no code: .NET code cannot be serialized),
    /// <c>output_shape</c> when given, and <c>arguments</c> (always empty).
    /// </summary>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["function"] = new Dictionary<string, object?>
        {
            ["class_name"] = LambdaClassName,
            ["config"] = new Dictionary<string, object?>
            {
                ["code"] = null,
                ["defaults"] = null,
                ["closure"] = null,
                ["dotnet_method"] = $"{function.Method.DeclaringType?.FullName}.{function.Method.Name}",
            },
        };
        if (OutputShape is Shape s)
            config["output_shape"] = s.ToList();
        config["arguments"] = new Dictionary<string, object?>();
        return config;
    }

    /// <summary>
    /// Rebuilds a Lambda layer from its config (Keras' <c>Lambda.from_config</c>). The function is code and is never
    /// read from the config: pass it as <paramref name="function"/> (as Keras' <c>custom_objects</c>); without it the
    /// call is refused, as Keras refuses lambda deserialization in safe mode.
    /// </summary>
    /// <param name="config">A config written by <see cref="GetConfig"/> or by Keras.</param>
    /// <param name="function">The function to use; null refuses.</param>
    public static Lambda FromConfig(IReadOnlyDictionary<string, object?> config, Func<Tensor, Tensor>? function = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        string? name = config.TryGetValue("name", out var n) ? n?.ToString() : null;
        if (function is null)
            throw new ArgumentException(
                $"Requested the deserialization of Lambda layer \"{name}\", whose function is code that a config cannot carry " +
                "(Keras stores it as a \"__lambda__\" and refuses it in safe mode). Pass the function to Lambda.FromConfig, " +
                "or replace the Lambda with a Layer subclass.", nameof(function));
        Shape? outputShape = config.TryGetValue("output_shape", out var os) ? ReadShape(os) : null;
        return new Lambda(function, outputShape, name);
    }

    private static Shape? ReadShape(object? value)
    {
        static long? Dim(object? d) => d switch
        {
            null => null,
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Null } => null,
            System.Text.Json.JsonElement e => e.GetInt64(),
            _ => Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture),
        };
        return value switch
        {
            null => (Shape?)null,
            Shape s => s,
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } e => new Shape(e.EnumerateArray().Select(d => Dim(d)).ToArray()),
            System.Collections.IEnumerable items and not string => new Shape(items.Cast<object?>().Select(Dim).ToArray()),
            _ => throw new ArgumentException($"Lambda: output_shape must be a list of integers, but received {value}.", nameof(value)),
        };
    }
}
