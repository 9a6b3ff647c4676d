using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Saving;

namespace KerasSharp;

// Keras' public saving hooks of a model (keras/src/trainers/trainer.py get_compile_config / compile_from_config) and
// the model's build_config, which a .keras file and ToJson() write in config.json.
public partial class Model
{
    /// <summary>
    /// Keras' <c>get_build_config</c> for a model: a functional model is built by its graph and writes
    /// <c>{"input_shape": null}</c>; a Sequential or subclassed model, once built, the input shape it was built for.
    /// </summary>
    public override Dictionary<string, object?>? GetBuildConfig()
    {
        if (Graph is not null) return new() { ["input_shape"] = null };
        var inputShape = (this as Sequential)?.InputShape ?? BuildInputShape;
        return Built && inputShape is Shape s ? new() { ["input_shape"] = s } : null;
    }

    /// <summary>
    /// Keras' <c>build_from_config</c> for a model: builds it for <c>input_shape</c>; a subclassed model is then called
    /// once on zeros of that shape (as Keras' default <c>build</c> does) so that its layers' weights exist before they
    /// are loaded. Nothing happens when the model is built or the config has no shape.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="config"/> is null.</exception>
    /// <exception cref="InvalidDataException"><c>input_shape</c> is not a list of dimensions.</exception>
    public override void BuildFromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (Built || config["input_shape"] is not JsonArray shape) return;
        var inputShape = ConfigJson.ToShape(shape, "build_config.input_shape");
        EnsureBuilt(inputShape);
        if (this is not Sequential && Graph is null)
            ModelSerializer.BuildByRunning(this, inputShape);
    }

    /// <summary>
    /// The model's compile arguments as written in <c>config.json</c>'s <c>compile_config</c> (Keras'
    /// <c>get_compile_config</c>); null (nothing written) while the model is not compiled. The default is Keras'
    /// <c>{"optimizer", "loss", "loss_weights", "metrics", "weighted_metrics", "run_eagerly", "steps_per_execution",
    /// "jit_compile"}</c>. A model whose own <c>Compile</c> takes other arguments overrides it with
    /// <see cref="CompileFromConfig"/>; values follow <see cref="Layer.GetConfig"/>'s rules, so an optimizer, loss or
    /// metric object is written as Keras' serialized dict and <see cref="Keras.Saving.Deserialize{T}"/> rebuilds it.
    /// </summary>
    public virtual Dictionary<string, object?>? GetCompileConfig()
    {
        if (!Compiled) return null;
        return CompileConfig.Serialize(this).ToDictionary(kv => kv.Key, kv => (object?)kv.Value?.DeepClone(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Compiles the model from its <c>compile_config</c> when it is loaded with <c>compile: true</c> (Keras'
    /// <c>compile_from_config</c>); called only for a non-empty config, in Keras' order: after the model is built,
    /// before its weights are loaded and the optimizer's state is restored into <see cref="Optimizer"/>. The default compiles with the optimizer, losses,
    /// loss weights and metrics the default <see cref="GetCompileConfig"/> records.
    /// </summary>
    /// <param name="config">The <c>compile_config</c> read from the file.</param>
    /// <exception cref="ArgumentNullException"><paramref name="config"/> is null.</exception>
    /// <exception cref="InvalidDataException">Unknown optimizer, loss or metric, or entries that do not fit the model.</exception>
    public virtual void CompileFromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        CompileConfig.Apply(this, config);
    }
}
