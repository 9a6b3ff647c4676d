using TorchSharp;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasSharp.Optimizers;

/// <summary>
/// Keras' <c>keras.optimizers.Adafactor</c> (Shazeer and Stern, 2018). With step <c>t</c>,
/// <c>rho = min(lr, 1 / sqrt(t))</c>, <c>alpha = max(epsilon_2, rms(w)) * rho</c>, <c>g2 = g^2 + epsilon_1</c> and
/// <c>beta_2_t = 1 - t^beta_2_decay</c>: a variable of rank &gt;= 2 keeps factored second moments over its last two
/// axes, <c>r = beta_2_t * r + (1 - beta_2_t) * mean(g2, -1)</c>, <c>c = beta_2_t * c + (1 - beta_2_t) * mean(g2, -2)</c>,
/// <c>v = (r / mean(r, -1))[..., None] * c[..., None, :]</c>; a smaller one a full <c>v = beta_2_t * v + (1 - beta_2_t) * g2</c>.
/// Then <c>u = g / sqrt(v)</c>, <c>w -= alpha * u / max(1, rms(u) / clip_threshold)</c>.
/// Slots per variable, as Keras builds them: <c>r</c>, <c>c</c> (float32 scalars for variables of rank &lt; 2), <c>velocity</c>.
/// </summary>
public class Adafactor : Optimizer
{
    private Tensor[] rows = [];
    private Tensor[] columns = [];
    private Tensor[] velocities = [];

    /// <summary>Adafactor with Keras' defaults; <paramref name="learningRate"/> takes a number or a <see cref="LearningRateSchedule"/>.</summary>
    /// <param name="learningRate">A fixed rate or a schedule; null for Keras' default (<c>learning_rate=0.001</c>).</param>
    /// <param name="beta2Decay">The decay rate of <c>beta_2</c> (<c>beta_2_decay=-0.8</c>).</param>
    /// <param name="epsilon1">Added to the squared gradients, keeps the denominator away from 0 (<c>epsilon_1=1e-30</c>).</param>
    /// <param name="epsilon2">Lower bound of the variable's RMS in the step size (<c>epsilon_2=1e-3</c>).</param>
    /// <param name="clipThreshold">Clipping threshold of the update's RMS, independent of <c>clipnorm</c> and the other
    /// gradient clips (<c>clip_threshold=1.0</c>).</param>
    /// <param name="relativeStep">With a fixed rate, cap it by <c>1 / sqrt(t)</c> (<c>relative_step=True</c>; Keras then also
    /// caps the step size by <c>1 / sqrt(t)</c> whatever this value is).</param>
    /// <param name="weightDecay">Decoupled weight decay, or null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this L2 norm, or null.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue], or null.</param>
    /// <param name="globalClipnorm">Clip all gradients together to this global L2 norm, or null.</param>
    /// <param name="useEma">Keep an exponential moving average of the variables (<c>use_ema=False</c>).</param>
    /// <param name="emaMomentum">Weight of the old average (<c>ema_momentum=0.99</c>).</param>
    /// <param name="emaOverwriteFrequency">Overwrite the variables with their average every this many updates, or null for only at the end of Fit.</param>
    /// <param name="gradientAccumulationSteps">Update every this many steps with the mean gradient, or null for every step.</param>
    /// <param name="name">The optimizer's name (<c>"adafactor"</c>).</param>
    public Adafactor(LearningRate? learningRate = null, double beta2Decay = -0.8, double epsilon1 = 1e-30,
        double epsilon2 = 1e-3, double clipThreshold = 1.0, bool relativeStep = true, double? weightDecay = null,
        double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null,
        int? gradientAccumulationSteps = null, string name = "adafactor")
        : base(learningRate ?? 0.001, name, weightDecay, clipnorm, clipvalue, globalClipnorm,
            useEma, emaMomentum, emaOverwriteFrequency, gradientAccumulationSteps)
    {
        Beta2Decay = beta2Decay;
        Epsilon1 = epsilon1;
        Epsilon2 = epsilon2;
        ClipThreshold = clipThreshold;
        RelativeStep = relativeStep;
    }

