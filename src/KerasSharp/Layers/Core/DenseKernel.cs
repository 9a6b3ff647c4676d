using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// How <see cref="Dense"/> computes <c>x @ kernel + bias</c> (Keras' <c>ops.matmul</c> and add) on LibTorch: the
/// product form is chosen for the CPU's GEMM, each form giving a row the same bits whatever the number of rows (checked
/// in InferenceMergingTests), so the choice never changes results between batch sizes.
/// </summary>
internal static class DenseKernel
{
    /// <summary>Rows x inputs from which a few-unit kernel is used transposed (<c>(kernel^T x^T)^T</c>).</summary>
    private const long TransposedProductElements = 8192;

    /// <summary>
    /// <c>x @ kernel + bias</c> for an input of shape <paramref name="shape"/> (already known to the caller). Rank other
    /// than 2: a batched matmul. Rank 2: a kernel of Keras' (in, units) layout with a few units is a slow right-hand
    /// matrix for the CPU GEMM (2.7x slower at 128 x 512 -> 10 than the same product as <c>kernel^T x^T</c> transposed
    /// back, and 1.3x slower at 32 x 128 -> 10 than with a contiguous (units, in) copy of the kernel, which Predict and
    /// Evaluate keep for their length in <see cref="Internal.FrozenWeights"/>). Wider kernels gain less from that copy
    /// (2-6% at 512 units, the same bits), so those calls make it only when they run enough rows to pay for it.
    /// Inference only: with gradients the transposed forms cost more in the backward pass than they save.
    /// </summary>
    public static Tensor Product(Tensor x, Shape shape, Tensor kernel, Tensor? bias)
    {
        if (shape.Rank != 2)
            return bias is null ? x.matmul(kernel) : x.matmul(kernel).add_(bias);
        bool fewUnits = FewUnitsInCpuInference(x, kernel.size(1));
        if (fewUnits && Internal.FrozenWeights.BatchRows(shape[0]!.Value) * shape[1]!.Value >= TransposedProductElements)
            return (bias is null ? kernel.t().mm(x.t()) : addmm(bias.unsqueeze(1), kernel.t(), x.t(), 1, 1)).t().contiguous();
        var right = Internal.FrozenWeights.InTransposedLayout(kernel, atAnySize: fewUnits) ?? kernel;
        return bias is null ? x.mm(right) : addmm(bias, x, right, 1, 1);
    }

    private static bool FewUnitsInCpuInference(Tensor x, long units) =>
        units is >= 2 and <= 15 && x.device_type == TorchSharp.DeviceType.CPU && !is_grad_enabled();
}
