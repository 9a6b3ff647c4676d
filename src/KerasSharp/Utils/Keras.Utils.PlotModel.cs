using System.Reflection;
using KerasSharp.Saving;
using KerasSharp.Utils;

namespace KerasSharp;

public static partial class Keras
{
    public static partial class Utils
    {
        /// <summary>
        /// The model's layer graph in Graphviz DOT text (Keras' <c>keras.utils.model_to_dot</c>, which returns a pydot
        /// graph; <c>dot -Tpng</c> renders the text). One box per layer (a functional model's InputLayers included, a
        /// subclassed model as one box), arrows along the connections, Keras' HTML labels and graph attributes.
        /// </summary>
        /// <param name="model">A built model.</param>
        /// <param name="showShapes">Show each layer's input and output shapes.</param>
        /// <param name="showDtype">Show each layer's output dtype.</param>
        /// <param name="showLayerNames">Show layer names (<c>name (Class)</c>) rather than class names only.</param>
        /// <param name="rankdir"><c>"TB"</c> (top to bottom) or <c>"LR"</c> (left to right).</param>
        /// <param name="expandNested">Draw nested Sequential/functional models' layers inside dashed clusters.</param>
        /// <param name="dpi">Resolution in dots per inch.</param>
        /// <param name="showLayerActivations">Show the activation of layers that have one.</param>
        /// <param name="showTrainable">Mark layers with weights as Trainable or Non-trainable.</param>
        /// <exception cref="ArgumentException">rankdir is not TB or LR, or dpi is not positive.</exception>
        /// <exception cref="InvalidOperationException">The model is not built.</exception>
        public static string ModelToDot(Model model, bool showShapes = false, bool showDtype = false, bool showLayerNames = true,
            string rankdir = "TB", bool expandNested = false, int dpi = 200, bool showLayerActivations = false, bool showTrainable = false)
        {
            CheckPlotArguments(rankdir, dpi);
            return ModelGraphView.Of(model, new(showShapes, showDtype, showLayerNames, expandNested, showLayerActivations, showTrainable))
                .ToDot(rankdir, dpi);
        }

        /// <summary>
        /// Draws the model's layer graph to <paramref name="toFile"/> (Keras' <c>keras.utils.plot_model</c>, same
        /// arguments and defaults): a <c>.png</c> picture drawn by the KerasSharp.Plots package (referenced by the app),
        /// or, for <c>.dot</c> / <c>.gv</c>, the Graphviz text of <see cref="ModelToDot"/>. Written atomically.
        /// </summary>
        /// <param name="model">A built model.</param>
        /// <param name="toFile">Destination: <c>.png</c> (needs KerasSharp.Plots), <c>.dot</c> or <c>.gv</c>.</param>
        /// <param name="showShapes">Show each layer's input and output shapes.</param>
        /// <param name="showDtype">Show each layer's output dtype.</param>
        /// <param name="showLayerNames">Show layer names (Keras 3's default here is false: class names only).</param>
        /// <param name="rankdir"><c>"TB"</c> (top to bottom) or <c>"LR"</c> (left to right).</param>
        /// <param name="expandNested">Draw nested models' layers (clusters in DOT, inline boxes in the PNG).</param>
        /// <param name="dpi">Resolution in dots per inch (the PNG's text is drawn larger from 150 dpi).</param>
        /// <param name="showLayerActivations">Show the activation of layers that have one.</param>
        /// <param name="showTrainable">Mark layers with weights as Trainable or Non-trainable.</param>
        /// <exception cref="ArgumentException">An unknown extension, rankdir not TB/LR, or dpi not positive.</exception>
        /// <exception cref="InvalidOperationException">The model is not built, or a PNG is asked for without KerasSharp.Plots.</exception>
        public static void PlotModel(Model model, string toFile = "model.png", bool showShapes = false, bool showDtype = false,
            bool showLayerNames = false, string rankdir = "TB", bool expandNested = false, int dpi = 200,
            bool showLayerActivations = false, bool showTrainable = false)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(toFile);
            CheckPlotArguments(rankdir, dpi);
            var ext = Path.GetExtension(toFile).ToLowerInvariant();
            if (ext is not (".png" or ".dot" or ".gv" or ""))
                throw new ArgumentException($"toFile must end with .png, .dot or .gv, but received \"{toFile}\".", nameof(toFile));
            var view = ModelGraphView.Of(model, new(showShapes, showDtype, showLayerNames, expandNested, showLayerActivations, showTrainable));
            if (ext is ".dot" or ".gv")
            {
                var text = System.Text.Encoding.UTF8.GetBytes(view.ToDot(rankdir, dpi));
                AtomicFile.Write(toFile, s => s.Write(text));
                return;
            }
            if (ext == "") toFile += ".png"; // Keras: no extension means png
            var renderer = Type.GetType("KerasSharp.Plots.ModelPlot, KerasSharp.Plots")?.GetMethod("RenderGraph", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
                ?? throw new InvalidOperationException(
                    $"PlotModel(\"{toFile}\") draws PNG pictures with the KerasSharp.Plots package, which this app does not reference. " +
                    "Add it (dotnet add package KerasSharp.Plots), or write Graphviz text with a .dot file name.");
            var png = (byte[])renderer.Invoke(null, [view, rankdir, dpi])!;
            AtomicFile.Write(toFile, s => s.Write(png));
        }

        private static void CheckPlotArguments(string rankdir, int dpi)
        {
            if (rankdir is not ("TB" or "LR"))
                throw new ArgumentException($"rankdir must be \"TB\" or \"LR\", but received \"{rankdir}\".", nameof(rankdir));
            if (dpi <= 0)
                throw new ArgumentOutOfRangeException(nameof(dpi), dpi, $"dpi must be > 0, but received {dpi}.");
        }
    }
}
