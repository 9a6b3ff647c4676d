using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Layers;

/// <summary>
/// The fused path of an <see cref="RNN"/> layer: runs the whole sequence through LibTorch's own recurrent kernel
/// (<c>torch.nn.LSTM</c>, <c>GRU</c> or <c>RNN</c>, one native call for every time step) instead of the step loop, under
/// the conditions of Keras' own fused (cuDNN) path (<c>keras/src/layers/rnn/lstm.py</c>, <c>gru.py</c>): activation
/// <c>tanh</c>, recurrent activation <c>sigmoid</c>, no recurrent dropout in effect, <c>unroll=False</c>,
/// <c>use_bias=True</c>, GRU <c>reset_after=True</c>, and a mask that is absent or right-padded (checked by the caller).
/// <para>
/// Keras' weights stay the layer's variables. Each call copies them, in Keras' layout and gate order, into a private
/// LibTorch module (one per layer, reused): LSTM <c>kernel (in, 4u)</c> gates <c>i, f, c, o</c> is <c>weight_ih (4u, in)</c>
/// gates <c>i, f, g, o</c> transposed; GRU <c>kernel (in, 3u)</c> gates <c>z, r, h</c> is <c>weight_ih</c> gates
/// <c>r, z, n</c> (the first two blocks swapped) transposed, and its bias <c>(2, 3u)</c> is <c>bias_ih</c> and
/// <c>bias_hh</c>; LSTM and SimpleRNN put their single bias in <c>bias_ih</c> and keep <c>bias_hh</c> at zero.
/// When a gradient is needed the call is a custom autograd function whose backward differentiates the module's own graph
/// (<c>torch.autograd.grad</c>) and maps the parameter gradients back to Keras' layout, so gradients reach the Keras
/// variables, the input and the initial states as they do through the loop. Higher-order gradients
/// (<c>create_graph</c>) are not supported through this path.
/// </para>
/// </summary>
internal sealed class FusedRecurrence
{
    private readonly RecurrentCell cell;
    private nn.Module? module;
    private Parameter[] parameters = [];
    private Device? moduleDevice;
    private ScalarType moduleDtype;
    private long moduleInputDim;
    private Tensor? gatePermutation;
    private WeakReference<InnerGraph>? pending;

    private FusedRecurrence(RecurrentCell cell) => this.cell = cell;

    /// <summary>False when <c>KERASSHARP_FUSED_RNN=0</c> is set in the environment (every layer then runs the step loop).</summary>
    public static bool EnabledByEnvironment { get; } = Environment.GetEnvironmentVariable("KERASSHARP_FUSED_RNN") != "0";

    /// <summary>
    /// Keras' mask condition: true when <paramref name="mask"/> <c>(batch, timesteps)</c> is absent or right-padded (each
    /// row some steps kept, then only masked steps) with at least one step kept per row. <paramref name="lengths"/> is then
    /// the number of kept steps per row (a CPU int64 tensor), or null when there is no mask or no step is masked.
    /// </summary>
    public static bool TryLengths(Tensor? mask, out Tensor? lengths)
    {
        lengths = null;
        if (mask is null) return true;
        using var scope = NewDisposeScope();
        long steps = mask.shape[1];
        var counts = mask.sum(1, type: ScalarType.Int64);
        var expected = arange(steps, device: mask.device).unsqueeze(0).lt(counts.unsqueeze(1));
        if (!expected.eq(mask).all().item<bool>()) return false;
        var cpu = counts.cpu();
        long min = cpu.min().item<long>();
        if (min == 0) return false;
        if (min == steps) return true;
        lengths = cpu.MoveToOuterDisposeScope();
        return true;
    }

