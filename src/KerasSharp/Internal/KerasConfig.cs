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
        Wrap(initializer, initializer.GetConfig());

    public static Dictionary<string, object?>? Serialize(Regularizer? regularizer) =>
        regularizer is null ? null : Wrap(regularizer, regularizer.GetConfig());

    public static Dictionary<string, object?>? Serialize(Constraint? constraint) =>
        constraint is null ? null : Wrap(constraint, constraint.GetConfig());

    // Module, class name and registered name come from the one serialization registry (Keras' names, aliases and
    // custom registrations alike).
    private static Dictionary<string, object?> Wrap(object value, Dictionary<string, object?> config) => new()
    {
        ["module"] = Saving.SerializationRegistry.ModuleOf(value.GetType()),
        ["class_name"] = Saving.SerializationRegistry.ClassNameOf(value.GetType()),
        ["config"] = config,
        ["registered_name"] = Saving.SerializationRegistry.RegisteredNameOf(value.GetType()),
    };
}
