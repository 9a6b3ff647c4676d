#if !NET9_0_OR_GREATER
namespace System.Runtime.CompilerServices;

/// <summary>
/// The attribute .NET 9 defines for C# 13's overload resolution priority, declared here for the net8.0 build (the C#
/// compiler reads it by name): <see cref="KerasSharp.Model"/>'s stream overload of Predict uses it so that a
/// <c>Tensor[]</c> or <c>List&lt;Tensor&gt;</c> keeps choosing it over the <see cref="KerasSharp.Data.ModelData"/> overload.
/// </summary>
/// <param name="priority">Higher is preferred among applicable overloads; the default is 0.</param>
[AttributeUsage(AttributeTargets.Constructor | AttributeTargets.Method | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
internal sealed class OverloadResolutionPriorityAttribute(int priority) : Attribute
{
    /// <summary>The priority of the member.</summary>
    public int Priority { get; } = priority;
}
#endif
