using FedChain.Learning.Data;
using FedChain.Tasks.Data;
using Parquet;
using Parquet.Schema;

namespace FedChain.Tasks.Tests.Data;

public sealed class TabularReaderTests : IDisposable
{
    private static readonly InputSchema Schema = new()
    {
        Format = "tabular",
        FeatureColumns = ["radius", "texture"],
        LabelColumn = "diagnosis",
        Classes = ["benign", "malignant"],
        Standardisation = new StandardisationDefinition { Mode = "federated" },
    };

    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_Csv_TakesFeaturesInTaskOrderAndLabelsByName()
    {
        var path = Csv("site.csv", "id,texture,diagnosis,radius", "7,1.5,malignant,10", "8,2.5,benign,\"20\"");

        var data = TabularReader.Read(Schema, path);

        Assert.Equal(2, data.Count);
        Assert.Equal([2], data.SampleShape);
        Assert.Equal(2, data.NumClasses);
        Assert.Equal([10f, 1.5f], data.Features(0).ToArray());
        Assert.Equal([20f, 2.5f], data.Features(1).ToArray());
        Assert.Equal([1, 0], new[] { data.Label(0), data.Label(1) });
    }

    [Fact]
    public void Read_ExcelExportWithBomAndCrlf_ReadsTheSame()
    {
        var path = _dir.File("excel.csv");
        File.WriteAllText(path, "radius,texture,diagnosis\r\n10,1.5,malignant\r\n20,2.5,benign\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var data = TabularReader.Read(Schema, path);

        Assert.Equal([10f, 1.5f, 20f, 2.5f], data.ToArrays().Features);
        Assert.Equal([1, 0], data.ToArrays().Labels);
    }

    [Theory]
    [InlineData(new[] { "radius,texture,outcome", "1,2,benign" }, "line 1: input.label_column \"diagnosis\" is not among the columns ('radius', 'texture', 'outcome')")]
    [InlineData(new[] { "radius,diagnosis", "1,benign" }, "line 1: input.feature_columns \"texture\" is not among the columns ('radius', 'diagnosis')")]
    [InlineData(new[] { "radius,texture,diagnosis", "1,2,benign", "1,abc,benign" }, "line 3, column 'texture': 'abc' is not a finite number")]
    [InlineData(new[] { "radius,texture,diagnosis", "1,,benign" }, "line 2, column 'texture': missing value, expected a number")]
    [InlineData(new[] { "radius,texture,diagnosis", "1,NaN,benign" }, "line 2, column 'texture': 'NaN' is not a finite number")]
    [InlineData(new[] { "radius,texture,diagnosis", "1,2,benign", "1,2,unknown" }, "line 3, column 'diagnosis': label 'unknown' is not among input.classes (benign, malignant)")]
    [InlineData(new[] { "radius,texture,diagnosis", "1,2,0" }, "line 2, column 'diagnosis': label '0' is not among input.classes (benign, malignant)")]
    [InlineData(new[] { "radius,texture,diagnosis", "1,2" }, "line 2: 2 fields, expected 3 as in the header")]
    [InlineData(new[] { "radius,texture,diagnosis" }, "line 2: no data rows after the header")]
    [InlineData(new[] { "radius,texture,radius,diagnosis", "1,2,3,benign" }, "line 1: input.feature_columns \"radius\" names more than one column")]
    public void Read_CsvNotMatchingSchema_IsOneLineErrorNamingFileAndPlace(string[] lines, string expected)
    {
        var path = Csv("bad.csv", lines);

        var error = Assert.Throws<DataFormatException>(() => TabularReader.Read(Schema, path));

        Assert.Equal($"{path}: {expected}", error.Message);
    }

    [Fact]
    public void Read_UnknownExtension_IsRefused()
    {
        var path = Csv("site.xlsx", "radius,texture,diagnosis");

        var error = Assert.Throws<DataFormatException>(() => TabularReader.Read(Schema, path));

        Assert.Equal($"{path}: file: extension '.xlsx' is neither .csv nor .parquet", error.Message);
    }

    [Fact]
    public async Task Read_Parquet_TakesFeaturesInTaskOrderAndLabelsByName()
    {
        var path = _dir.File("site.parquet");
        await WriteParquetAsync(path, [2.5, 3.5, 4.5], [1f, 2f, 3f], ["benign", "malignant", "benign"], rowGroups: 2);

        var data = TabularReader.Read(Schema, path);

        Assert.Equal(3, data.Count);
        Assert.Equal([1f, 2.5f], data.Features(0).ToArray());
        Assert.Equal([3f, 4.5f], data.Features(2).ToArray());
        Assert.Equal([0, 1, 0], Enumerable.Range(0, 3).Select(data.Label));
    }

    [Fact]
    public async Task Read_ParquetLabelOutsideClasses_NamesRowAndColumn()
    {
        var path = _dir.File("site.parquet");
        await WriteParquetAsync(path, [1, 2, 3], [1f, 2f, 3f], ["benign", "benign", "maybe"], rowGroups: 2);

        var error = Assert.Throws<DataFormatException>(() => TabularReader.Read(Schema, path));

        Assert.Equal($"{path}: row 3, column 'diagnosis': label 'maybe' is not among input.classes (benign, malignant)", error.Message);
    }

    [Fact]
    public async Task Read_ParquetNullCell_NamesRowAndColumn()
    {
        var path = _dir.File("site.parquet");
        var schema = new ParquetSchema(new DataField<double?>("texture"), new DataField<double>("radius"), new DataField<string>("diagnosis"));
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>(schema.DataFields[0], new double?[] { 1, null }.AsMemory());
            await group.WriteAsync<double>(schema.DataFields[1], new double[] { 1, 2 }.AsMemory());
            await group.WriteAsync(schema.DataFields[2], ["benign", "benign"]);
        }

        var error = Assert.Throws<DataFormatException>(() => TabularReader.Read(Schema, path));

        Assert.Equal($"{path}: row 2, column 'texture': missing value, expected a number", error.Message);
    }

