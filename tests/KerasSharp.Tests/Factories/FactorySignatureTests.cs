using System.Reflection;
using KerasSharp.Layers;

namespace KerasSharp.Tests.Factories;

/// <summary>
/// The layer factories on <see cref="Keras"/> (<c>Dense(64, "relu")</c>, Keras' <c>keras.layers.Dense</c> spelled as a
/// function) repeat their class's constructor: each must take exactly a public constructor's parameters (names, types,
/// order and defaults), so a parameter added to a constructor cannot be forgotten in its factory, and every layer class
/// with a factory is reachable with all its arguments both ways.
/// </summary>
public class FactorySignatureTests
{
    private static IEnumerable<MethodInfo> LayerFactories() =>
        typeof(Keras).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => typeof(Layer).IsAssignableFrom(m.ReturnType) && !typeof(Model).IsAssignableFrom(m.ReturnType) && !m.IsGenericMethod);

    private static string Describe(ParameterInfo p) =>
        $"{p.ParameterType} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}";

    [Fact]
    public void EveryLayerFactoryTakesExactlyAConstructorsParameters()
    {
        var factories = LayerFactories().ToArray();
        Assert.True(factories.Length > 50, $"expected the layer factories, found {factories.Length}");
        var mismatches = new List<string>();
        foreach (var factory in factories)
        {
            var signature = factory.GetParameters().Select(Describe).ToArray();
            var constructors = factory.ReturnType.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
            if (!constructors.Any(c => c.GetParameters().Select(Describe).SequenceEqual(signature)))
                mismatches.Add($"Keras.{factory.Name}({string.Join(", ", signature)}) matches no public constructor of {factory.ReturnType.Name}: " +
                    string.Join(" | ", constructors.Select(c => "(" + string.Join(", ", c.GetParameters().Select(Describe)) + ")")));
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void EveryLayerClassWithAPublicConstructorHasAFactory()
    {
        var withFactory = LayerFactories().Select(m => m.ReturnType).ToHashSet();
        var missing = typeof(Layer).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(Layer).IsAssignableFrom(t) && !typeof(Model).IsAssignableFrom(t))
            .Where(t => !withFactory.Contains(t))
            .Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, "layer classes without a Keras.<Name>(...) factory: " + string.Join(", ", missing));
    }
}
