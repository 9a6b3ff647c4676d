using System.Text;
using KerasSharp.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp;

public static partial class Keras
{
    /// <summary>Facts about the TorchSharp / LibTorch backend (Keras' <c>keras.backend</c>).</summary>
    public static class Backend
    {
        /// <summary>
        /// Makes sure the native LibTorch library is loaded, applying the Debian 12 / Ubuntu 22.04 fix when needed
        /// (see docs/native-loading.md), and on Linux tunes glibc malloc to keep freed memory for reuse
        /// (docs/performance.md; <c>KERASSHARP_MALLOC_TUNING=0</c> turns that off). KerasSharp calls this itself; call it
        /// first only in a script that uses TorchSharp before touching any KerasSharp type.
        /// </summary>
        public static void EnsureNativeLoaded()
        {
            OneDnnGuard.Apply();   // before LibTorch creates any oneDNN primitive
            LibTorchLoader.EnsureLoaded();
            AllocatorTuning.Apply();
        }

        /// <summary>
        /// Enables or disables TensorFloat-32 (TF32) on CUDA for float32 matrix products and cuDNN convolutions (Keras'
        /// <c>tf.config.experimental.enable_tensor_float_32_execution</c>). TF32 rounds the float32 inputs of those ops to
        /// 10 mantissa bits and runs them several times faster on NVIDIA Ampere and newer GPUs; it changes nothing on the
        /// CPU or on older GPUs. Keras' TensorFlow backend has it on by default; KerasSharp keeps LibTorch's defaults
        /// (off for matrix products, on for cuDNN convolutions) until this is called.
        /// </summary>
        /// <param name="enabled">True to allow TF32 in both, false for full float32 precision in both.</param>
        public static void EnableTensorFloat32Execution(bool enabled)
        {
            EnsureNativeLoaded();
            torch.backends.cuda.matmul.allow_tf32 = enabled;
            torch.backends.cudnn.allow_tf32 = enabled;
        }

        /// <summary>True when TF32 is allowed for both CUDA matrix products and cuDNN convolutions
        /// (<c>tf.config.experimental.tensor_float_32_execution_enabled</c>).</summary>
        public static bool TensorFloat32ExecutionEnabled
        {
            get
            {
                EnsureNativeLoaded();
                return torch.backends.cuda.matmul.allow_tf32 && torch.backends.cudnn.allow_tf32;
            }
        }

        /// <summary>A multi-line description: versions, native loading, devices, threads, default device.</summary>
        public static string Describe()
        {
            EnsureNativeLoaded();
            var sb = new StringBuilder();
            sb.AppendLine($"KerasSharp {typeof(Keras).Assembly.GetName().Version} (Keras {KerasVersion} API)");
            sb.AppendLine($"TorchSharp {typeof(torch).Assembly.GetName().Version}, LibTorch {torch.__version__}");
            sb.AppendLine($"Native library: {LibTorchLoader.Status}");
            sb.AppendLine($"Allocator: {AllocatorTuning.Status}");
            sb.AppendLine($"oneDNN guard: {OneDnnGuard.Status}");
            bool cuda = DeviceManager.CudaAvailable();
            sb.AppendLine($"CUDA: {(cuda ? $"available, {torch.cuda.device_count()} device(s)" : "not available (" + DeviceManager.CudaUnavailableReason() + ")")}");
            sb.AppendLine($"Threads: {torch.get_num_threads()} intra-op, {torch.get_num_interop_threads()} inter-op");
            sb.AppendLine($"TF32 on CUDA: matrix products {(torch.backends.cuda.matmul.allow_tf32 ? "on" : "off")}, cuDNN convolutions {(torch.backends.cudnn.allow_tf32 ? "on" : "off")}");
            sb.AppendLine($"Default device: {DeviceManager.DefaultDevice} (requested: {DeviceManager.Requested})");
            sb.Append($"OS: {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
            return sb.ToString();
        }
    }
}
