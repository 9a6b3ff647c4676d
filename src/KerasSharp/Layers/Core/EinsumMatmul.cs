using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// The fast form of <see cref="EinsumDense"/>'s product for equations where LibTorch's <c>einsum</c> itself computes one
/// <c>bmm</c> of views (<c>aten/src/ATen/native/Linear.cpp</c>, <c>einsum</c> and <c>sumproduct_pair</c>): the input is
/// <c>P + C</c> (kept labels, then the contracted ones), the kernel <c>C + Q</c>, the output <c>P + Q</c>, no ellipsis or
/// repeated label, and <c>C</c> in the order <c>einsum</c> sorts contracted labels (upper case before lower case,
/// alphabetical). For such an equation, an input with no axis of size 1 (<c>einsum</c> treats those as broadcast and
/// classifies them differently) and a contiguous input, <c>einsum</c> permutes and reshapes both operands to the views
/// <c>(1, |P|, |C|)</c> and <c>(1, |C|, |Q|)</c> of their own memory, calls <c>bmm</c> once and views the result as the
/// output. This class calls that same <c>bmm</c> on the same views without the parsing, the label permutations and their
/// autograd nodes, so forward values and gradients are bitwise those of <c>einsum</c>
/// (<c>EinsumMatmulTests</c>). Equations of any other form, and other inputs, keep <c>einsum</c>.
/// </summary>
internal static class EinsumMatmul
{
    /// <summary>The counts of kept input axes (<c>|P|</c>), contracted axes and kept kernel axes of a matmul-form equation.</summary>
    internal sealed record Plan(int Kept, int Contracted, int KernelKept);

    /// <summary>The plan of <paramref name="equation"/> (no spaces), or null where <c>einsum</c> does more than one
    /// <c>bmm</c> of views. A layer computes it once, when its equation is fixed.</summary>
    public static Plan? For(string equation)
    {
        int comma = equation.IndexOf(',', StringComparison.Ordinal), arrow = equation.IndexOf("->", StringComparison.Ordinal);
        if (comma < 0 || arrow < comma) return null;
        string left = equation[..comma], right = equation[(comma + 1)..arrow], output = equation[(arrow + 2)..];
        bool Letters(string s) => s.Length > 0 && s.All(char.IsAsciiLetter) && s.Distinct().Count() == s.Length;
        if (!Letters(left) || !Letters(right) || !Letters(output)) return null;
        var contracted = left.Where(c => right.Contains(c)).ToArray();
        if (contracted.Length == 0 || contracted.Any(output.Contains)) return null;
        int kept = left.Length - contracted.Length;
        // Input = P + C, kernel = C + Q, output = P + Q, C in einsum's label order (A-Z before a-z, each alphabetical).
        string p = left[..kept], c = left[kept..], q = right[contracted.Length..];
        if (right[..contracted.Length] != c || output != p + q || p.Any(right.Contains) || q.Any(left.Contains)) return null;
        var sorted = c.OrderBy(l => char.IsAsciiLetterUpper(l) ? l - 'A' : l - 'a' + 26).ToArray();
        if (new string(sorted) != c || p.Length == 0 || q.Length == 0) return null;
        return new Plan(p.Length, c.Length, q.Length);
    }

    /// <summary>
    /// <c>einsum(equation, x, kernel)</c> for a matmul-form <paramref name="plan"/>, or null when this call's input does
    /// not allow the same views (an axis of size 1, or a non-contiguous input): the caller then calls <c>einsum</c>.
    /// </summary>
    public static Tensor? TryApply(Plan plan, Tensor x, Tensor kernel)
    {
        int rank = (int)x.dim();
        if (rank != plan.Kept + plan.Contracted || kernel.dim() != plan.Contracted + plan.KernelKept
            || !x.is_contiguous() || !kernel.is_contiguous()) return null;
        long m = 1, k = 1, n = 1;
        var outputShape = new long[plan.Kept + plan.KernelKept];
        for (int i = 0; i < rank; i++)
        {
            long size = x.size(i);
            if (size == 1) return null;
            if (i < plan.Kept) { m *= size; outputShape[i] = size; }
            else
            {
                if (size != kernel.size(i - plan.Kept)) return null;
                k *= size;
            }
        }
        for (int i = 0; i < plan.KernelKept; i++)
        {
            long size = kernel.size(plan.Contracted + i);
            if (size == 1) return null;
            n *= size;
            outputShape[plan.Kept + i] = size;
        }
        for (int i = 0; i < plan.Contracted; i++)
            if (kernel.size(i) == 1) return null;
        return x.reshape(1, m, k).bmm(kernel.reshape(1, k, n)).view(outputShape);
    }
}
