using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>Keras' <c>RepeatVector</c>: repeats a <c>(batch, features)</c> input <see cref="N"/> times into <c>(batch, n, features)</c>.</summary>
public class RepeatVector : Layer
{
    /// <summary>Creates a RepeatVector layer.</summary>
    /// <param name="n">Number of repetitions (&gt;= 1).</param>
    /// <param name="name">Layer name (default <c>repeat_vector</c>).</param>
    public RepeatVector(int n, string? name = null) : base(name)
    {
        if (n < 1)
            throw new ArgumentOutOfRangeException(nameof(n), n, $"RepeatVector: n must be >= 1, but received {n}.");
        N = n;
        InputSpec = new InputSpec { Rank = 2 };
    }

    /// <summary>Number of repetitions.</summary>
    public int N { get; }

    /// <inheritdoc />
    protected override bool AcceptsIntegerInput => true;

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training) => x.unsqueeze(1).repeat(1, N, 1);

    /// <inheritdoc />
    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape[0], N, inputShape[1]);

    /// <inheritdoc />
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["n"] = N;
        return config;
    }
}
