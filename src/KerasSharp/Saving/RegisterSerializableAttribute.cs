namespace KerasSharp.Saving;

/// <summary>
/// Registers a custom class for saving and loading under Keras' name <c>"package&gt;name"</c> (Keras'
/// <c>@keras.saving.register_keras_serializable(package, name)</c>). A loaded config whose <c>registered_name</c> (or
/// <c>class_name</c>) is that name is rebuilt as this class; saved configs carry it as their <c>registered_name</c>.
/// Same effect as <see cref="Keras.Saving.RegisterSerializable{T}(string, string?)"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RegisterSerializableAttribute : Attribute
{
    /// <summary>Registers the class as <c>"<paramref name="package"/>&gt;<paramref name="name"/>"</c>.</summary>
    /// <param name="package">Keras' <c>package</c> (default <c>"Custom"</c>, as in Keras).</param>
    /// <param name="name">Keras' <c>name</c>; null for the class name.</param>
    public RegisterSerializableAttribute(string package = "Custom", string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(package);
        Package = package;
        Name = name;
    }

    /// <summary>The package part of the registered name.</summary>
    public string Package { get; }

    /// <summary>The name part of the registered name, or null for the class name.</summary>
    public string? Name { get; }
}
