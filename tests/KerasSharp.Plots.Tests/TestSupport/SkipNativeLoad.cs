using System.Runtime.CompilerServices;

namespace KerasSharp.Plots.Tests.TestSupport;

/// <summary>
/// The plot tests build <see cref="History"/> objects but never touch a tensor, so they tell KerasSharp's module
/// initializer not to load LibTorch (its documented <c>KERASSHARP_NO_NATIVE_FIX</c> switch); loading the native
/// library would cost seconds per test run for nothing.
/// </summary>
internal static class SkipNativeLoad
{
#pragma warning disable CA2255 // Must run before the first KerasSharp type is touched.
    [ModuleInitializer]
    internal static void Initialize() => Environment.SetEnvironmentVariable("KERASSHARP_NO_NATIVE_FIX", "1");
#pragma warning restore CA2255
}
