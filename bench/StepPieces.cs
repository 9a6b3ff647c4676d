using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using KerasSharp.Losses;
using KerasSharp.Metrics;
using KerasSharp.Optimizers;
using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Bench;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of the pieces of one training step on MLP 784-128-10 at batch 32 (batch slicing,
/// loss, metric update, optimizer step), each KerasSharp piece next to what a hand-written TorchSharp loop does for the
/// same job. Run with <c>dotnet run -c Release --project bench -- --micro</c> (in process, BenchmarkDotNet's short run).
/// Every invocation runs in its own dispose scope, as in a training loop.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class StepPieces
{
    private const int Batch = 32;
    private Tensor x = null!, labels = null!, oneHot = null!, order = null!, logits = null!, probabilities = null!;
    private CategoricalCrossentropy kerasLoss = null!;
    private CategoricalAccuracy kerasAccuracy = null!;
    private nn.Module<Tensor, Tensor, Tensor> handLoss = null!;
    private List<Parameter> kerasParams = null!, handParams = null!;
    private List<Tensor> gradients = null!;
    private Adam kerasAdam = null!;
    private optim.Optimizer handAdam = null!;
    private int step;

    /// <summary>Data (60,000 x 784), one batch of logits and probabilities, and the MLP's parameters with fixed gradients.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Keras.Backend.EnsureNativeLoaded();
        torch.set_num_threads(1);
        manual_seed(1);
        x = rand(60000, 784).DetachFromDisposeScope();
        labels = randint(0, 10, 60000).DetachFromDisposeScope();
        oneHot = nn.functional.one_hot(labels, 10).to_type(ScalarType.Float32).DetachFromDisposeScope();
        order = randperm(60000).DetachFromDisposeScope();
        logits = randn(Batch, 10).DetachFromDisposeScope();
        probabilities = Activations.ActivationFunctions.Softmax(logits).DetachFromDisposeScope();
        kerasLoss = new CategoricalCrossentropy();
        kerasAccuracy = new CategoricalAccuracy();
        handLoss = nn.CrossEntropyLoss();
        long[][] shapes = [[784, 128], [128], [128, 10], [10]];
        kerasParams = shapes.Select(s => new Parameter(randn(s) * 0.05)).ToList();
        handParams = kerasParams.Select(p => new Parameter(p.detach().clone())).ToList();
        gradients = shapes.Select(s => (randn(s) * 1e-3).DetachFromDisposeScope()).ToList();
        kerasAdam = new Adam();
        handAdam = optim.Adam(handParams, lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-7);
    }

    /// <summary>Batch slicing: rows of x and of the one-hot targets picked by a slice of the permutation (Fit, shuffled).</summary>
    [Benchmark]
    public void KerasSharp_BatchSlice() => SliceBatch(oneHot);

    /// <summary>Hand loop's batch: rows of x and of the integer labels.</summary>
    [Benchmark]
    public void Hand_BatchSlice() => SliceBatch(labels);

    private void SliceBatch(Tensor targets)
    {
        using var scope = NewDisposeScope();
        var idx = order.narrow(0, NextStart(), Batch);
        x.index_select(0, idx);
        targets.index_select(0, idx);
    }

    /// <summary>categorical_crossentropy on a softmax output (computed from its logits) with one-hot targets.</summary>
    [Benchmark]
    public void KerasSharp_Loss()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        kerasLoss.Compute(oneHot.narrow(0, 0, Batch), probabilities);
    }

    /// <summary>Hand loop's loss: CrossEntropyLoss on logits and integer labels, read back with item().</summary>
    [Benchmark]
    public void Hand_LossAndItem()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        handLoss.forward(logits, labels.narrow(0, 0, Batch)).item<float>();
    }

    /// <summary>The accuracy metric's update (kept on the device; no read-back).</summary>
    [Benchmark]
    public void KerasSharp_AccuracyUpdate()
    {
        using var scope = NewDisposeScope();
        kerasAccuracy.UpdateState(oneHot.narrow(0, 0, Batch), probabilities);
    }

    /// <summary>A hand-written accuracy: correct count read back each batch.</summary>
    [Benchmark]
    public void Hand_AccuracyWithItem()
    {
        using var scope = NewDisposeScope();
        logits.argmax(1).eq(labels.narrow(0, 0, Batch)).sum().item<long>();
    }

    /// <summary>KerasSharp's Adam (Keras' epsilon form), gradients zeroed after the update.</summary>
    [Benchmark]
    public void KerasSharp_AdamStep()
    {
        SetGradients(kerasParams);
        kerasAdam.Apply(kerasParams);
    }

    /// <summary>torch.optim.Adam step and zero_grad.</summary>
    [Benchmark]
    public void Hand_AdamStep()
    {
        SetGradients(handParams);
        handAdam.step();
        handAdam.zero_grad();
    }

    private void SetGradients(List<Parameter> ps)
    {
        for (int i = 0; i < ps.Count; i++)
        {
            if (ps[i].grad is { } g) g.copy_(gradients[i]);
            else ps[i].grad = gradients[i].clone().DetachFromDisposeScope();
        }
    }

    private long NextStart() => (long)(step++ % (60000 / Batch)) * Batch;

    /// <summary>Runs the benchmarks in this process with BenchmarkDotNet's short-run job.</summary>
    public static void Run()
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkRunner.Run<StepPieces>(config);
    }
}
