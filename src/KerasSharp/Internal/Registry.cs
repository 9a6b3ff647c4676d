namespace KerasSharp.Internal;

/// <summary>
/// One family's name table (Keras' <c>activations.get</c>, <c>losses.get</c>, ...): name in, new object out,
/// unknown name -> <see cref="ArgumentException"/> listing the valid names.
/// </summary>
internal sealed class Registry<T>(string family, StringComparer comparer)
{
    private readonly Dictionary<string, Func<T>> factories = new(comparer);

    /// <summary>Adds <paramref name="factory"/> under every name in <paramref name="names"/>.</summary>
    public Registry<T> Add(Func<T> factory, params string[] names)
    {
        foreach (var n in names)
            factories.Add(n, factory);
        return this;
    }

    /// <summary>Every registered name.</summary>
    public IReadOnlyCollection<string> Names => factories.Keys;

    /// <summary>True when <paramref name="name"/> is registered.</summary>
    public bool Contains(string name) => factories.ContainsKey(name);

    /// <summary>A new object for <paramref name="name"/>.</summary>
    public T Get(string name, string paramName = "name")
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        return factories.TryGetValue(name, out var f)
            ? f()
            : throw Guard.UnknownName(family, name, factories.Keys, paramName);
    }
}