    [Fact]
    public async Task Read_ParquetMissingColumn_NamesIt()
    {
        var path = _dir.File("site.parquet");
        var schema = new ParquetSchema(new DataField<double>("radius"), new DataField<string>("diagnosis"));
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>(schema.DataFields[0], new double[] { 1 }.AsMemory());
            await group.WriteAsync(schema.DataFields[1], ["benign"]);
        }

        var error = Assert.Throws<DataFormatException>(() => TabularReader.Read(Schema, path));

        Assert.Equal($"{path}: schema: input.feature_columns \"texture\" is not among the columns ('radius', 'diagnosis')", error.Message);
    }

    [Fact]
    public void Read_FileThatIsNotParquet_IsRefused()
    {
        var path = Csv("fake.parquet", "radius,texture,diagnosis", "1,2,benign");

        var error = Assert.Throws<DataFormatException>(() => TabularReader.Read(Schema, path));

        Assert.StartsWith($"{path}: file: not a readable Parquet file", error.Message, StringComparison.Ordinal);
    }

    private string Csv(string name, params string[] lines)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    // Columns in another order than the task's, split over row groups, as an export tool might write them.
    private static async Task WriteParquetAsync(string path, double[] texture, float[] radius, string[] diagnosis, int rowGroups)
    {
        var schema = new ParquetSchema(new DataField<double>("texture"), new DataField<float>("radius"), new DataField<string>("diagnosis"));
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        var per = (texture.Length + rowGroups - 1) / rowGroups;
        for (var start = 0; start < texture.Length; start += per)
        {
            var n = Math.Min(per, texture.Length - start);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>(schema.DataFields[0], texture.AsMemory(start, n));
            await group.WriteAsync<float>(schema.DataFields[1], radius.AsMemory(start, n));
            await group.WriteAsync(schema.DataFields[2], diagnosis[start..(start + n)]);
        }
    }
}