    /// <summary>
    /// The layer's computation on the fused kernel, with the step loop's semantics (<see cref="RNN"/>): <paramref name="x"/>
    /// in forward time order (dropout applied), <paramref name="mask"/> right-padded with per-row <paramref name="lengths"/>
    /// (null: every step kept). Returns the layer's output (the last output, or every output in processing order) and the
    /// final states.
    /// </summary>
    public (Tensor Output, Tensor[] States) RunLayer(Tensor x, Tensor[] states, Tensor? mask, Tensor? lengths,
        bool goBackwards, bool returnSequences, bool zeroOutputForMask)
    {
        if (lengths is null)
        {
            // Without return_sequences the last output is the final h: the sequence is then not an output of the call,
            // and its backward runs from the final states alone.
            var (seq, final) = Run(goBackwards ? x.flip(1) : x, states, null, returnSequences);
            return (returnSequences ? seq! : final[0], final);
        }
        long batch = x.shape[0], steps = x.shape[1];
        var len = lengths.to(x.device).unsqueeze(1);
        var t = arange(steps, device: x.device).unsqueeze(0).expand(batch, steps);
        if (!goBackwards)
        {
            var (seq, final) = Run(x, states, lengths, returnSequences);
            // The loop's last output is the output of the last kept step (the final h), or zeros with zero_output_for_mask
            // when the last step is masked.
            if (!returnSequences)
                return (zeroOutputForMask ? where(len.eq(steps), final[0], zeros_like(final[0])) : final[0], final);
            // Masked steps repeat the previous output (the last kept one), or are zeros as the kernel leaves them.
            return (zeroOutputForMask ? seq! : where(mask!.unsqueeze(2), seq!, final[0].unsqueeze(1)), final);
        }
        // Backwards the loop first skips the masked tail (states unchanged, outputs zero), then runs the kept steps in
        // reverse: the kernel runs each row's kept prefix reversed, and its outputs move behind the skipped steps.
        var reversed = where(t.lt(len), len - 1 - t, t);
        var (rseq, rfinal) = Run(x.gather(1, reversed.unsqueeze(2).expand(batch, steps, x.shape[2])), states, lengths, returnSequences);
        if (!returnSequences) return (rfinal[0], rfinal);
        var seqOut = rseq!;
        var skipped = steps - len;
        var source = (t - skipped).clamp_min(0);
        var shifted = seqOut.gather(1, source.unsqueeze(2).expand(batch, steps, seqOut.shape[2]));
        return (where(t.ge(skipped).unsqueeze(2), shifted, zeros_like(shifted)), rfinal);
    }

    /// <summary>The fused runner for <paramref name="cell"/>, or null when the cell's configuration is outside Keras' fused-kernel conditions.</summary>
    public static FusedRecurrence? TryCreate(RecurrentCell cell) => Supports(cell) ? new FusedRecurrence(cell) : null;

    /// <summary>Keras' conditions on the cell (activation tanh, recurrent activation sigmoid, bias, GRU reset_after).</summary>
    public static bool Supports(RecurrentCell cell) => cell switch
    {
        LSTMCell l => l.GetType() == typeof(LSTMCell) && l.UseBias && l.Activation.Name == "tanh" && l.RecurrentActivation.Name == "sigmoid",
        GRUCell g => g.GetType() == typeof(GRUCell) && g.UseBias && g.ResetAfter && g.Activation.Name == "tanh" && g.RecurrentActivation.Name == "sigmoid",
        SimpleRNNCell s => s.GetType() == typeof(SimpleRNNCell) && s.UseBias && s.Activation.Name == "tanh",
        _ => false,
    };

    /// <summary>
    /// Runs the sequence <paramref name="x"/> <c>(batch, timesteps, features)</c> (already in processing order) from
    /// <paramref name="states"/> (each <c>(batch, units)</c>). With <paramref name="lengths"/> (a CPU int64 tensor, every
    /// value in <c>[1, timesteps]</c>) row <c>b</c> stops after <c>lengths[b]</c> steps: its outputs beyond are zeros and
    /// its final states are those of its last valid step. Returns every step's output <c>(batch, timesteps, units)</c>
    /// (null when <paramref name="sequence"/> is false and a gradient is recorded) and the final states.
    /// </summary>
    public (Tensor? Sequence, Tensor[] States) Run(Tensor x, Tensor[] states, Tensor? lengths, bool sequence = true)
    {
        var kernel = cell.Kernel!;
        var recurrent = cell.RecurrentKernel!;
        var bias = cell.Bias!;
        bool needsGrad = is_grad_enabled() && (x.requires_grad || kernel.requires_grad || recurrent.requires_grad
            || bias.requires_grad || states.Any(s => s.requires_grad));
        if (!needsGrad)
        {
            using var _ = no_grad();
            PrepareModule(x);
            LoadWeights(kernel, recurrent, bias);
            var (seq, final) = Forward(x, states, lengths);
            return (seq, final);
        }
        object[] args = [new Invocation(this, lengths, states.Length, sequence), x, .. states, kernel, recurrent, bias];
        // One output, (batch, timesteps + states, units): the sequence (when wanted), then the final states as extra steps. With
        // several outputs TorchSharp 0.107 would stand in for the gradient of an unused one with a template tensor that
        // the caller's dispose scope may have disposed before backward; a single output always receives its gradient.
        var joined = FusedRecurrentFunction.apply(args)[0];
        long steps = sequence ? x.shape[1] : 0;
        return (sequence ? joined.narrow(1, 0, steps) : null, states.Select((_, i) => joined.select(1, steps + i)).ToArray());
    }

