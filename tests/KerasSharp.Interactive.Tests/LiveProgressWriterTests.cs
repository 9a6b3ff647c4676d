using System.Text.RegularExpressions;
using KerasSharp.Callbacks;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using static KerasSharp.Keras;
using static TorchSharp.torch;

namespace KerasSharp.Interactive.Tests;

public sealed class LiveProgressWriterTests : IDisposable
{
    // Keras' final progbar line for a Fit with accuracy (keras/src/utils/progbar.py; keys sorted, values "%.4f").
    private static readonly Regex FinalBar = new(@"^4/4 ━{20} \d+s \d+(ms|us|s)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4}$");

    public void Dispose()
    {
        Formatter.ResetToDefault();
        ProgbarLogger.DefaultOutput = null;
        ProgbarLogger.DefaultDynamicDisplay = null;
    }

    private static void Fit(int epochs)
    {
        Keras.Utils.SetRandomSeed(0);
        var m = Sequential().Add(Input(2)).Add(Dense(2, "softmax"));
        m.Compile("adam", "categorical_crossentropy", metrics: ["accuracy"]);
        m.Fit(rand(64, 2), Keras.Utils.ToCategorical(randint(0, 2, [64]), 2), epochs: epochs, batchSize: 16, verbose: 1);
    }

    [Fact]
    public void FitUpdatesOneDisplayInPlaceWithKerasProgbarText()
    {
        object cell = new();
        var shown = new List<List<ProgressView>>();
        ProgbarLogger.DefaultOutput = new LiveProgressWriter(() => cell, first =>
        {
            var views = new List<ProgressView> { first };
            shown.Add(views);
            return views.Add;
        }, () => throw new InvalidOperationException("no fallback expected inside a cell"));
        ProgbarLogger.DefaultDynamicDisplay = true;

        Fit(epochs: 2);

        var display = Assert.Single(shown);
        Assert.True(display.Count >= 4, $"{display.Count} views"); // each epoch's header and final bar at least
        Assert.Equal("Epoch 1/2", display[0].PlainText);
        var lines = display[^1].PlainText.Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal("Epoch 1/2", lines[0]);
        Assert.Matches(FinalBar, lines[1]);
        Assert.Equal("Epoch 2/2", lines[2]);
        Assert.Matches(FinalBar, lines[3]);
        Assert.Contains("<span style=\"font-weight:bold;\">4/4</span> <span style=\"color:#00A250;\">━━━━━━━━━━━━━━━━━━━━</span>", display[^1].Html);
    }

    [Fact]
    public void ANewCellStartsANewDisplayAndOutsideCellsTextGoesToTheFallback()
    {
        object? cell = new();
        var shown = new List<List<ProgressView>>();
        var console = new StringWriter();
        ProgbarLogger.DefaultOutput = new LiveProgressWriter(() => cell, first =>
        {
            var views = new List<ProgressView> { first };
            shown.Add(views);
            return views.Add;
        }, () => console);
        ProgbarLogger.DefaultDynamicDisplay = true;

        Fit(epochs: 1);
        cell = new object();
        Fit(epochs: 1);
        Assert.Equal(2, shown.Count);
        Assert.All(shown, d => Assert.Matches(FinalBar, d[^1].PlainText));

        cell = null;
        Fit(epochs: 1);
        Assert.Equal(2, shown.Count);
        Assert.Contains("\r\x1b[1m4/4\x1b[0m", console.ToString());
    }

    /// <summary>A kernel that runs a C# action for each submission, as the C# kernel runs a cell.</summary>
    private sealed class ActionKernel(Action run) : Kernel("action"), IKernelCommandHandler<SubmitCode>
    {
        public Task HandleAsync(SubmitCode command, KernelInvocationContext context)
        {
            run();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task InAKernelFitPublishesOneDisplayedValueThenUpdatesOfTheSameDisplayId()
    {
        NotebookFormatters.Register();
        using var kernel = new ActionKernel(() => Fit(epochs: 2));

        var result = await kernel.SendAsync(new SubmitCode("model.Fit(...)"));

        Assert.Empty(result.Events.OfType<CommandFailed>());
        var produced = Assert.Single(result.Events.OfType<DisplayedValueProduced>());
        var updates = result.Events.OfType<DisplayedValueUpdated>().ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal(produced.ValueId, u.ValueId));
        Assert.Equal([HtmlFormatter.MimeType, PlainTextFormatter.MimeType], produced.FormattedValues.Select(v => v.MimeType));

        var last = updates[^1].FormattedValues;
        var text = last.Single(v => v.MimeType == PlainTextFormatter.MimeType).Value.Split('\n');
        Assert.Equal(["Epoch 1/2", "Epoch 2/2"], new[] { text[0], text[2] });
        Assert.Matches(FinalBar, text[1]);
        Assert.Matches(FinalBar, text[3]);
        Assert.StartsWith("<pre class=\"kerassharp-progress\">Epoch 1/2\n<span style=\"font-weight:bold;\">4/4</span>",
            last.Single(v => v.MimeType == HtmlFormatter.MimeType).Value);
    }
}
