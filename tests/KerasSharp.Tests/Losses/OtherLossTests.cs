using KerasSharp.Losses;
using KerasSharp.Tests.TestSupport;

namespace KerasSharp.Tests.Losses;

public class HingeTests
{
    [Fact]
    public void BinaryLabelsAreMappedToPlusMinusOne()
    {
        // labels 0,1 -> -1,1: max(1 + 0.3, 0) = 1.3, max(1 - 0.4, 0) = 0.6 -> mean 0.95
        TensorAssert.Close(0.95, new Hinge().Compute(T.F([0, 1], 1, 2), T.F([0.3f, 0.4f], 1, 2)), 1e-6);
        // already -1/1 labels give the same value
        TensorAssert.Close(0.95, new Hinge().Compute(T.F([-1, 1], 1, 2), T.F([0.3f, 0.4f], 1, 2)), 1e-6);
    }

    [Fact]
    public void Squared() =>
        // (1.3^2 + 0.6^2)/2 = (1.69 + 0.36)/2 = 1.025
        TensorAssert.Close(1.025, new SquaredHinge().Compute(T.F([0, 1], 1, 2), T.F([0.3f, 0.4f], 1, 2)), 1e-6);

    [Fact]
    public void Categorical() =>
        // pos = 0.5, neg = max(0.2, 0, 0.3) = 0.3 -> max(0.3 - 0.5 + 1, 0) = 0.8
        TensorAssert.Close(0.8, new CategoricalHinge().Compute(T.F([0, 1, 0], 1, 3), T.F([0.2f, 0.5f, 0.3f], 1, 3)), 1e-6);
}

public class PoissonTests
{
    [Fact]
    public void KnownValue() =>
        // 2 - 1 * ln(2 + 1e-7) = 1.3068528
        TensorAssert.Close(1.3068528, new Poisson().Compute(T.F([1], 1, 1), T.F([2], 1, 1)), 1e-6);
}

public class KLDivergenceTests
{
    [Fact]
    public void KnownValue() =>
        // 0.5 ln(0.5/0.25) + 0.5 ln(0.5/0.75) = 0.3465736 - 0.2027326 = 0.1438410
        TensorAssert.Close(0.1438410, new KLDivergence().Compute(T.F([0.5f, 0.5f], 1, 2), T.F([0.25f, 0.75f], 1, 2)), 1e-6);
}

public class BinaryFocalCrossentropyTests
{
    [Fact]
    public void KerasDocExample()
    {
        // sample 1: both elements bce = -ln 0.4 = 0.916291, p_t = 0.4, factor 0.6^2 -> 0.329865
        // sample 2: (0, 0.4): -ln 0.6 * 0.4^2 = 0.081732; (0, 0.6): 0.916291 * 0.36 = 0.329865 -> mean 0.205798
        var loss = new BinaryFocalCrossentropy(gamma: 2, reduction: "none");
        TensorAssert.Close([0.329865, 0.205798], loss.Compute(T.F([0, 1, 0, 0], 2, 2), T.F([0.6f, 0.4f, 0.4f, 0.6f], 2, 2)), 1e-5);
    }

    [Fact]
    public void ClassBalancing()
    {
        // sample 1 weighted: class 0 by 0.75, class 1 by 0.25: (0.75 + 0.25) * 0.329865 / 2 = 0.164933
        var loss = new BinaryFocalCrossentropy(applyClassBalancing: true, reduction: "none");
        TensorAssert.Close([0.164933], loss.Compute(T.F([0, 1], 1, 2), T.F([0.6f, 0.4f], 1, 2)), 1e-5);
    }

    [Fact]
    public void FromLogitsMatchesProbabilities()
    {
        // logit of 0.6 is ln(1.5), of 0.4 is ln(2/3)
        var probs = new BinaryFocalCrossentropy().Compute(T.F([0, 1], 1, 2), T.F([0.6f, 0.4f], 1, 2));
        var logits = new BinaryFocalCrossentropy(fromLogits: true).Compute(T.F([0, 1], 1, 2), T.F([MathF.Log(1.5f), MathF.Log(2f / 3)], 1, 2));
        TensorAssert.Close(probs, logits, 1e-5);
    }
}
