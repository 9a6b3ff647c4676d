using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Regularizers;

namespace KerasSharp.Internal;

/// <summary>
/// Keras' <c>serialize_keras_object</c> for the objects layers hold in their configs: initializers, regularizers and
/// constraints become <c>{"module", "class_name", "config", "registered_name"}</c> dictionaries; null stays null.
/// Layers use these in <c>GetConfig()</c> so config.json matches what Keras writes.
/// </summary>
internal static class KerasConfig
{
    public static Dictionary<string, object?> Serialize(Initializer initializer) =>
        Wrap("keras.initializers", initializer.GetType().Name, initializer.GetConfig());

    public static Dictionary<string, object?>? Serialize(Regularizer? regularizer) =>
        regularizer is null ? null : Wrap("keras.regularizers", regularizer.GetType().Name, regularizer.GetConfig());

    public static Dictionary<string, object?>? Serialize(Constraint? constraint) =>
        constraint is null ? null : Wrap("keras.constraints", constraint.GetType().Name, constraint.GetConfig());

    private static Dictionary<string, object?> Wrap(string module, string className, Dictionary<string, object?> config) => new()
    {
        ["module"] = module,
        ["class_name"] = className,
        ["config"] = config,
        ["registered_name"] = null,
    };
}
