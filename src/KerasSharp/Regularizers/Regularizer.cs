using static TorchSharp.torch;

namespace KerasSharp.Regularizers;

/// <summary>
/// Base of weight regularizers (Keras' <c>keras.regularizers.Regularizer</c>): maps a weight to a scalar penalty that
/// training adds to the loss. Pass one as <c>kernelRegularizer</c>, <c>biasRegularizer</c> or <c>activityRegularizer</c>,
/// or by name: <c>"l1"</c>, <c>"l2"</c>, <c>"l1_l2"</c>.
/// </summary>
public abstract class Regularizer
{
    /// <summary>The penalty for <paramref name="x"/>: a scalar tensor in the autograd graph.</summary>
    public abstract Tensor Call(Tensor x);

    /// <summary>Keras' registered snake_case name (<c>l2</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Keras' config dictionary.</summary>
    public abstract Dictionary<string, object?> GetConfig();

    /// <summary>Resolves a registry name (<c>"l2"</c>) to a regularizer with Keras' default factors.</summary>
    public static implicit operator Regularizer(string name) => RegularizerRegistry.Get(name);

    /// <summary>Validates a penalty factor (finite and &gt;= 0), naming the argument.</summary>
    protected static double CheckFactor(double value, string argument)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(argument, value, $"Regularizer '{argument}' must be a finite number >= 0, but received {value}.");
        return value;
    }
}
