using System.Text.Json.Nodes;

namespace KerasSharp.Saving;

/// <summary>
/// Keras' <c>safe_mode</c>, always on: loading never runs code found in a file. A <c>Lambda</c> layer (its function is
/// serialized Python bytecode) or any <c>__lambda__</c> object is refused with an explanation.
/// </summary>
internal static class SafeMode
{
    /// <summary>Throws when <paramref name="serialized"/> (class <paramref name="className"/>) carries code.</summary>
    /// <exception cref="InvalidDataException">The object is a Lambda layer or a serialized lambda.</exception>
    public static void Check(JsonObject serialized, string className)
    {
        if (className == "Lambda")
        {
            var name = serialized["config"] is JsonObject c ? ConfigJson.GetString(c, "name") : null;
            throw new InvalidDataException(
                $"Refusing to load the Lambda layer{(name is null ? "" : $" '{name}'")}: its function is stored as Python code, and loading " +
                "it would execute code from the file (Keras refuses it too unless safe_mode=False). Rebuild the layer in C# " +
                "(a custom layer class registered with Keras.Saving.RegisterSerializable<T>()) and load the weights with LoadWeights.");
        }
        if (className == "__lambda__")
            throw new InvalidDataException(
                "Refusing to load a serialized Python lambda: loading it would execute code from the file (Keras' safe_mode).");
    }
}
