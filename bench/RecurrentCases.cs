using KerasSharp.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Bench;

/// <summary>
/// The recurrent cases (an IMDB-style text classifier): integer sequences of length 200 from a 1,000-word vocabulary,
/// <c>Embedding(1000, 32)</c>, then <c>LSTM(64)</c>, <c>Bidirectional(LSTM(64))</c> or <c>GRU(64)</c>, then
/// <c>Dense(2, softmax)</c>; batch 32. The hand-written side is the idiomatic TorchSharp model: <c>nn.Embedding</c>,
/// <c>nn.LSTM</c> / <c>nn.GRU</c> (batch first) whose final hidden state feeds <c>nn.Linear</c> (logits), with the same
/// initial weights (Keras' gate layouts converted once).
/// </summary>
internal static class RecurrentCases
{
    public const int Vocabulary = 1000, EmbeddingDim = 32, Units = 64, SequenceLength = 200;

    /// <summary>Random token ids <c>(n, 200)</c> in [1, 1000), random labels in {0, 1} and their one-hot form.</summary>
    public static (Tensor X, Tensor Labels, Tensor YHot) Data(long n, int seed)
    {
        var g = new torch.Generator((ulong)seed);
        var x = randint(1, Vocabulary, [n, SequenceLength], dtype: ScalarType.Int64, generator: g).DetachFromDisposeScope();
        var labels = randint(0, 2, [n], dtype: ScalarType.Int64, generator: g).DetachFromDisposeScope();
        var yHot = Keras.Utils.ToCategorical(labels, 2).DetachFromDisposeScope();
        return (x, labels, yHot);
    }

    /// <summary>The Keras model for <paramref name="kind"/> (<c>lstm</c>, <c>bilstm</c>, <c>gru</c>).</summary>
    public static Model KerasModel(string kind)
    {
        Layer recurrent = kind switch
        {
            "lstm" => new LSTM(Units),
            "bilstm" => new Bidirectional(new LSTM(Units)),
            "gru" => new GRU(Units),
            _ => throw new ArgumentException($"unknown recurrent case {kind}", nameof(kind)),
        };
        return new Sequential([new Input([SequenceLength], dtype: "int64"), new Embedding(Vocabulary, EmbeddingDim), recurrent, new Dense(2, activation: "softmax")]);
    }

    /// <summary>The hand-written TorchSharp model with the Keras model's initial weights.</summary>
    public static nn.Module<Tensor, Tensor> HandModel(string kind, Model keras)
    {
        var hand = new HandTextClassifier(kind);
        using var _ = no_grad();
        var embedding = keras.Layers.OfType<Embedding>().Single();
        hand.Embedding.weight!.copy_(embedding.Embeddings!);
        var dense = keras.Layers.OfType<Dense>().Single();
        hand.Head.weight!.copy_(dense.Kernel!.t());
        hand.Head.bias!.copy_(dense.Bias!);
        var cells = keras.Layers.SelectMany(l => l switch
        {
            Bidirectional b => new[] { b.ForwardLayer.Cell, b.BackwardLayer.Cell },
            RNN r => new[] { r.Cell },
            _ => Array.Empty<RecurrentCell>(),
        }).ToList();
        var parameters = hand.Recurrent.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        for (int d = 0; d < cells.Count; d++)
        {
            string suffix = d == 0 ? "_l0" : "_l0_reverse";
            var (wih, whh, bih, bhh) = (parameters["weight_ih" + suffix], parameters["weight_hh" + suffix], parameters["bias_ih" + suffix], parameters["bias_hh" + suffix]);
            var c = cells[d];
            if (c is GRUCell)
            {
                // Keras gates z, r, h; torch r, z, n. Bias (2, 3u): input bias, recurrent bias.
                wih.copy_(SwapZr(c.Kernel!.t()));
                whh.copy_(SwapZr(c.RecurrentKernel!.t()));
                bih.copy_(SwapZr(c.Bias![0].unsqueeze(1)).squeeze(1));
                bhh.copy_(SwapZr(c.Bias![1].unsqueeze(1)).squeeze(1));
            }
            else
            {
                // Keras gates i, f, c, o = torch i, f, g, o; one bias.
                wih.copy_(c.Kernel!.t());
                whh.copy_(c.RecurrentKernel!.t());
                bih.copy_(c.Bias!);
                bhh.zero_();
            }
        }
        return hand;
    }

