using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// One of <see cref="MultiHeadAttention"/>'s projections, holding weights shaped as Keras' <c>EinsumDense</c> sub-layers
/// (<c>kernel</c>, then <c>bias</c>): query/key/value kernels <c>(dim, heads, head_dim)</c> with bias
/// <c>(heads, head_dim)</c>, the output kernel <c>(heads, value_dim, *output_shape)</c> with bias <c>output_shape</c>.
/// <see cref="Project"/> contracts the last <see cref="contractedAxes"/> input axes with the kernel's leading axes.
/// </summary>
internal sealed class AttentionProjection : Layer
{
    private readonly long[] kernelShape;
    private readonly long[] biasShape;
    private readonly int contractedAxes;
    private readonly Initializer kernelInitializer;
    private readonly Initializer biasInitializer;
    private readonly Regularizer? kernelRegularizer;
    private readonly Regularizer? biasRegularizer;
    private readonly Constraint? kernelConstraint;
    private readonly Constraint? biasConstraint;
    private readonly bool useBias;

    public AttentionProjection(string name, long[] kernelShape, int contractedAxes, bool useBias,
        Initializer kernelInitializer, Initializer biasInitializer, Regularizer? kernelRegularizer, Regularizer? biasRegularizer,
        Constraint? kernelConstraint, Constraint? biasConstraint)
        : base(name)
    {
        this.kernelShape = kernelShape;
        this.contractedAxes = contractedAxes;
        biasShape = kernelShape[contractedAxes..];
        this.useBias = useBias;
        this.kernelInitializer = kernelInitializer;
        this.biasInitializer = biasInitializer;
        this.kernelRegularizer = kernelRegularizer;
        this.biasRegularizer = biasRegularizer;
        this.kernelConstraint = kernelConstraint;
        this.biasConstraint = biasConstraint;
    }

    public Parameter? Kernel { get; private set; }
    public Parameter? Bias { get; private set; }

    protected override void Build(Shape inputShape)
    {
        Kernel = AddWeight("kernel", kernelShape, kernelInitializer, regularizer: kernelRegularizer, constraint: kernelConstraint);
        if (useBias)
            Bias = AddWeight("bias", biasShape, biasInitializer, regularizer: biasRegularizer, constraint: biasConstraint);
    }

    /// <summary>Contracts the last <see cref="contractedAxes"/> axes of <paramref name="x"/> with the kernel and adds the bias.</summary>
    public Tensor Project(Tensor x)
    {
        long inSize = kernelShape[..contractedAxes].Aggregate(1L, (a, b) => a * b);
        long outSize = biasShape.Aggregate(1L, (a, b) => a * b);
        var lead = x.shape[..^contractedAxes];
        var y = x.reshape([.. lead, inSize]).matmul(Kernel!.reshape(inSize, outSize));
        if (Bias is not null) y = y + Bias.reshape(outSize);
        return y.reshape([.. lead, .. biasShape]);
    }

    protected override Tensor Call(Tensor x, bool training) => Project(x);
}
