using KerasSharp.Layers;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Bench;

/// <summary>
/// Where the transformer block's training step spends its time: each piece of the KerasSharp model (forward with
/// <c>training: true</c> and the backward of its output's sum; then the forward alone under <c>no_grad</c>) next to
/// the same piece of the hand-written block, on the same inputs, CPU time per call, interleaved repetitions, medians. Run with <c>--case "Transformer pieces"</c>.
/// Gradients are released (set to null) after every call on both sides, as Fit and <c>zero_grad</c> do.
/// </summary>
internal static class TransformerPieces
{
    /// <summary>Times every piece; rows: piece, then hand us, KerasSharp us and ratio for training and for inference.</summary>
    public static List<string[]> Run(int reps, int calls, int seed)
    {
        const int batch = 32;
        var (x, _, _) = AttentionCase.Data(batch, seed);
        Keras.Utils.SetRandomSeed(seed);
        var (model, makeHand) = AttentionCase.Create();
        var hand = (AttentionCase.HandBlock)makeHand();
        hand.train();
        var mha = model.Layers.OfType<MultiHeadAttention>().Single();
        var norms = model.Layers.OfType<LayerNormalization>().ToList();
        var denses = model.Layers.OfType<Dense>().ToList();
        long b = batch, t = AttentionCase.Steps;
        var h = randn(b, t, AttentionCase.Features).requires_grad_(true).DetachFromDisposeScope();
        var heads4 = randn(b, t, AttentionCase.Heads, AttentionCase.KeyDim).requires_grad_(true).DetachFromDisposeScope();
        var heads2 = heads4.detach().reshape(b, t, -1).requires_grad_(true).DetachFromDisposeScope();
        var rows = new List<string[]>();

        void Piece(string name, IEnumerable<Parameter> handParams, Func<Tensor> handForward, IEnumerable<Parameter> kerasParams, Func<Tensor> kerasForward)
        {
            var hp = handParams.ToList();
            var kp = kerasParams.ToList();
            double Time(List<Parameter> ps, Tensor[] inputs, Func<Tensor> forward, bool train)
            {
                double t0 = Measure.ThreadCpuMs();
                for (int i = 0; i < calls; i++)
                {
                    using var scope = NewDisposeScope();
                    if (!train)
                    {
                        using var noGrad = no_grad();
                        forward();
                        continue;
                    }
                    forward().sum().backward();
                    foreach (var p in ps) p.grad = null;
                    foreach (var input in inputs) input.grad = null;
                }
                return (Measure.ThreadCpuMs() - t0) * 1000 / calls;
            }
            Tensor[] inputs = [h, heads4, heads2];
            var row = new List<string> { name };
            foreach (var train in new[] { true, false })
            {
                var hs = new List<double>(); var ks = new List<double>(); var ratios = new List<double>();
                for (int rep = 0; rep <= reps; rep++)
                {
                    double a = 0, c = 0;
                    Measure.Alternate(rep, () => a = Time(hp, inputs, handForward, train), () => c = Time(kp, inputs, kerasForward, train));
                    if (rep == 0) continue;
                    hs.Add(a); ks.Add(c); ratios.Add(c / a);
                }
                row.AddRange([$"{Measure.Median(hs):F1}", $"{Measure.Median(ks):F1}", $"{Measure.Median(ratios):F3}"]);
            }
            rows.Add(row.ToArray());
        }

        static IEnumerable<Parameter> Of(params nn.Module[] modules) => modules.SelectMany(m => m.parameters());
        static IEnumerable<Parameter> W(params Layer[] layers) => layers.SelectMany(l => l.TrainableWeights);

        Piece("query projection (EinsumDense abc,cde->abde vs Linear)", Of(hand.Query), () => hand.Query.call(h),
            W(mha.QueryDense!), () => mha.QueryDense!.Apply(h, training: true));
        var qk = mha.QueryDense!.Kernel!;
        var qb = mha.QueryDense!.Bias!;
        Piece("query projection: einsum (hand column) vs bmm on einsum's views", W(mha.QueryDense!),
            () => einsum("abc,cde->abde", h, qk).add_(qb), W(mha.QueryDense!),
            () => h.reshape(1, b * t, AttentionCase.Features).bmm(qk.reshape(1, AttentionCase.Features, -1)).view(b, t, AttentionCase.Heads, AttentionCase.KeyDim).add_(qb));
        Piece("output projection (EinsumDense abcd,cde->abe vs Linear)", Of(hand.Output), () => hand.Output.call(heads2),
            W(mha.OutputDense!), () => mha.OutputDense!.Apply(heads4, training: true));
        Piece("LayerNormalization vs nn.LayerNorm", Of(hand.Norm1), () => hand.Norm1.call(h),
            W(norms[0]), () => norms[0].Apply(h, training: true));
        Piece("MultiHeadAttention layer (self-attention)", Of(hand.Query, hand.Key, hand.Value, hand.Output), () =>
            {
                Tensor Heads(Tensor p) => p.view(b, t, AttentionCase.Heads, AttentionCase.KeyDim).transpose(1, 2);
                var a = nn.functional.scaled_dot_product_attention(Heads(hand.Query.call(h)), Heads(hand.Key.call(h)), Heads(hand.Value.call(h)));
                return hand.Output.call(a.transpose(1, 2).reshape(b, t, -1));
            },
            W(mha), () => mha.ApplyAll([h, h], training: true)[0]);
        Piece("feed-forward Dense(128, relu) + Dense(64)", Of(hand.Ff1, hand.Ff2), () => hand.Ff2.call(nn.functional.relu(hand.Ff1.call(h))),
            W(denses[0], denses[1]), () => denses[1].Apply(denses[0].Apply(h, training: true), training: true));
        var add = model.Layers.OfType<Add>().First();
        Piece("residual Add layer vs +", [], () => h + heads2, [], () => add.Apply([h, heads2], training: true));
        var pool = model.Layers.OfType<GlobalAveragePooling1D>().Single();
        Piece("GlobalAveragePooling1D + Dense(10, softmax) vs mean + Linear", Of(hand.Head), () => hand.Head.call(h.mean([1])),
            W(denses[2]), () => denses[2].Apply(pool.Apply(h, training: true), training: true));
        Piece("whole model forward (softmax output vs logits)", Of(hand), () => hand.call(x),
            W(model), () => model.Apply(x, training: true));
        return rows;
    }
}
