using FedChain.Learning.Data;
using FedChain.Tasks.Data;
using SkiaSharp;

namespace FedChain.Tasks.Tests.Data;

public sealed class ImageFolderReaderTests : IDisposable
{
    private static readonly InputSchema Grey = new()
    {
        Format = "images",
        Classes = ["zero", "one", "two"],
        Width = 8,
        Height = 4,
        Channels = 1,
    };

    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_WrittenFolder_RoundTripsPixelsAndLabels()
    {
        var original = Images(count: 7, channels: 1, width: 8, height: 4);
        ImageFolderWriter.Write(original, Grey.Classes, _dir.Path);

        var read = ImageFolderReader.Read(Grey, _dir.Path);

        Assert.Equal(original.Count, read.Count);
        Assert.Equal([1, 4, 8], read.SampleShape);
        // Class order, then file order: the writer's index order within each class.
        var expected = Enumerable.Range(0, original.Count).OrderBy(original.Label).ToArray();
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Equal(original.Label(expected[i]), read.Label(i));
            Assert.Equal(original.Features(expected[i]).ToArray(), read.Features(i).ToArray());
        }
    }

    [Fact]
    public void Read_Normalisation_AppliesPerChannel()
    {
        var original = Images(count: 3, channels: 3, width: 8, height: 4);
        var colour = Grey with { Channels = 3, Normalisation = new NormalisationDefinition { Mean = [0.5, 0, 0.25], Std = [0.5, 1, 2] } };
        ImageFolderWriter.Write(original, colour.Classes, _dir.Path);

        var read = ImageFolderReader.Read(colour, _dir.Path);

        var expected = Enumerable.Range(0, original.Count).OrderBy(original.Label).ToArray();
        var raw = original.Features(expected[0]);
        var got = read.Features(0);
        const int plane = 32;
        Assert.Equal((raw[3] - 0.5f) / 0.5f, got[3], 6);
        Assert.Equal(raw[plane + 3], got[plane + 3], 6);
        Assert.Equal((raw[(2 * plane) + 3] - 0.25f) / 2f, got[(2 * plane) + 3], 6);
    }

    [Fact]
    public void Read_Jpeg_IsDecoded()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "one"));
        var path = Path.Combine(_dir.Path, "one", "a.jpg");
        WriteImage(path, 8, 4, SKColorType.Gray8, SKEncodedImageFormat.Jpeg);

        var read = ImageFolderReader.Read(Grey, _dir.Path);

        Assert.Equal(1, read.Count);
        Assert.Equal(1, read.Label(0));
    }

    [Fact]
    public void Read_ImageOfWrongSize_NamesTheFile()
    {
        ImageFolderWriter.Write(Images(count: 3, channels: 1, width: 8, height: 4), Grey.Classes, _dir.Path);
        var path = Path.Combine(_dir.Path, "two", "big.png");
        WriteImage(path, 8, 8, SKColorType.Gray8, SKEncodedImageFormat.Png);

        var error = Assert.Throws<DataFormatException>(() => ImageFolderReader.Read(Grey, _dir.Path));

        Assert.Equal($"{path}: image: is 8x8, expected 8x4 (input.width x input.height)", error.Message);
    }

    [Fact]
    public void Read_ColourImageForGreyTask_NamesTheFile()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "zero"));
        var path = Path.Combine(_dir.Path, "zero", "colour.png");
        WriteImage(path, 8, 4, SKColorType.Rgba8888, SKEncodedImageFormat.Png);

        var error = Assert.Throws<DataFormatException>(() => ImageFolderReader.Read(Grey, _dir.Path));

        Assert.StartsWith($"{path}: image: is in colour (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("expected 1 channel (grey) as input.channels says", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GreyImageForColourTask_NamesTheFile()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "zero"));
        var path = Path.Combine(_dir.Path, "zero", "grey.png");
        WriteImage(path, 8, 4, SKColorType.Gray8, SKEncodedImageFormat.Png);

        var error = Assert.Throws<DataFormatException>(() => ImageFolderReader.Read(Grey with { Channels = 3 }, _dir.Path));

        Assert.Equal($"{path}: image: has 1 channel (grey), expected 3 (input.channels)", error.Message);
    }

    [Fact]
    public void Read_UnreadableImage_NamesTheFile()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "zero"));
        var path = Path.Combine(_dir.Path, "zero", "broken.png");
        File.WriteAllText(path, "not an image");

        var error = Assert.Throws<DataFormatException>(() => ImageFolderReader.Read(Grey, _dir.Path));

        Assert.StartsWith($"{path}: image: unreadable (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FolderNotAClass_NamesIt()
    {
        var folder = Path.Combine(_dir.Path, "three");
        Directory.CreateDirectory(folder);

        var error = Assert.Throws<DataFormatException>(() => ImageFolderReader.Read(Grey, _dir.Path));

        Assert.Equal($"{folder}: folder: 'three' is not among input.classes (zero, one, two)", error.Message);
    }

    [Fact]
    public void Read_NonImageFile_NamesIt()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "zero"));
        var path = Path.Combine(_dir.Path, "zero", "notes.txt");
        File.WriteAllText(path, "x");

        var error = Assert.Throws<DataFormatException>(() => ImageFolderReader.Read(Grey, _dir.Path));

        Assert.Equal($"{path}: file: is not a .png, .jpg or .jpeg image", error.Message);
    }

    [Fact]
    public void Read_EmptyFolder_IsRefused()
    {
        var error = Assert.Throws<DataFormatException>(() => ImageFolderReader.Read(Grey, _dir.Path));

        Assert.Equal($"{_dir.Path}: folder: holds no images", error.Message);
    }

    [Fact]
    public void Parse_ImageClassThatCannotBeAFolder_IsRefused()
    {
        var json = """
            {"name": "x", "model": {"builtin": "logreg"},
             "input": {"format": "images", "width": 8, "height": 8, "channels": 1, "classes": ["a", "../b"]},
             "loss": "cross_entropy", "metrics": ["accuracy"],
             "training": {"epochs": 1, "batch_size": 1, "learning_rate": 0.1}, "held_out": {"validation": "v", "test": "t"}}
            """;

        var error = Assert.Throws<TaskDefinitionException>(() => TaskFile.Parse(json, "task.json", "/d"));

        Assert.Equal("task.json: input.classes[1] \"../b\" cannot name a class folder", error.Message);
    }

    // Pixels on the 1/255 grid, so the PNG round trip is exact.
    private static Dataset Images(int count, int channels, int width, int height)
    {
        var size = channels * width * height;
        var features = new float[count * size];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = ((i * 37) % 256) / 255f;
        }

        var labels = Enumerable.Range(0, count).Select(i => (i * 2) % 3).ToArray();
        return Dataset.FromArrays("images", features, labels, [channels, height, width], 3);
    }

    private static void WriteImage(string path, int width, int height, SKColorType type, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, type, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.Gray);
        using var stream = File.Create(path);
        Assert.True(bitmap.Encode(stream, format, 90));
    }
}
