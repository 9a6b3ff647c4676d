using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Layers;

/// <summary>
/// Wraps a TorchSharp module (<c>nn.Module&lt;Tensor, Tensor&gt;</c>) as a KerasSharp layer, so low-level TorchSharp code
/// joins a Keras model: its parameters become the layer's weights (trained by Fit, counted by Summary), its
/// train/eval mode follows the <c>training</c> flag, and it moves with the model between devices. The module sees the
/// tensors as they flow through the model (channels_last for images), not reordered.
/// </summary>
public sealed class TorchModuleLayer : Layer
{
    /// <summary>Wraps <paramref name="module"/>.</summary>
    /// <param name="module">The TorchSharp module; its parameters are registered now, in <c>named_parameters()</c> order.</param>
    /// <param name="name">Layer name (default <c>torch_module_layer</c>, ...).</param>
    public TorchModuleLayer(nn.Module<Tensor, Tensor> module, string? name = null) : base(name)
    {
        Module = module ?? throw new ArgumentNullException(nameof(module));
        if (module.parameters().Any(p => p.device_type != Device.type || p.device_index != Device.index))
            module.to(Device);
        foreach (var (paramName, p) in module.named_parameters())
            AdoptWeight(paramName, p);
    }

    /// <summary>The wrapped module.</summary>
    public nn.Module<Tensor, Tensor> Module { get; }

    /// <inheritdoc />
    protected override Tensor Call(Tensor x, bool training)
    {
        Module.train(training);
        return Module.call(x);
    }

    /// <inheritdoc />
    internal override void MoveTo(Device target)
    {
        Module.to(target);
        base.MoveTo(target);
    }

    /// <summary>Keras-style config: the base keys plus the wrapped module's .NET type (a wrapped module cannot be rebuilt from a file).</summary>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["module_type"] = Module.GetType().FullName;
        return config;
    }
}
