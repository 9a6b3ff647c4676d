using KerasSharp.Internal;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Internal;

/// <summary><see cref="ScopeOwnership"/>: which dispose scope owns a tensor, read through TorchSharp's internal property.</summary>
public class ScopeOwnershipTests
{
    [Fact]
    public void TheOwnerIsReadableWithThisTorchSharpVersion()
    {
        // If a TorchSharp upgrade removes the property, Predict and Evaluate fall back to aliasing every output (slower,
        // still correct); this test says so instead of letting the benchmark find it.
        Assert.True(ScopeOwnership.IsKnown);
    }

    [Fact]
    public void ATensorIsOwnedByTheScopeThatMadeItOnly()
    {
        using var outer = NewDisposeScope();
        var early = zeros(2);
        using var inner = NewDisposeScope();
        var late = ones(2);
        Assert.True(ScopeOwnership.IsOwnedBy(late, inner));
        Assert.False(ScopeOwnership.IsOwnedBy(late, outer));
        Assert.True(ScopeOwnership.IsOwnedBy(early, outer));
        Assert.False(ScopeOwnership.IsOwnedBy(early, inner));
        late.DetachFromDisposeScope();
        Assert.False(ScopeOwnership.IsOwnedBy(late, inner));
        late.Dispose();
    }

    [Fact]
    public void EqualValuesAreNotOwnership()
    {
        // DisposeScope.Contains compares tensors by value: a different tensor with the same values would count.
        using var scope = NewDisposeScope();
        var made = ones(3);
        using var other = ones(3).DetachFromDisposeScope();
        Assert.True(ScopeOwnership.IsOwnedBy(made, scope));
        Assert.False(ScopeOwnership.IsOwnedBy(other, scope));
    }
}
