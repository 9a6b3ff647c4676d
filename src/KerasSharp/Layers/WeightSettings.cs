using KerasSharp.Constraints;
using KerasSharp.Initializers;
using KerasSharp.Internal;
using KerasSharp.Regularizers;

namespace KerasSharp.Layers;

/// <summary>
/// How a layer makes and keeps one of its weights, as Keras' layer arguments give it: the initializer, the regularizer
/// and the constraint of one weight role (<c>kernel</c>, <c>bias</c>, <c>gamma</c>, <c>recurrent</c>, <c>depthwise</c>, ...).
/// A layer holds one per role, makes the weight with <c>Layer.AddWeight(WeightSettings, Shape)</c> and writes its
/// config keys (<c>{role}_initializer</c>, <c>{role}_regularizer</c>, <c>{role}_constraint</c>) with
/// <see cref="WriteConfig"/>, in Keras' order. Reading them back needs nothing here: the layer's constructor takes them.
/// </summary>
internal sealed class WeightSettings
{
    /// <summary>Settings of the weight role <paramref name="key"/>.</summary>
    /// <param name="key">The prefix of the config keys (<c>kernel</c> for <c>kernel_initializer</c>, ...).</param>
    /// <param name="initializer">The initializer, or null for <paramref name="defaultInitializer"/>.</param>
    /// <param name="defaultInitializer">Keras' default initializer of the role (a registry name: <c>glorot_uniform</c>, <c>zeros</c>).</param>
    /// <param name="regularizer">The penalty on the weight, or null.</param>
    /// <param name="constraint">The projection of the weight after each update, or null.</param>
    /// <param name="weightName">The weight's name where it is not <paramref name="key"/> (<c>recurrent_kernel</c> for <c>recurrent</c>).</param>
    public WeightSettings(string key, Initializer? initializer, string defaultInitializer, Regularizer? regularizer = null,
        Constraint? constraint = null, string? weightName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Key = key;
        WeightName = weightName ?? key;
        Initializer = initializer ?? InitializerRegistry.Get(defaultInitializer);
        Regularizer = regularizer;
        Constraint = constraint;
    }

    private WeightSettings(WeightSettings settings, Initializer initializer)
    {
        Key = settings.Key;
        WeightName = settings.WeightName;
        Initializer = initializer;
        Regularizer = settings.Regularizer;
        Constraint = settings.Constraint;
        InitializerOnly = settings.InitializerOnly;
    }

    /// <summary>The prefix of the role's config keys.</summary>
    public string Key { get; }
    /// <summary>The name of the weight the role makes (Keras' <c>add_weight(name=...)</c>).</summary>
    public string WeightName { get; }
    /// <summary>The initializer (never null: Keras' default where none was given).</summary>
    public Initializer Initializer { get; }
    /// <summary>The penalty on the weight, or null.</summary>
    public Regularizer? Regularizer { get; }
    /// <summary>The projection of the weight after each update, or null.</summary>
    public Constraint? Constraint { get; }
    /// <summary>
    /// Whether Keras configures the weight by its initializer alone (BatchNormalization's <c>moving_mean</c>): the config
    /// then holds only <c>{key}_initializer</c>.
    /// </summary>
    public bool InitializerOnly { get; init; }

    /// <summary>
    /// The same settings with the weight made by <paramref name="initializer"/> (LSTM's <c>unit_forget_bias</c> wraps the
    /// bias initializer); the config keeps the original.
    /// </summary>
    public WeightSettings MadeBy(Initializer initializer) => new(this, initializer);

    /// <summary>
    /// Writes the config keys of <paramref name="roles"/> as Keras' <c>get_config</c> does: every
    /// <c>{key}_initializer</c>, then every <c>{key}_regularizer</c>, then <c>activity_regularizer</c>
    /// (<paramref name="activityRegularizer"/>, where <paramref name="activity"/> says so), then every
    /// <c>{key}_constraint</c>; each group in the order of <paramref name="roles"/>.
    /// </summary>
    public static void WriteConfig(Dictionary<string, object?> config, WeightSettings[] roles,
        ActivityKey activity = ActivityKey.None, Regularizer? activityRegularizer = null)
    {
        WriteInitializerConfig(config, roles);
        WritePenaltyConfig(config, roles, activity, activityRegularizer);
    }

    /// <summary>
    /// The first part of <see cref="WriteConfig"/>: every <c>{key}_initializer</c>, for a layer whose Keras config has
    /// a key between the initializers and the regularizers (LSTM's <c>unit_forget_bias</c>).
    /// </summary>
    public static void WriteInitializerConfig(Dictionary<string, object?> config, WeightSettings[] roles)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var r in roles) config[r.Key + "_initializer"] = KerasConfig.Serialize(r.Initializer);
    }

    /// <summary>
    /// The rest of <see cref="WriteConfig"/>: every <c>{key}_regularizer</c>, <c>activity_regularizer</c> where
    /// <paramref name="activity"/> says so, then every <c>{key}_constraint</c>.
    /// </summary>
    public static void WritePenaltyConfig(Dictionary<string, object?> config, WeightSettings[] roles,
        ActivityKey activity = ActivityKey.None, Regularizer? activityRegularizer = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        foreach (var r in roles)
            if (!r.InitializerOnly) config[r.Key + "_regularizer"] = KerasConfig.Serialize(r.Regularizer);
        if (activity == ActivityKey.Always || (activity == ActivityKey.WhenSet && activityRegularizer is not null))
            config["activity_regularizer"] = KerasConfig.Serialize(activityRegularizer);
        foreach (var r in roles)
            if (!r.InitializerOnly) config[r.Key + "_constraint"] = KerasConfig.Serialize(r.Constraint);
    }

    /// <summary>Whether <see cref="WriteConfig"/> writes <c>activity_regularizer</c>.</summary>
    internal enum ActivityKey
    {
        /// <summary>Not written (the layer's Keras config has no such key, or another part writes it).</summary>
        None,
        /// <summary>Always written, null included.</summary>
        Always,
        /// <summary>Written only when a regularizer is set (a key Keras lacks, kept so that the setting survives a reload).</summary>
        WhenSet,
    }
}