    /// <summary>The decay rate of <c>beta_2</c> (Keras' <c>beta_2_decay</c>).</summary>
    public double Beta2Decay { get; }
    /// <summary>Offset added to the squared gradients (Keras' <c>epsilon_1</c>).</summary>
    public double Epsilon1 { get; }
    /// <summary>Lower bound of the variable's RMS in the step size (Keras' <c>epsilon_2</c>).</summary>
    public double Epsilon2 { get; }
    /// <summary>Clipping threshold of the update's RMS (Keras' <c>clip_threshold</c>).</summary>
    public double ClipThreshold { get; }
    /// <summary>Whether a fixed rate is capped by <c>1 / sqrt(t)</c> (Keras' <c>relative_step</c>).</summary>
    public bool RelativeStep { get; }

    /// <summary>Keras' variable order: <c>r</c>, <c>c</c> and <c>velocity</c> of each variable in turn.</summary>
    public override IReadOnlyList<Tensor> StateTensors => OptimizerSlots.Interleave(0, rows, columns, velocities);

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<Parameter> vars)
    {
        rows = new Tensor[vars.Count];
        columns = new Tensor[vars.Count];
        for (int i = 0; i < vars.Count; i++)
        {
            var v = vars[i];
            var shape = v.shape;
            if (shape.Length < 2)
            {
                // Keras creates placeholders for unfactored variables: float32 scalars holding 0.
                rows[i] = zeros(Array.Empty<long>(), ScalarType.Float32, v.device).DetachFromDisposeScope();
                columns[i] = zeros(Array.Empty<long>(), ScalarType.Float32, v.device).DetachFromDisposeScope();
            }
            else
            {
                rows[i] = zeros(shape[..^1], v.dtype, v.device).DetachFromDisposeScope();
                columns[i] = zeros([.. shape[..^2], shape[^1]], v.dtype, v.device).DetachFromDisposeScope();
            }
        }
        velocities = OptimizerSlots.Zeros(vars);
    }

    /// <inheritdoc/>
    protected override void Update(int index, Parameter variable, Tensor gradient, double learningRate)
    {
        double t = Iterations + 1;
        double lr = learningRate;
        if (Schedule is null && RelativeStep) lr = Math.Min(lr, 1 / Math.Sqrt(t));
        double rho = Math.Min(lr, 1 / Math.Sqrt(t));
        var alpha = Rms(variable).clamp_min_(Epsilon2).mul_(rho);          // max(epsilon_2, rms(w)) * rho
        var g2 = gradient.square().add_(Epsilon1);                          // g^2 + epsilon_1
        double beta2T = 1 - Math.Pow(t, Beta2Decay);
        var v = velocities[index];
        if (variable.dim() >= 2)
        {
            var r = rows[index];
            var c = columns[index];
            r.mul_(beta2T).add_(g2.mean([-1L]), alpha: 1 - beta2T);
            c.mul_(beta2T).add_(g2.mean([-2L]), alpha: 1 - beta2T);
            v.copy_(r.div(r.mean([-1L], keepdim: true)).unsqueeze(-1).mul(c.unsqueeze(-2)));
        }
        else
        {
            v.mul_(beta2T).add_(g2, alpha: 1 - beta2T);
        }
        var u = gradient.div(v.sqrt());
        var uHat = u.div(Rms(u).div_(ClipThreshold).clamp_min_(1.0));   // u / max(1, rms(u) / clip_threshold)
        variable.sub_(uHat.mul_(alpha));
    }

    private static Tensor Rms(Tensor x) => x.square().mean().sqrt_();

    /// <inheritdoc/>
    public override Dictionary<string, object?> GetConfig()
    {
        var config = base.GetConfig();
        config["beta_2_decay"] = Beta2Decay;
        config["epsilon_1"] = Epsilon1;
        config["epsilon_2"] = Epsilon2;
        config["clip_threshold"] = ClipThreshold;
        config["relative_step"] = RelativeStep;
        return config;
    }
}
