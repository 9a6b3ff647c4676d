using System.Text.Json;
using System.Text.Json.Nodes;
using KerasSharp.Layers;
using KerasSharp.Saving;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>Keras' <c>keras.models</c>: loading saved models and rebuilding them from JSON.</summary>
    public static class Models
    {
        /// <summary>
        /// Loads a model saved by <see cref="Model.Save"/> or by Python Keras 3 (<c>.keras</c>), or a Keras 2 full-model
        /// <c>.h5</c> file (Keras' <c>keras.models.load_model</c>). Never runs code from the file: Lambda layers are
        /// refused. Either a complete model is returned or an exception is thrown.
        /// </summary>
        /// <param name="path">The model file.</param>
        /// <param name="compile">Restore the compile configuration (optimizer, loss, metrics) and the optimizer's state, when saved.</param>
        /// <param name="customObjects">Keras' <c>custom_objects</c>: classes and functions the file names, by name, as for
        /// <see cref="Keras.Saving.CustomObjectScope"/>, for this call only.</param>
        /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
        /// <exception cref="ArgumentException"><paramref name="customObjects"/> holds an empty name or a value of another kind.</exception>
        /// <exception cref="InvalidDataException">
        /// The file is truncated, not a Keras file, has a wrong schema, names a class KerasSharp does not have, or its
        /// weights do not fit; the message names the file and the problem.
        /// </exception>
        public static Model LoadModel(string path, bool compile = true, IReadOnlyDictionary<string, object>? customObjects = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            using var scope = customObjects is null ? null : CustomObjects.Push(CustomObjects.Validate(customObjects, nameof(customObjects)));
            if (!File.Exists(path)) throw new FileNotFoundException($"No model file at '{path}'.", path);
            AtomicFile.CheckRegularFile(path, "LoadModel"); // a named pipe would block the read below forever
            Span<byte> head = stackalloc byte[8];
            int n;
            using (var fs = File.OpenRead(path)) n = fs.Read(head);
            bool isHdf5 = n >= 8 && head[0] == 0x89 && head[1] == (byte)'H' && head[2] == (byte)'D' && head[3] == (byte)'F';
            if (isHdf5) return LegacyH5.LoadModel(path, compile);
            return KerasArchive.Load(path, compile);
        }

        /// <summary>
        /// Rebuilds a model from <see cref="Model.ToJson"/> or Keras' <c>model.to_json()</c> (Keras'
        /// <c>model_from_json</c>): same architecture, freshly initialised weights, compiled when the JSON holds a
        /// compile configuration.
        /// </summary>
        /// <param name="json">The model's JSON.</param>
        /// <param name="customObjects">Keras' <c>custom_objects</c>, as for <see cref="LoadModel"/>.</param>
        /// <exception cref="ArgumentException">The text is not JSON or not a Keras model config.</exception>
        public static Model ModelFromJson(string json, IReadOnlyDictionary<string, object>? customObjects = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(json);
            using var scope = customObjects is null ? null : CustomObjects.Push(CustomObjects.Validate(customObjects, nameof(customObjects)));
            JsonNode? node;
            try { node = JsonNode.Parse(json); }
            catch (JsonException e) { throw new ArgumentException($"ModelFromJson: the text is not valid JSON ({e.Message}).", nameof(json), e); }
            if (node is not JsonObject o || ConfigJson.GetString(o, "class_name") is null)
                throw new ArgumentException($"ModelFromJson: expected a Keras model config with \"class_name\" and \"config\", but received {ConfigJson.Describe(node)}.", nameof(json));
            // One exception type for every way the text can fail to describe a model (a bad value can surface from a
            // layer's constructor, shape inference or LibTorch as another type).
            try { return ModelSerializer.Deserialize(o, compile: true); }
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException or ArgumentException or FormatException
                                          or OverflowException or IndexOutOfRangeException or System.Runtime.InteropServices.ExternalException)
            {
                throw new ArgumentException($"ModelFromJson: {e.Message}", nameof(json), e);
            }
        }

        /// <summary>
        /// A new model with the same architecture and freshly initialised weights (Keras' <c>keras.models.clone_model</c>):
        /// a Sequential or functional model's layers are rebuilt from their configs (Keras' default
        /// <c>layer.__class__.from_config(layer.get_config())</c>) and, for a functional model, called again on new
        /// inputs in the same graph, shared layers staying shared and each call keeping its options (<c>training</c>).
        /// </summary>
        /// <param name="model">A Sequential or functional model.</param>
        /// <param name="cloneFunction">Keras' <c>clone_function</c>: called once per layer (Input layers excluded) and
        /// returns the layer to use in its place, e.g. the layer itself to share its weights, or a changed copy.</param>
        /// <exception cref="ArgumentException">A subclassed model (Keras requires it to be Sequential or functional), or
        /// a <paramref name="cloneFunction"/> that returned null.</exception>
        public static Model CloneModel(Model model, Func<Layer, Layer>? cloneFunction = null)
        {
            ArgumentNullException.ThrowIfNull(model);
            return ModelCloner.Clone(model, cloneFunction);
        }
    }
}
