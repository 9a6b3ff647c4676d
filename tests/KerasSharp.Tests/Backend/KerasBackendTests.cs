using TorchSharp;

namespace KerasSharp.Tests.Backend;

/// <summary><see cref="Keras.Backend"/>: the TF32 switch and the description.</summary>
public class KerasBackendTests
{
    [Fact]
    public void EnableTensorFloat32ExecutionSetsBothLibTorchFlagsAndDescribeReportsThem()
    {
        bool matmul = torch.backends.cuda.matmul.allow_tf32, cudnn = torch.backends.cudnn.allow_tf32;
        try
        {
            Keras.Backend.EnableTensorFloat32Execution(true);
            Assert.True(torch.backends.cuda.matmul.allow_tf32);
            Assert.True(torch.backends.cudnn.allow_tf32);
            Assert.True(Keras.Backend.TensorFloat32ExecutionEnabled);
            Assert.Contains("TF32 on CUDA: matrix products on, cuDNN convolutions on", Keras.Backend.Describe());

            Keras.Backend.EnableTensorFloat32Execution(false);
            Assert.False(torch.backends.cuda.matmul.allow_tf32);
            Assert.False(torch.backends.cudnn.allow_tf32);
            Assert.False(Keras.Backend.TensorFloat32ExecutionEnabled);
            Assert.Contains("TF32 on CUDA: matrix products off, cuDNN convolutions off", Keras.Backend.Describe());
        }
        finally
        {
            torch.backends.cuda.matmul.allow_tf32 = matmul;
            torch.backends.cudnn.allow_tf32 = cudnn;
        }
    }
}
