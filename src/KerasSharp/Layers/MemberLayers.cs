using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using KerasSharp.Internal;

namespace KerasSharp.Layers;

/// <summary>
/// Keras' attribute tracking (<c>Layer.__setattr__</c> and its tracker) for C# subclasses: the instance fields that a
/// user's subclass of a layer or model declares (public or private, the backing fields of auto-properties included)
/// and that hold a layer, or a list, array or dictionary of layers. Only types outside KerasSharp are scanned (the
/// built-in layers register their sub-layers with <see cref="Layer.TrackLayer{T}"/>), base classes first, each class's
/// fields in declaration order, so the discovered order is the same on every run.
/// </summary>
/// <remarks>
/// A member's Keras attribute name is the snake_case of its C# name without leading underscores: <c>_dense1</c> and
/// <c>Dense1</c> are <c>dense1</c>, <c>DenseLayers</c> is <c>dense_layers</c>, the auto-property <c>Head</c> is <c>head</c>.
/// </remarks>
internal static class MemberLayers
{
    /// <summary>A field that may hold layers, with the Keras attribute name its layers are saved under.</summary>
    /// <param name="Field">The field (for an auto-property, its backing field).</param>
    /// <param name="MemberName">The C# name of the field or auto-property.</param>
    /// <param name="KerasName">The Keras attribute name (snake_case, no leading underscores).</param>
    internal sealed record Member(FieldInfo Field, string MemberName, string KerasName);

    private static readonly ConcurrentDictionary<Type, Member[]> Cache = new();

    /// <summary>The fields of <paramref name="type"/> (a layer type) that may hold layers, in tracking order.</summary>
    public static Member[] Of(Type type) => Cache.GetOrAdd(type, Scan);

    private static Member[] Scan(Type type)
    {
        var chain = new List<Type>();
        for (var t = type; t is not null && t.Assembly != typeof(Layer).Assembly; t = t.BaseType) chain.Add(t);
        chain.Reverse();
        var result = new List<Member>();
        foreach (var t in chain)
        {
            var fields = t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .OrderBy(f => f.MetadataToken);
            foreach (var f in fields)
            {
                if (!MayHoldLayers(f.FieldType) || MemberNameOf(f.Name) is not { Length: > 0 } name) continue;
                var keras = UniqueNames.ToSnakeCase(name.TrimStart('_'));
                if (keras.Length > 0) result.Add(new Member(f, name, keras));
            }
        }
        return result.ToArray();
    }

    private static bool MayHoldLayers(Type t) =>
        typeof(Layer).IsAssignableFrom(t) || t == typeof(object) ||
        typeof(IList).IsAssignableFrom(t) || typeof(IDictionary).IsAssignableFrom(t) ||
        (t.IsInterface && typeof(IEnumerable).IsAssignableFrom(t) && t != typeof(string));

    // "<Head>k__BackingField" -> "Head"; "<x>P" (a captured primary-constructor parameter) -> "x"; other names as they are.
    private static string? MemberNameOf(string fieldName)
    {
        if (!fieldName.StartsWith('<')) return fieldName;
        int end = fieldName.IndexOf('>', StringComparison.Ordinal);
        return end > 1 ? fieldName[1..end] : null;
    }

    /// <summary>
    /// What a member holds: a layer, or the layers of a list / array (in order) or of a dictionary (its values in
    /// order), as Keras' containers. Other values (null, lazy sequences, non-layers) hold none.
    /// </summary>
    public static (Layer? Single, IReadOnlyList<Layer>? Items) Read(Member member, Layer owner)
    {
        var value = member.Field.GetValue(owner);
        switch (value)
        {
            case Layer layer:
                return (layer, null);
            case IDictionary dict:
                return (null, dict.Values.OfType<Layer>().ToArray());
            case IList list:
                return (null, list.OfType<Layer>().ToArray());
            default:
                return (null, null);
        }
    }

    /// <summary>Every layer the members of <paramref name="owner"/> hold, in member order.</summary>
    public static IEnumerable<Layer> LayersOf(Layer owner, Member[] members)
    {
        foreach (var m in members)
        {
            var (single, items) = Read(m, owner);
            if (single is not null) yield return single;
            else if (items is not null)
                foreach (var l in items) yield return l;
        }
    }
}
