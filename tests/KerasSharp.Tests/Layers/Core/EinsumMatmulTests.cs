using KerasSharp.Layers;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Layers.Core;

/// <summary>
/// EinsumDense's direct <c>bmm</c> form (<see cref="EinsumMatmul"/>) against LibTorch's <c>einsum</c> on the same
/// tensors: for every equation the plan accepts, forward values and the gradients with respect to the input, the
/// kernel and the bias are bitwise equal, at sizes where <c>bmm</c> takes its small-matrix loop (fewer than 400
/// multiply-adds per batch) and at sizes where it calls BLAS; equations of any other form are refused.
/// </summary>
public class EinsumMatmulTests
{
    /// <summary>Same shape and the same bits in every element.</summary>
    private static bool Bitwise(Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) &&
        a.detach().contiguous().data<float>().ToArray().Select(BitConverter.SingleToInt32Bits)
            .SequenceEqual(b.detach().contiguous().data<float>().ToArray().Select(BitConverter.SingleToInt32Bits));

    [Theory]
    [InlineData("ab,bc->ac")]
    [InlineData("abc,cd->abd")]
    [InlineData("abc,cde->abde")]
    [InlineData("abcd,cde->abe")]
    [InlineData("abc,bcd->ad")]
    [InlineData("aBc,Bcd->ad")]
    public void MatmulFormEquationsHaveAPlan(string equation) => Assert.NotNull(EinsumMatmul.For(equation));

    [Theory]
    [InlineData("...b,bc->...c")]   // ellipsis
    [InlineData("ab...,bc->ac...")]
    [InlineData("acb,cbd->ad")]     // contracted labels not in einsum's order (b before c)
    [InlineData("ab,cb->ac")]       // contracted label not first in the kernel
    [InlineData("ab,bc->ca")]       // output not kept input labels then kernel labels
    [InlineData("abc,acd->abd")]    // a label in both operands and the output (a batch label)
    [InlineData("ab,b->a")]         // nothing kept from the kernel
    [InlineData("aab,bc->ac")]      // repeated label
    public void OtherEquationsHaveNone(string equation) => Assert.Null(EinsumMatmul.For(equation));

    public static TheoryData<string, long[], long[]> Cases => new()
    {
        { "ab,bc->ac", [5, 3], [3, 4] },                // 60 multiply-adds: bmm's small-matrix loop
        { "ab,bc->ac", [64, 96], [96, 32] },
        { "abc,cd->abd", [4, 6, 8], [8, 5] },
        { "abc,cd->abd", [16, 32, 64], [64, 48] },
        { "abc,cde->abde", [2, 3, 5], [5, 2, 3] },
        { "abc,cde->abde", [32, 64, 64], [64, 4, 16] }, // MultiHeadAttention's query/key/value projections
        { "abcd,cde->abe", [2, 3, 2, 2], [2, 2, 3] },
        { "abcd,cde->abe", [32, 64, 4, 16], [4, 16, 64] }, // and its output projection
        { "abc,bcd->ad", [2, 3, 4], [3, 4, 5] },
        { "abc,bcd->ad", [8, 6, 7], [6, 7, 5] },
        { "abc,bcd->ad", [64, 16, 32], [16, 32, 48] },
        { "aBc,Bcd->ad", [9, 5, 7], [5, 7, 11] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BmmFormIsBitwiseEinsumWithGradients(string equation, long[] xShape, long[] kernelShape)
    {
        var g = new TorchSharp.torch.Generator(17);
        var x = randn(xShape, generator: g);
        var kernel = randn(kernelShape, generator: g);
        var plan = EinsumMatmul.For(equation)!;
        var (x1, k1) = (x.clone().requires_grad_(true), kernel.clone().requires_grad_(true));
        var (x2, k2) = (x.clone().requires_grad_(true), kernel.clone().requires_grad_(true));
        var fast = EinsumMatmul.TryApply(plan, x1, k1);
        Assert.NotNull(fast);
        var reference = einsum(equation, x2, k2);
        Assert.Equal(reference.shape, fast.shape);
        Assert.True(Bitwise(fast, reference), $"{equation}: forward values differ");
        var weights = randn(reference.shape, generator: g);
        (fast * weights).sum().backward();
        (reference * weights).sum().backward();
        Assert.True(Bitwise(x1.grad!, x2.grad!), $"{equation}: input gradients differ");
        Assert.True(Bitwise(k1.grad!, k2.grad!), $"{equation}: kernel gradients differ");
    }

    [Fact]
    public void MultiHeadAttentionProjectionsAreBitwiseEinsumPlusBias()
    {
        // The layer as MultiHeadAttention builds it (random bias so that it matters), against einsum + bias by hand,
        // with the gradient arriving through the head permutation as it does inside the attention.
        foreach (var (equation, inputShape, outputShape, biasAxes) in new (string, long[], long?[], string)[]
                 {
                     ("abc,cde->abde", [8, 16, 32], [null, 4, 8], "de"),
                     ("abcd,cde->abe", [8, 16, 4, 8], [null, 32], "e"),
                 })
        {
            var layer = new EinsumDense(equation, new Shape(outputShape), biasAxes: biasAxes,
                biasInitializer: new KerasSharp.Initializers.RandomNormal());
            var x = randn(inputShape, generator: new TorchSharp.torch.Generator(5));
            var x1 = x.clone().requires_grad_(true);
            var y1 = layer.Apply(x1, training: true);
            var k2 = layer.Kernel!.detach().clone().requires_grad_(true);
            var b2 = layer.Bias!.detach().clone().requires_grad_(true);
            var x2 = x.clone().requires_grad_(true);
            var y2 = einsum(equation, x2, k2).add_(b2);
            Assert.True(Bitwise(y1, y2), $"{equation}: forward values differ");
            var weights = randn(y2.shape, generator: new TorchSharp.torch.Generator(9));
            Tensor Through(Tensor y) => y.dim() == 4 ? y.permute(0, 2, 1, 3) * weights.permute(0, 2, 1, 3) : y * weights;
            Through(y1).sum().backward();
            Through(y2).sum().backward();
            Assert.True(Bitwise(x1.grad!, x2.grad!), $"{equation}: input gradients differ");
            Assert.True(Bitwise(layer.Kernel!.grad!, k2.grad!), $"{equation}: kernel gradients differ");
            Assert.True(Bitwise(layer.Bias!.grad!, b2.grad!), $"{equation}: bias gradients differ");
        }
    }

    [Fact]
    public void InputsEinsumTreatsDifferentlyKeepEinsum()
    {
        var plan = EinsumMatmul.For("abc,cd->abd")!;
        var kernel = randn(8, 5);
        Assert.Null(EinsumMatmul.TryApply(plan, randn(1, 6, 8), kernel));          // an axis of size 1
        Assert.Null(EinsumMatmul.TryApply(plan, randn(6, 4, 8).transpose(0, 1), kernel)); // not contiguous
        Assert.Null(EinsumMatmul.TryApply(plan, randn(4, 6, 8), randn(8, 1)));     // a kernel axis of size 1
        Assert.NotNull(EinsumMatmul.TryApply(plan, randn(4, 6, 8), kernel));
    }
}
