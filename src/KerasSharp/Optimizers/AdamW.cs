

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.AdamW</c>: <see cref="Adam"/> with decoupled weight decay on by default
/// (<c>weight_decay=0.004</c>): before each Adam update, <c>w -= lr * weight_decay * w</c>.
/// </summary>
public class AdamW : Adam
{
    /// <summary>AdamW with a fixed learning rate (Keras' defaults).</summary>
    /// <param name="learningRate">The learning rate (Keras: <c>learning_rate=0.001</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay coefficient (<c>weight_decay=0.004</c>).</param>
    /// <param name="beta1">Decay rate of the first-moment estimates (<c>beta_1=0.9</c>).</param>
    /// <param name="beta2">Decay rate of the second-moment estimates (<c>beta_2=0.999</c>).</param>
    /// <param name="epsilon">The "epsilon hat" added to <c>sqrt(v)</c> (<c>epsilon=1e-7</c>).</param>
    /// <param name="amsgrad">Use the AMSGrad variant (<c>amsgrad=False</c>).</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="name">The optimizer's name (<c>"adamw"</c>).</param>
    public AdamW(double learningRate = 0.001, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-7, bool amsgrad = false, double? clipnorm = null, double? clipvalue = null,
        double? globalClipnorm = null, string name = "adamw")
        : base(learningRate, null, beta1, beta2, epsilon, amsgrad, weightDecay, clipnorm, clipvalue, globalClipnorm, name)
    {
    }

    /// <summary>AdamW with a learning-rate schedule evaluated every step (the decay uses each step's rate).</summary>
    /// <param name="learningRate">The schedule giving the learning rate of each step.</param>
    /// <param name="weightDecay">Decoupled weight decay coefficient (<c>weight_decay=0.004</c>).</param>
    /// <param name="beta1">Decay rate of the first-moment estimates (<c>beta_1=0.9</c>).</param>
    /// <param name="beta2">Decay rate of the second-moment estimates (<c>beta_2=0.999</c>).</param>
    /// <param name="epsilon">The "epsilon hat" added to <c>sqrt(v)</c> (<c>epsilon=1e-7</c>).</param>
    /// <param name="amsgrad">Use the AMSGrad variant (<c>amsgrad=False</c>).</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="name">The optimizer's name (<c>"adamw"</c>).</param>
    public AdamW(LearningRateSchedule learningRate, double weightDecay = 0.004, double beta1 = 0.9,
        double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false, double? clipnorm = null,
        double? clipvalue = null, double? globalClipnorm = null, string name = "adamw")
        : base(0.001, learningRate ?? throw new ArgumentNullException(nameof(learningRate)), beta1, beta2, epsilon,
            amsgrad, weightDecay, clipnorm, clipvalue, globalClipnorm, name)
    {
    }
}
