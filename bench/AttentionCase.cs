using KerasSharp.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Bench;

/// <summary>
/// A transformer encoder block classifier (keras.io's "Text classification with Transformer" block on float sequences):
/// input (64 steps, 64 features), <c>MultiHeadAttention(4 heads, key_dim 16)</c> self-attention, residual,
/// <c>LayerNormalization(1e-6)</c>, feed-forward <c>Dense(128, relu)</c> then <c>Dense(64)</c>, residual,
/// <c>LayerNormalization(1e-6)</c>, <c>GlobalAveragePooling1D</c>, <c>Dense(10, softmax)</c>; batch 32. The hand-written
/// side is the idiomatic TorchSharp module: <c>nn.Linear</c> projections, <c>scaled_dot_product_attention</c>,
/// <c>nn.LayerNorm</c>, the mean over steps, <c>nn.Linear</c> logits, with the Keras model's initial weights.
/// </summary>
internal static class AttentionCase
{
    public const int Steps = 64, Features = 64, Heads = 4, KeyDim = 16, Hidden = 128, Classes = 10;

    /// <summary>Random float sequences <c>(n, 64, 64)</c>, labels in [0, 10) and their one-hot form.</summary>
    public static (Tensor X, Tensor Labels, Tensor YHot) Data(long n, int seed)
    {
        var g = new torch.Generator((ulong)seed);
        var x = randn([n, Steps, Features], generator: g).DetachFromDisposeScope();
        var labels = randint(0, Classes, [n], dtype: ScalarType.Int64, generator: g).DetachFromDisposeScope();
        return (x, labels, Keras.Utils.ToCategorical(labels, Classes).DetachFromDisposeScope());
    }

    /// <summary>The Keras model and a function giving the hand model its initial weights.</summary>
    public static (Model Model, Func<nn.Module<Tensor, Tensor>> Hand) Create()
    {
        var input = new Input([Steps, Features]);
        var mha = new MultiHeadAttention(Heads, KeyDim);
        var ln1 = new LayerNormalization(epsilon: 1e-6);
        var ff1 = new Dense(Hidden, "relu");
        var ff2 = new Dense(Features);
        var ln2 = new LayerNormalization(epsilon: 1e-6);
        var head = new Dense(Classes, "softmax");
        var x = input.Output;
        var attended = mha.ApplyAll(x, x)[0];
        var h1 = ln1.Apply(new Add().Apply([x, attended]));
        var h2 = ln2.Apply(new Add().Apply([h1, ff2.Apply(ff1.Apply(h1))]));
        var y = head.Apply(new GlobalAveragePooling1D().Apply(h2));
        var model = new Model(x, y);
        return (model, () =>
        {
            var hand = new HandBlock();
            using var _ = no_grad();
            static void Projection(TorchSharp.Modules.Linear linear, EinsumDense dense, bool input)
            {
                // Keras (dim, heads, size) / (heads, size, dim) kernels; nn.Linear (out, in).
                var k = dense.Kernel!;
                linear.weight!.copy_(input ? k.reshape(k.shape[0], -1).t() : k.reshape(-1, k.shape[^1]).t());
                linear.bias!.copy_(dense.Bias!.reshape(-1));
            }
            Projection(hand.Query, mha.QueryDense!, true);
            Projection(hand.Key, mha.KeyDense!, true);
            Projection(hand.Value, mha.ValueDense!, true);
            Projection(hand.Output, mha.OutputDense!, false);
            foreach (var (linear, dense) in new[] { (hand.Ff1, ff1), (hand.Ff2, ff2), (hand.Head, head) })
            {
                linear.weight!.copy_(dense.Kernel!.t());
                linear.bias!.copy_(dense.Bias!);
            }
            foreach (var (norm, keras) in new[] { (hand.Norm1, ln1), (hand.Norm2, ln2) })
            {
                norm.weight!.copy_(keras.Weights[0]);
                norm.bias!.copy_(keras.Weights[1]);
            }
            return hand;
        });
    }

    /// <summary>The same block written directly in TorchSharp (logits out; the softmax is in CrossEntropyLoss).</summary>
    internal sealed class HandBlock : nn.Module<Tensor, Tensor>
    {
        public readonly TorchSharp.Modules.Linear Query = nn.Linear(Features, Heads * KeyDim), Key = nn.Linear(Features, Heads * KeyDim),
            Value = nn.Linear(Features, Heads * KeyDim), Output = nn.Linear(Heads * KeyDim, Features),
            Ff1 = nn.Linear(Features, Hidden), Ff2 = nn.Linear(Hidden, Features), Head = nn.Linear(Features, Classes);
        public readonly TorchSharp.Modules.LayerNorm Norm1 = nn.LayerNorm(Features, 1e-6), Norm2 = nn.LayerNorm(Features, 1e-6);

        public HandBlock() : base("hand_transformer_block") => RegisterComponents();

        public override Tensor forward(Tensor x)
        {
            long b = x.shape[0], t = x.shape[1];
            Tensor Heads4(Tensor p) => p.view(b, t, Heads, KeyDim).transpose(1, 2);
            var a = nn.functional.scaled_dot_product_attention(Heads4(Query.call(x)), Heads4(Key.call(x)), Heads4(Value.call(x)));
            var h1 = Norm1.call(x + Output.call(a.transpose(1, 2).reshape(b, t, Heads * KeyDim)));
            var h2 = Norm2.call(h1 + Ff2.call(nn.functional.relu(Ff1.call(h1))));
            return Head.call(h2.mean([1]));
        }
    }
}
