using static TorchSharp.torch;

namespace KerasSharp.Tests.Utils;

public sealed class ReadCsvTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("ks-csv-test-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(temp, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void TypedColumnsQuotingAndTensors()
    {
        var path = Write("\uFEFFid,price,name,label\r\n1,2.5,\"Smith, \"\"Jr\"\"\",0\r\n2,,\"two\nlines\",1\r\n\r\n3,1e3,plain,1\r\n");
        var t = Keras.Utils.ReadCsv(path);
        Assert.Equal(new[] { "id", "price", "name", "label" }, t.ColumnNames);
        Assert.Equal(new[] { "int64", "float32", "string", "int64" }, t.ColumnTypes);
        Assert.Equal(3, t.RowCount);
        Assert.Equal(new[] { "Smith, \"Jr\"", "two\nlines", "plain" }, t.Strings("name"));
        using var price = t.Column("price");
        Assert.Equal(ScalarType.Float32, price.dtype);
        var p = price.data<float>().ToArray();
        Assert.Equal(2.5f, p[0]);
        Assert.True(float.IsNaN(p[1]));
        Assert.Equal(1000f, p[2]);
        using var label = t.Column("label");
        Assert.Equal(ScalarType.Int64, label.dtype);
        using var x = t.ToTensor("id", "label");
        Assert.Equal(new long[] { 3, 2 }, x.shape);
        Assert.Equal(new float[] { 1, 0, 2, 1, 3, 1 }, x.flatten().data<float>().ToArray());
        Assert.Contains("holds text", Assert.Throws<ArgumentException>(() => t.Column("name")).Message);
        Assert.Contains("the columns are: id, price, name, label", Assert.Throws<ArgumentException>(() => t.Column("nope")).Message);
    }

    [Fact]
    public void NoHeaderOtherDelimiterAndErrors()
    {
        var t = Keras.Utils.ReadCsv(Write("1;2\n3;4"), header: false, delimiter: ';');
        Assert.Equal(new[] { "column0", "column1" }, t.ColumnNames);
        Assert.Equal(new long[] { 1, 3 }, t.Column("column0").data<long>().ToArray());
        Assert.Equal(new long[] { 2, 4 }, t.Column("column1").data<long>().ToArray());
        Assert.Contains("record 3 has 1 fields, but the header has 2", Assert.Throws<InvalidDataException>(() => Keras.Utils.ReadCsv(Write("a,b\n1,2\n3\n"))).Message);
        Assert.Contains("never closed", Assert.Throws<InvalidDataException>(() => Keras.Utils.ReadCsv(Write("a\n\"x\n"))).Message);
        Assert.Contains("after the closing quote", Assert.Throws<InvalidDataException>(() => Keras.Utils.ReadCsv(Write("a\n\"x\"y\n"))).Message);
        Assert.Contains("twice", Assert.Throws<InvalidDataException>(() => Keras.Utils.ReadCsv(Write("a,a\n1,2\n"))).Message);
        Assert.Throws<FileNotFoundException>(() => Keras.Utils.ReadCsv(Path.Combine(temp, "none.csv")));
        Assert.Equal("delimiter", Assert.Throws<ArgumentException>(() => Keras.Utils.ReadCsv(Write("a"), delimiter: '"')).ParamName);
    }
}