    /// <summary>Makes <see cref="module"/> usable: right kind, device, dtype and input size, and not still needed by a pending graph.</summary>
    private void PrepareModule(Tensor x)
    {
        var device = cell.Kernel!.device;
        var dtype = cell.Kernel!.dtype;
        long inputDim = x.shape[2];
        // A graph recorded by an earlier call that has not been differentiated yet still holds this module's parameters;
        // overwriting them would invalidate it, so that call keeps its module and this one gets a fresh one.
        bool busy = pending is not null && pending.TryGetTarget(out var graph) && !graph.Consumed;
        // Devices by type and index: TorchSharp's Device has no value equality and Tensor.device makes a new one per read.
        bool sameDevice = moduleDevice is not null && moduleDevice.type == device.type && moduleDevice.index == device.index;
        if (module is null || busy || !sameDevice || moduleDtype != dtype || moduleInputDim != inputDim)
            CreateModule(device, dtype, inputDim);
        pending = null;
    }

    private void CreateModule(Device device, ScalarType dtype, long inputDim)
    {
        long units = cell.Units;
        nn.Module created = cell switch
        {
            LSTMCell => nn.LSTM(inputDim, units, batchFirst: true, device: device, dtype: dtype),
            GRUCell => nn.GRU(inputDim, units, batchFirst: true, device: device, dtype: dtype),
            _ => nn.RNN(inputDim, units, nonLinearity: nn.NonLinearities.Tanh, batchFirst: true, device: device, dtype: dtype),
        };
        var named = created.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        parameters = [named["weight_ih_l0"], named["weight_hh_l0"], named["bias_ih_l0"], named["bias_hh_l0"]];
        // The module outlives this call: its parameters must not belong to the caller's dispose scope.
        foreach (var p in created.parameters()) p.DetachFromDisposeScope();
        foreach (var p in parameters) p.DetachFromDisposeScope();
        using (no_grad())
        {
            foreach (var p in parameters) p.zero_();
        }
        if (cell is not GRUCell) parameters[3].requires_grad_(false); // LSTM and SimpleRNN: Keras' single bias is bias_ih
        module = created;
        moduleDevice = device;
        moduleDtype = dtype;
        moduleInputDim = inputDim;
        gatePermutation = cell is GRUCell ? tensor(new long[] { 1, 0, 2 }, device: device).DetachFromDisposeScope() : null;
    }

    /// <summary>Copies Keras' weights into the module's parameters (Keras layout and gate order to LibTorch's).</summary>
    private void LoadWeights(Tensor kernel, Tensor recurrent, Tensor bias)
    {
        using var scope = NewDisposeScope();
        if (cell is GRUCell)
        {
            parameters[0].copy_(FromKerasGates(kernel));
            parameters[1].copy_(FromKerasGates(recurrent));
            parameters[2].copy_(SwapZr(bias[0]));
            parameters[3].copy_(SwapZr(bias[1]));
        }
        else
        {
            parameters[0].copy_(kernel.t());
            parameters[1].copy_(recurrent.t());
            parameters[2].copy_(bias);
        }
    }

