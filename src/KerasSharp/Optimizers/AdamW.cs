

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.AdamW</c>: <see cref="Adam"/> with decoupled weight decay on by default
/// (<c>weight_decay=0.004</c>): before each Adam update, <c>w -= lr * weight_decay * w</c>.
/// </summary>
public class AdamW : Adam
{
    /// <summary>AdamW with Keras' defaults; <paramref name="learningRate"/> takes a number or a <see cref="LearningRateSchedule"/>
    /// (the decay uses each step's rate).</summary>
    /// <param name="learningRate">A fixed rate or a schedule; null for Keras' default (<c>learning_rate=0.001</c>).</param>
    /// <param name="weightDecay">Decoupled weight decay coefficient (<c>weight_decay=0.004</c>).</param>
    /// <param name="beta1">Decay rate of the first-moment estimates (<c>beta_1=0.9</c>).</param>
    /// <param name="beta2">Decay rate of the second-moment estimates (<c>beta_2=0.999</c>).</param>
    /// <param name="epsilon">The "epsilon hat" added to <c>sqrt(v)</c> (<c>epsilon=1e-7</c>).</param>
    /// <param name="amsgrad">Use the AMSGrad variant (<c>amsgrad=False</c>).</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="useEma">Keep an exponential moving average of the variables (<c>use_ema=False</c>).</param>
    /// <param name="emaMomentum">Weight of the old average (<c>ema_momentum=0.99</c>).</param>
    /// <param name="emaOverwriteFrequency">Overwrite the variables with their average every this many updates, or null for only at the end of Fit.</param>
    /// <param name="gradientAccumulationSteps">Update every this many steps with the mean gradient, or null for every step.</param>
    /// <param name="name">The optimizer's name (<c>"adamw"</c>).</param>
    public AdamW(LearningRate? learningRate = null, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-7, bool amsgrad = false, double? clipnorm = null, double? clipvalue = null,
        double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null,
        int? gradientAccumulationSteps = null, string name = "adamw")
        : base(learningRate ?? 0.001, beta1, beta2, epsilon, amsgrad, weightDecay, clipnorm, clipvalue, globalClipnorm,
            useEma, emaMomentum, emaOverwriteFrequency, gradientAccumulationSteps, name)
    {
    }
}
