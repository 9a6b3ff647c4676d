using KerasSharp.Export;
using KerasSharp.Saving;

namespace KerasSharp;

public partial class Model
{
    /// <summary>
    /// Writes the model as an ONNX file for inference (Keras' <c>model.export(path, format="onnx")</c>): ONNX opset
    /// 17, float32 inputs with a symbolic batch axis, one graph output per model output, weights as initializers;
    /// ONNX Runtime and other ONNX tools run it and give what <see cref="Predict(Data.ModelData, int, int, int?, IEnumerable{Callbacks.Callback}?)"/>
    /// gives. Sequential and functional models (nested ones included) are exported; the layers converted are Dense,
    /// Activation and the activation layers (relu, sigmoid, tanh, softmax, elu, selu, softplus, softsign, gelu, silu,
    /// leaky_relu, relu6, hard_sigmoid, exponential, log_softmax), Conv1D/Conv2D, LSTM, GRU and SimpleRNN (tanh/sigmoid,
    /// forward; Bidirectional with merge_mode concat; no masks), EinsumDense, MultiHeadAttention (3-D inputs, default
    /// attention axes, causal mask and attention scores as the call asked), Max/AveragePooling1D/2D, the global
    /// poolings, Flatten, Reshape, BatchNormalization and LayerNormalization (last axis), Embedding, the merging
    /// layers, and Dropout and the noise layers (identities at inference). The file is written to a temporary path
    /// and moved into place when complete.
    /// </summary>
    /// <param name="path">Destination file, usually <c>*.onnx</c>, in an existing folder.</param>
    /// <exception cref="NotSupportedException">A layer or activation has no ONNX converter (named in the message), or the model is subclassed.</exception>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    public void ExportOnnx(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = OnnxExporter.Export(this);
        AtomicFile.Write(path, s => s.Write(bytes));
    }
}
