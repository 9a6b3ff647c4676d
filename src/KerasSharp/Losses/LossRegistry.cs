using KerasSharp.Internal;

namespace KerasSharp.Losses;

/// <summary>
/// Keras' <c>keras.losses.get</c>: resolves a loss name to a new <see cref="Loss"/>.
/// Unknown names raise an <see cref="ArgumentException"/> that lists every valid name.
/// Function-style names (<c>"mse"</c>, <c>"categorical_crossentropy"</c>) give a loss named by that string, as
/// Keras' compile wraps them; class names (<c>"MeanSquaredError"</c>) give the class with its default name.
/// <c>"crossentropy"</c> and <c>"ce"</c> (any case, as in Keras' compile) pick binary, sparse or categorical
/// cross-entropy from the shapes at the first call.
/// </summary>
public static class LossRegistry
{
    private static readonly Registry<Loss> Table = Build();

    private static Registry<Loss> Build()
    {
        var r = new Registry<Loss>("loss", StringComparer.Ordinal);
        void Named(Func<string, Loss> make, params string[] names)
        {
            foreach (var n in names) r.Add(() => make(n), n);
        }
        Named(n => new MeanSquaredError(name: n), "mean_squared_error", "mse", "MSE");
        r.Add(() => new MeanSquaredError(), "MeanSquaredError");
        Named(n => new MeanAbsoluteError(name: n), "mean_absolute_error", "mae", "MAE");
        r.Add(() => new MeanAbsoluteError(), "MeanAbsoluteError");
        Named(n => new MeanAbsolutePercentageError(name: n), "mean_absolute_percentage_error", "mape", "MAPE");
        r.Add(() => new MeanAbsolutePercentageError(), "MeanAbsolutePercentageError");
        Named(n => new MeanSquaredLogarithmicError(name: n), "mean_squared_logarithmic_error", "msle", "MSLE");
        r.Add(() => new MeanSquaredLogarithmicError(), "MeanSquaredLogarithmicError");
        Named(n => new BinaryCrossentropy(name: n), "binary_crossentropy", "bce", "BCE");
        r.Add(() => new BinaryCrossentropy(), "BinaryCrossentropy");
        Named(n => new CategoricalCrossentropy(name: n), "categorical_crossentropy");
        r.Add(() => new CategoricalCrossentropy(), "CategoricalCrossentropy");
        Named(n => new SparseCategoricalCrossentropy(name: n), "sparse_categorical_crossentropy");
        r.Add(() => new SparseCategoricalCrossentropy(), "SparseCategoricalCrossentropy");
        Named(n => new KLDivergence(name: n), "kl_divergence", "kld", "KLD", "kullback_leibler_divergence");
        r.Add(() => new KLDivergence(), "KLDivergence");
        Named(n => new Huber(name: n), "huber");
        r.Add(() => new Huber(), "Huber");
        Named(n => new LogCosh(name: n), "log_cosh", "logcosh");
        r.Add(() => new LogCosh(), "LogCosh");
        Named(n => new Hinge(name: n), "hinge");
        r.Add(() => new Hinge(), "Hinge");
        Named(n => new SquaredHinge(name: n), "squared_hinge");
        r.Add(() => new SquaredHinge(), "SquaredHinge");
        Named(n => new CategoricalHinge(name: n), "categorical_hinge");
        r.Add(() => new CategoricalHinge(), "CategoricalHinge");
        Named(n => new Poisson(name: n), "poisson");
        r.Add(() => new Poisson(), "Poisson");
        Named(n => new CosineSimilarity(name: n), "cosine_similarity");
        r.Add(() => new CosineSimilarity(), "CosineSimilarity");
        Named(n => new BinaryFocalCrossentropy(name: n), "binary_focal_crossentropy");
        r.Add(() => new BinaryFocalCrossentropy(), "BinaryFocalCrossentropy");
        Named(n => new CategoricalFocalCrossentropy(name: n), "categorical_focal_crossentropy");
        r.Add(() => new CategoricalFocalCrossentropy(), "CategoricalFocalCrossentropy");
        Named(n => new Dice(name: n), "dice");
        r.Add(() => new Dice(), "Dice");
        Named(n => new Tversky(name: n), "tversky");
        r.Add(() => new Tversky(), "Tversky");
        Named(n => new CTC(name: n), "ctc");
        r.Add(() => new CTC(), "CTC");
        Named(n => new ShapeResolvedCrossentropy(n), "crossentropy", "ce");
        return r;
    }

    /// <summary>Every name this registry resolves.</summary>
    public static IReadOnlyCollection<string> Names => Table.Names;

    /// <summary>Returns a new <see cref="Loss"/> for <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the valid names.</exception>
    public static Loss Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.ToLowerInvariant();
        if ((lower == "crossentropy" || lower == "ce") && !Table.Contains(name))
            return new ShapeResolvedCrossentropy(name);
        return Table.Get(name, nameof(name));
    }
}
