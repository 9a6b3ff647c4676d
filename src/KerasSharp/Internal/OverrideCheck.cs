using System.Reflection;

namespace KerasSharp.Internal;

/// <summary>Whether a user's class overrides one of KerasSharp's virtual hooks (a custom step, a callback's batch
/// hook, a saving hook), read by reflection once per question.</summary>
internal static class OverrideCheck
{
    /// <summary>
    /// True when the instance method <paramref name="name"/>(<paramref name="parameters"/>) of <paramref name="type"/>
    /// is declared by a class other than <paramref name="defaults"/> (the KerasSharp classes whose definitions are the
    /// defaults): a subclass overrides it.
    /// </summary>
    public static bool Overrides(Type type, string name, Type[] parameters, params Type[] defaults) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, parameters)?.DeclaringType is not { } declaring
        || !defaults.Contains(declaring);
}