    /// <summary>
    /// The recurrent layer alone: forward and backward (gradients of the sum of the final hidden state) of the Keras layer
    /// and of the hand model's <c>nn.LSTM</c> / <c>nn.GRU</c> on the same (32, 200, 32) input with the same weights, each
    /// side timed in this thread's CPU time over <paramref name="calls"/> calls, interleaved; returns the median
    /// CPU ms per call of each side and the median of the per-repetition ratios.
    /// </summary>
    public static (double HandMs, double KerasMs, double Ratio) LayerOnly(string kind, Model keras, nn.Module<Tensor, Tensor> hand, int reps, int calls)
    {
        var layer = keras.Layers.Single(l => l is RNN or Bidirectional);
        var module = ((HandTextClassifier)hand).Recurrent;
        var x = randn([32, SequenceLength, EmbeddingDim], generator: new torch.Generator(1)).DetachFromDisposeScope();
        var handMs = new List<double>();
        var kerasMs = new List<double>();
        var ratios = new List<double>();
        for (int rep = 0; rep <= reps; rep++)
        {
            double h = 0, k = 0;
            Measure.Alternate(rep, () => h = Cpu(HandCall), () => k = Cpu(KerasCall));
            if (rep == 0) continue;
            handMs.Add(h / calls);
            kerasMs.Add(k / calls);
            ratios.Add(k / h);
        }
        return (Measure.Median(handMs), Measure.Median(kerasMs), Measure.Median(ratios));

        double Cpu(Action call)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            double t0 = Measure.ThreadCpuMs();
            for (int i = 0; i < calls; i++)
            {
                using var scope = NewDisposeScope();
                call();
            }
            return Measure.ThreadCpuMs() - t0;
        }

        void HandCall()
        {
            var xi = x.detach().requires_grad_(true);
            Tensor h = module switch
            {
                TorchSharp.Modules.GRU gru => gru.call(xi).Item2,
                _ => ((TorchSharp.Modules.LSTM)module).call(xi).Item2,
            };
            h.sum().backward();
        }

        void KerasCall()
        {
            var xi = x.detach().requires_grad_(true);
            layer.ApplyAll([xi], training: true)[0].sum().backward();
        }
    }

    private static Tensor SwapZr(Tensor rows)
    {
        long u = rows.shape[0] / 3;
        return cat([rows.narrow(0, u, u), rows.narrow(0, 0, u), rows.narrow(0, 2 * u, u)], 0);
    }

    /// <summary>Embedding, LSTM / bidirectional LSTM / GRU (batch first), final hidden state(s) to a linear layer (logits).</summary>
    private sealed class HandTextClassifier : nn.Module<Tensor, Tensor>
    {
        public readonly TorchSharp.Modules.Embedding Embedding;
        public readonly nn.Module Recurrent;
        public readonly TorchSharp.Modules.Linear Head;
        private readonly string kind;

        public HandTextClassifier(string kind) : base("hand_" + kind)
        {
            this.kind = kind;
            Embedding = nn.Embedding(Vocabulary, EmbeddingDim);
            Recurrent = kind == "gru"
                ? nn.GRU(EmbeddingDim, Units, batchFirst: true)
                : nn.LSTM(EmbeddingDim, Units, batchFirst: true, bidirectional: kind == "bilstm");
            Head = nn.Linear(kind == "bilstm" ? 2 * Units : Units, 2);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var e = Embedding.call(x);
            Tensor h;
            if (Recurrent is TorchSharp.Modules.GRU gru)
                h = gru.call(e).Item2[0];
            else
            {
                var (_, hn, _) = ((TorchSharp.Modules.LSTM)Recurrent).call(e);
                h = kind == "bilstm" ? cat([hn[0], hn[1]], 1) : hn[0];
            }
            return Head.call(h);
        }
    }
}
