using KerasSharp.Tests.TestSupport;
using KerasSharp.Internal;
using static TorchSharp.torch;

namespace KerasSharp.Tests.Internal;

/// <summary><see cref="TensorSideTable{TValue}"/>: values found by tensor identity, lost with the tensor, dead entries swept.</summary>
[Collection(GlobalState.Name)]
public class TensorSideTableTests
{
    private sealed record Tag(int Value);

    [Fact]
    public void FindsTheValueOfTheSameTensorOnly()
    {
        var table = new TensorSideTable<Tag>();
        using var a = zeros(3);
        using var b = zeros(3); // equal values, another tensor
        table.Set(a, new Tag(1));
        Assert.True(table.TryGetValue(a, out var found));
        Assert.Equal(1, found.Value);
        Assert.False(table.TryGetValue(b, out _));
        using var view = a.alias(); // same storage, another handle
        Assert.False(table.TryGetValue(view, out _));
        table.Set(a, new Tag(2));
        Assert.True(table.TryGetValue(a, out found));
        Assert.Equal(2, found.Value);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void ADisposedTensorHasNoValueAndANewTensorNeverInheritsOne()
    {
        var table = new TensorSideTable<Tag>();
        var a = ones(4);
        table.Set(a, new Tag(7));
        a.Dispose();
        Assert.False(table.TryGetValue(a, out _));
        // Native handles are reused: tensors made after the disposal must not see the old value.
        for (int i = 0; i < 200; i++)
        {
            using var fresh = ones(4);
            Assert.False(table.TryGetValue(fresh, out _));
        }
    }

    [Fact]
    public void EntriesOfDisposedTensorsAreSweptAsTheTableGrows()
    {
        var table = new TensorSideTable<Tag>();
        var kept = Enumerable.Range(0, 10).Select(_ => zeros(1)).ToArray();
        foreach (var t in kept) table.Set(t, new Tag(0));
        for (int i = 0; i < 5000; i++)
        {
            using var scope = NewDisposeScope();
            table.Set(zeros(2), new Tag(i));
        }
        Assert.InRange(table.Count, kept.Length, 600);
        Assert.All(kept, t => Assert.True(table.TryGetValue(t, out _)));
        foreach (var t in kept) t.Dispose();
    }

    [Fact]
    public void ACollectedTensorIsDroppedWithoutBeingDisposedFirst()
    {
        var table = new TensorSideTable<Tag>();
        AddGarbage(table, 1000);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var survivor = zeros(1);
        for (int i = 0; i < 300; i++) table.Set(survivor, new Tag(i)); // same key: no growth
        using (NewDisposeScope())
            for (int i = 0; i < 300; i++) table.Set(zeros(1), new Tag(i)); // grows past the sweep size
        Assert.True(table.Count < 1000, $"{table.Count} entries left");
        Assert.True(table.TryGetValue(survivor, out var v) && v.Value == 299);
    }

    private static void AddGarbage(TensorSideTable<Tag> table, int n)
    {
        for (int i = 0; i < n; i++) table.Set(zeros(1).DetachFromDisposeScope(), new Tag(i)); // never disposed, only collected
    }
}