    /// <summary>A GRU kernel <c>(rows, 3u)</c> with gates <c>z, r, h</c> as LibTorch's <c>(3u, rows)</c> with gates <c>r, z, n</c>.</summary>
    private Tensor FromKerasGates(Tensor kernel) =>
        kernel.t().reshape(3, cell.Units, kernel.shape[0]).index_select(0, gatePermutation!).reshape(3L * cell.Units, kernel.shape[0]);

    /// <summary>Swaps the first two gate blocks of a <c>(3u)</c> vector (its own inverse).</summary>
    private Tensor SwapZr(Tensor v) => v.reshape(3, cell.Units).index_select(0, gatePermutation!).reshape(3L * cell.Units);

    /// <summary>LibTorch's gradient of <c>weight_ih</c>/<c>weight_hh</c> <c>(3u, rows)</c> in Keras' layout <c>(rows, 3u)</c>.</summary>
    private Tensor ToKerasGates(Tensor grad) =>
        grad.reshape(3, cell.Units, grad.shape[1]).index_select(0, gatePermutation!).reshape(3L * cell.Units, grad.shape[1]).t().contiguous();

    /// <summary>The module on <paramref name="x"/> from <paramref name="states"/>: every output <c>(batch, T, units)</c> and the final states <c>(batch, units)</c>.</summary>
    private (Tensor Sequence, Tensor[] States) Forward(Tensor x, Tensor[] states, Tensor? lengths)
    {
        var h0 = states[0].unsqueeze(0);
        if (lengths is null)
        {
            switch (module)
            {
                case TorchSharp.Modules.LSTM lstm:
                {
                    var (y, h, c) = lstm.call(x, (h0, states[1].unsqueeze(0)));
                    return (y, [h.squeeze(0), c.squeeze(0)]);
                }
                case TorchSharp.Modules.GRU gru:
                {
                    var (y, h) = gru.call(x, h0);
                    return (y, [h.squeeze(0)]);
                }
                default:
                {
                    var (y, h) = ((TorchSharp.Modules.RNN)module!).call(x, h0);
                    return (y, [h.squeeze(0)]);
                }
            }
        }
        long steps = x.shape[1];
        using var packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first: true, enforce_sorted: false);
        switch (module)
        {
            case TorchSharp.Modules.LSTM lstm:
            {
                var (p, h, c) = lstm.call(packed, (h0, states[1].unsqueeze(0)));
                using (p) return (Unpack(p, steps), [h.squeeze(0), c.squeeze(0)]);
            }
            case TorchSharp.Modules.GRU gru:
            {
                var (p, h) = gru.call(packed, h0);
                using (p) return (Unpack(p, steps), [h.squeeze(0)]);
            }
            default:
            {
                var (p, h) = ((TorchSharp.Modules.RNN)module!).call(packed, h0);
                using (p) return (Unpack(p, steps), [h.squeeze(0)]);
            }
        }
    }

    private static Tensor Unpack(nn.utils.rnn.PackedSequence packed, long steps) =>
        nn.utils.rnn.pad_packed_sequence(packed, batch_first: true, total_length: steps).Item1;

    /// <summary>The non-tensor argument of one differentiable call.</summary>
    private sealed record Invocation(FusedRecurrence Runner, Tensor? Lengths, int StateCount, bool Sequence);

    /// <summary>
    /// What one differentiable call keeps besides its saved tensors (the module's joined output, with its graph, then the
    /// differentiated leaves, held by the autograd node as saved variables so that they live exactly as long as the node,
    /// whatever dispose scope the forward ran in).
    /// </summary>
    private sealed class InnerGraph(Invocation call, bool[] leafWanted)
    {
        /// <summary>The call's non-tensor arguments.</summary>
        public Invocation Call { get; } = call;
        /// <summary>For input, states, weight_ih, weight_hh, bias_ih, bias_hh: whether a gradient is wanted (the leaf is saved).</summary>
        public bool[] LeafWanted { get; } = leafWanted;
        /// <summary>Whether backward ran (the module may then be reused; while the graph lives and has not, it may not).</summary>
        public bool Consumed { get; set; }
    }

    /// <summary>The custom autograd function around the module's forward and backward.</summary>
    private sealed class FusedRecurrentFunction : torch.autograd.MultiTensorFunction<FusedRecurrentFunction>
    {
        public override string Name => "KerasSharpFusedRecurrence";

        // vars: Invocation, x, states..., kernel, recurrent_kernel, bias.
        public override List<Tensor> forward(torch.autograd.AutogradContext ctx, params object[] vars)
        {
            var call = (Invocation)vars[0];
            var runner = call.Runner;
            int n = call.StateCount;
            var x = (Tensor)vars[1];
            var states = new Tensor[n];
            for (int i = 0; i < n; i++) states[i] = (Tensor)vars[2 + i];
            var kernel = (Tensor)vars[2 + n];
            var recurrent = (Tensor)vars[3 + n];
            var bias = (Tensor)vars[4 + n];

            runner.PrepareModule(x);
            runner.LoadWeights(kernel, recurrent, bias);
            var p = runner.parameters;
            p[0].requires_grad_(kernel.requires_grad);
            p[1].requires_grad_(recurrent.requires_grad);
            p[2].requires_grad_(bias.requires_grad);
            if (runner.cell is GRUCell) p[3].requires_grad_(bias.requires_grad);

            // Private copies: the inner graph then shares no version counter with tensors the caller may modify in place
            // before backward (an error raised inside this backward could not be caught: it would end the process).
            var xd = x.detach().clone().requires_grad_(x.requires_grad);
            var sd = states.Select(s => s.detach().clone().requires_grad_(s.requires_grad)).ToArray();
            Tensor seq;
            Tensor[] final;
            using (enable_grad())
                (seq, final) = runner.Forward(xd, sd, call.Lengths);
            Tensor joined;
            using (enable_grad())
                joined = call.Sequence ? cat([seq, .. final.Select(f => f.unsqueeze(1))], 1) : stack(final, 1);
            Tensor[] leaves = [xd, .. sd, p[0], p[1], p[2], p[3]];
            var wanted = leaves.Select(l => l.requires_grad).ToArray();
            var inner = new InnerGraph(call, wanted);
            runner.pending = new WeakReference<InnerGraph>(inner);
            ctx.save_for_backward([joined, .. leaves.Where(l => l.requires_grad)]);
            ctx.save_data("inner", inner);
            return [joined.detach()];
        }

        public override List<Tensor> backward(torch.autograd.AutogradContext ctx, List<Tensor> grad_outputs)
        {
            var inner = (InnerGraph)ctx.get_data("inner");
            var runner = inner.Call.Runner;
            int n = inner.Call.StateCount;
            var result = new List<Tensor>(new Tensor[5 + n]);
            var saved = ctx.get_saved_variables();
            var wanted = saved.Skip(1).ToList();
            if (wanted.Count == 0) return result;
            // retain_graph: an outer backward with retain_graph may run this node again.
            var grads = torch.autograd.grad([saved[0]], wanted, grad_outputs, retain_graph: true);
            inner.Consumed = true;
            var g = new Tensor?[inner.LeafWanted.Length];
            for (int i = 0, k = 0; i < g.Length; i++)
                if (inner.LeafWanted[i]) g[i] = grads[k++];
            // Positions in vars: 0 Invocation, 1 x, 2.. states, then kernel, recurrent_kernel, bias.
            result[1] = g[0]!;
            for (int i = 0; i < n; i++) result[2 + i] = g[1 + i]!;
            Tensor? dIh = g[1 + n], dHh = g[2 + n], dBih = g[3 + n], dBhh = g[4 + n];
            if (runner.cell is GRUCell)
            {
                if (dIh is not null) result[2 + n] = runner.ToKerasGates(dIh);
                if (dHh is not null) result[3 + n] = runner.ToKerasGates(dHh);
                if (dBih is not null && dBhh is not null) result[4 + n] = stack([runner.SwapZr(dBih), runner.SwapZr(dBhh)]);
            }
            else
            {
                if (dIh is not null) result[2 + n] = dIh.t().contiguous();
                if (dHh is not null) result[3 + n] = dHh.t().contiguous();
                if (dBih is not null) result[4 + n] = dBih;
            }
            return result;
        }
    }
}
