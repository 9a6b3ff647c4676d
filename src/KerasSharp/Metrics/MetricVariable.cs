using TorchSharp;
using static TorchSharp.torch;

namespace KerasSharp.Metrics;

/// <summary>
/// One piece of a metric's running state: a tensor detached from every dispose scope, created on the device of
/// the first data it sees (float64; float32 on MPS), moved when later data lives elsewhere, updated in place.
/// </summary>
internal sealed class MetricVariable
{
    private Tensor? value;

    /// <summary>True once the tensor exists.</summary>
    public bool Exists => value is not null;

    /// <summary>The state tensor on <paramref name="device"/> with <paramref name="shape"/> (zeros when new).</summary>
    public Tensor On(Device device, params long[] shape)
    {
        if (value is null)
        {
            var dtype = device.type == DeviceType.MPS ? ScalarType.Float32 : ScalarType.Float64;
            value = zeros(shape, dtype, device).DetachFromDisposeScope();
        }
        else if (value.device_type != device.type || value.device_index != device.index)
        {
            var moved = value.to(device).DetachFromDisposeScope();
            value.Dispose();
            value = moved;
        }
        return value;
    }

    /// <summary>Adds <paramref name="increment"/> in place (cast to the state's dtype).</summary>
    public void Add(Device device, Tensor increment, params long[] shape)
    {
        var v = On(device, shape);
        if (v.dtype == ScalarType.Float64)
            v.add_(increment); // the in-place add casts to float64 itself: same values as casting first, one native call less
        else
            v.add_(increment.to_type(v.dtype));
    }

    /// <summary>
    /// Adds <paramref name="increments"/> one after the other to a scalar float64 state, as that many in-place adds
    /// would (each sum rounded to float64 in turn), with one read and one write of the state.
    /// </summary>
    public void AddInOrder(Device device, double[] increments)
    {
        var v = On(device);
        if (v.dtype != ScalarType.Float64 || v.numel() != 1)
            throw new InvalidOperationException("AddInOrder needs a scalar float64 state.");
        double t = v.item<double>();
        foreach (var inc in increments) t += inc;
        v.fill_(t);
    }

    /// <summary>Zeroes the state (keeps the tensor and its device).</summary>
    public void Reset() => value?.zero_();

    /// <summary>Releases the tensor (for state whose shape is decided by the data).</summary>
    public void Drop()
    {
        value?.Dispose();
        value = null;
    }

    /// <summary>Reads the state back to the host (empty when it does not exist yet).</summary>
    public double[] Read() => value is null ? [] : value.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
}
