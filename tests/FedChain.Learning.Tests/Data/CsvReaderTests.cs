using FedChain.Learning.Data;

namespace FedChain.Learning.Tests.Data;

public sealed class CsvReaderTests
{
    [Fact]
    public void Read_ValidTable_LabelColumnAnywhereFeaturesInFileOrder()
    {
        var data = CsvReader.Read(new StringReader("age,outcome,\"bmi, kg/m2\"\n50,1,22.5\n61,0,\"30\"\n"), "table.csv", "outcome");
        Assert.Equal(2, data.Count);
        Assert.Equal([2], data.SampleShape);
        Assert.Equal([50f, 22.5f], data.Features(0).ToArray());
        Assert.Equal([61f, 30f], data.Features(1).ToArray());
        Assert.Equal([1, 0], new[] { data.Label(0), data.Label(1) });
        Assert.Equal(2, data.NumClasses);
        Assert.Equal("line 3", data.DescribeSample(1));
    }

    [Fact]
    public void Read_MissingValue_NamesLineAndColumn()
    {
        var error = Assert.Throws<DataFormatException>(() => Read("a,b,y\n1,2,0\n3,,1\n"));
        Assert.Contains("table.csv", error.Message);
        Assert.Contains("line 3, column 'b'", error.Message);
        Assert.Contains("missing value", error.Message);
    }

    [Fact]
    public void Read_NonNumericValue_NamesLineColumnAndValue()
    {
        var error = Assert.Throws<DataFormatException>(() => Read("a,b,y\n1,2,0\n3,abc,1\n"));
        Assert.Contains("line 3, column 'b'", error.Message);
        Assert.Contains("'abc' is not a finite number", error.Message);
    }

    [Fact]
    public void Read_NonFiniteValue_IsRejected() =>
        Assert.Contains("'NaN' is not a finite number", Assert.Throws<DataFormatException>(() => Read("a,y\nNaN,0\n")).Message);

    [Fact]
    public void Read_WrongFieldCount_NamesExpectedAndActual()
    {
        var error = Assert.Throws<DataFormatException>(() => Read("a,b,y\n1,2,0\n3,1\n"));
        Assert.Contains("line 3", error.Message);
        Assert.Contains("2 fields, expected 3", error.Message);
    }

    [Fact]
    public void Read_NoLabelColumn_ListsColumns()
    {
        var error = Assert.Throws<DataFormatException>(() => Read("a,b\n1,2\n"));
        Assert.Contains("line 1", error.Message);
        Assert.Contains("no column named 'y'", error.Message);
        Assert.Contains("'a', 'b'", error.Message);
    }

    [Fact]
    public void Read_NonIntegerLabel_NamesLine()
    {
        var error = Assert.Throws<DataFormatException>(() => Read("a,y\n1,0\n2,0.5\n"));
        Assert.Contains("line 3, column 'y'", error.Message);
        Assert.Contains("label '0.5'", error.Message);
    }

    [Fact]
    public void Read_LabelOutsideDeclaredClasses_NamesLineAndRange()
    {
        var error = Assert.Throws<DataFormatException>(() => Read("a,y\n1,0\n2,1\n3,4\n", classes: 3));
        Assert.Contains("line 4, column 'y'", error.Message);
        Assert.Contains("label 4, expected 0..2", error.Message);
    }

    [Fact]
    public void Read_HeaderOnly_SaysNoRows() =>
        Assert.Contains("no data rows", Assert.Throws<DataFormatException>(() => Read("a,y\n")).Message);

    [Fact]
    public void Read_FromFile_NamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fedchain-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "a,y\n1,0\nx,1\n");
        try
        {
            var error = Assert.Throws<DataFormatException>(() => CsvReader.Read(path, "y"));
            Assert.Equal(path, error.Path);
            Assert.StartsWith(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_LabelBeyondModelClasses_TrainingNamesTheLine()
    {
        var data = Read("a,y\n1,0\n2,1\n3,2\n");
        var model = ModelFactory.Create(new ModelSpec("logreg", [1], 2), 1);
        var error = Assert.Throws<ArgumentException>(() => LocalTrainer.Train(model, data, new TrainingPlan(1, 3, 0.1f)));
        Assert.Contains("table.csv", error.Message);
        Assert.Contains("line 4", error.Message);
        Assert.Contains("label 2", error.Message);
    }

    private static Dataset Read(string text, int? classes = null) =>
        CsvReader.Read(new StringReader(text), "table.csv", "y", classes);
}
