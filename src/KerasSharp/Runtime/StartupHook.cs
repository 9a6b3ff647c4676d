// A .NET startup hook (https://learn.microsoft.com/dotnet/core/runtime-config/debugging-profiling#startup-hooks) has to
// be a class named StartupHook in the global namespace.
#pragma warning disable CA1050 // Declare types in namespaces

/// <summary>
/// Runs KerasSharp's native preparation (the Debian 12 / Ubuntu 22.04 loading fix, the oneDNN guard and the malloc
/// tuning; docs/native-loading.md) when the app starts, before <c>Main</c>, so that it applies however the process
/// starts, also when the app calls TorchSharp before it touches any KerasSharp type. The KerasSharp package's build
/// targets register it in the app's runtimeconfig.json (<c>STARTUP_HOOKS</c>); set the MSBuild property
/// <c>KerasSharpStartupHook=false</c> to leave it out.
/// </summary>
internal static class StartupHook
{
    /// <summary>Called by the runtime before the app's entry point.</summary>
    public static void Initialize() => KerasSharp.Keras.Backend.EnsureNativeLoaded();
}
