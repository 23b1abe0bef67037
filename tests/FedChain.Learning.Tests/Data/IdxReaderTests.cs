using FedChain.Learning.Data;

namespace FedChain.Learning.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fedchain-idx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReadImages_ValidFile_ScalesToUnitInterval()
    {
        var path = Write("ok-images", [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 255, 51, 102]);
        var (pixels, shape) = IdxReader.ReadImages(path);
        Assert.Equal([2, 1, 2], shape);
        Assert.Equal([0f, 1f, 0.2f, 0.4f], pixels);
    }

    [Fact]
    public void ReadLabels_ValidFile_ReadsBytes()
    {
        var path = Write("ok-labels", [0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9]);
        Assert.Equal([7, 0, 9], IdxReader.ReadLabels(path));
    }

    [Fact]
    public void ReadLabels_WrongMagic_NamesFileOffsetAndExpectedMagic()
    {
        var path = Write("bad-magic", [0, 0, 8, 3, 0, 0, 0, 1, 5]);
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("offset 0", error.Message);
        Assert.Contains("0x00000803", error.Message);
        Assert.Contains("expected 0x00000801", error.Message);
    }

    [Fact]
    public void ReadImages_TruncatedData_NamesOffsetAndByteCounts()
    {
        var path = Write("truncated", [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3]);
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("needs 8 data bytes", error.Message);
        Assert.Contains("has 3", error.Message);
        Assert.Contains("offset 19", error.Message);
    }

    [Fact]
    public void ReadImages_TruncatedHeader_NamesExpectedHeaderLength()
    {
        var path = Write("short-header", [0, 0, 8, 3, 0, 0]);
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains("truncated header: expected 16 bytes, file has 6", error.Message);
    }

    [Fact]
    public void ReadLabels_EmptyFile_SaysTruncated()
    {
        var path = Write("empty", []);
        Assert.Contains("truncated", Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path)).Message);
    }

    [Fact]
    public void ReadLabels_MissingFile_NamesPath()
    {
        var path = Path.Combine(_dir, "nope");
        Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => IdxReader.ReadLabels(path)).Message);
    }

    [Fact]
    public void LoadTrain_LabelOutOfRange_NamesOffset()
    {
        Write("train-images-idx3-ubyte", [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0]);
        Write("train-labels-idx1-ubyte", [0, 0, 8, 1, 0, 0, 0, 2, 3, 12]);
        var error = Assert.Throws<DataFormatException>(() => Mnist.LoadTrain(_dir));
        Assert.Contains("offset 9", error.Message);
        Assert.Contains("label 12, expected 0..9", error.Message);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
