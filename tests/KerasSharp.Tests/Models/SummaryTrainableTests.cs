using static KerasSharp.Keras;

namespace KerasSharp.Tests.Models;

/// <summary>model.summary(show_trainable=True): Keras' extra "Trainable" column (keras/src/utils/summary_utils.py).</summary>
public class SummaryTrainableTests
{
    [Fact]
    public void TrainableColumnShowsYNAndDash()
    {
        var model = Sequential().Add(Input(4)).Add(Dense(3, name: "frozen")).Add(Dropout(0.1, name: "drop")).Add(Dense(2, name: "head"));
        model.Layers[0].Trainable = false;
        var lines = model.SummaryText(showTrainable: true).Split('\n');
        Assert.Contains(lines, l => l.Contains("Layer (type)") && l.TrimEnd().EndsWith("┃ Trainable ┃"));
        string Cell(string layer) => lines.Single(l => l.Contains(layer + " (")).Split('│')[^2].Trim();
        Assert.Equal("N", Cell("frozen"));
        Assert.Equal("-", Cell("drop"));
        Assert.Equal("Y", Cell("head"));
        // Without the argument the table is unchanged.
        Assert.DoesNotContain("Trainable ┃", model.SummaryText());
    }
}
