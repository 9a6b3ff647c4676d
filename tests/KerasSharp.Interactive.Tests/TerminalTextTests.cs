namespace KerasSharp.Interactive.Tests;

public class TerminalTextTests
{
    // Keras' dynamic progbar (keras/src/utils/progbar.py, update with verbose=1): each redraw starts with
    // "\b" * previous width + "\r", the count is bold, the done part green (32) and the rest white (37), and the final
    // update ends the line.
    private const string Bar = "\x1b[1m2/4\x1b[0m \x1b[32m━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 5ms/step - loss: 0.7000";
    private const string Final = "\x1b[1m4/4\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m0s\x1b[0m 4ms/step - loss: 0.6500";

    [Fact]
    public void KerasRedrawsOverwriteTheLineAndTheFinalUpdateEndsIt()
    {
        var t = new TerminalText();
        t.Write("Epoch 1/2\n");
        t.Write("\r" + Bar);
        t.Write(new string('\b', 52) + "\r" + Final + "\n");
        t.Write("Epoch 2/2\n");
        Assert.Equal(
            "Epoch 1/2\n4/4 ━━━━━━━━━━━━━━━━━━━━ 0s 4ms/step - loss: 0.6500\nEpoch 2/2",
            t.ToPlainText());
    }

    [Fact]
    public void AShorterRedrawIsPaddedWithSpacesWhichAreNotShown()
    {
        var t = new TerminalText();
        t.Write("\r1/4 - loss: 12.3456");
        t.Write("\r2/4 - loss: 1.5" + new string(' ', 4));
        Assert.Equal("2/4 - loss: 1.5", t.ToPlainText());
    }

    [Fact]
    public void HtmlKeepsKerasBoldAndColoursAndEscapesText()
    {
        var t = new TerminalText();
        t.Write(Final + "\n<done> & ok");
        Assert.Equal(
            "<span style=\"font-weight:bold;\">4/4</span> <span style=\"color:#00A250;\">━━━━━━━━━━━━━━━━━━━━</span> "
            + "<span style=\"font-weight:bold;\">0s</span> 4ms/step - loss: 0.6500\n&lt;done&gt; &amp; ok",
            t.ToHtml());
    }

    [Fact]
    public void BackspaceStopsAtTheLineStartAndOtherEscapesAreIgnored()
    {
        var t = new TerminalText();
        t.Write("ab\b\b\b\bX\x1b[2Kc\x1b[31;1md");
        Assert.Equal("Xcd", t.ToPlainText());
        Assert.Equal("Xc<span style=\"font-weight:bold;color:#E75C58;\">d</span>", t.ToHtml());
    }
}
