using System.Runtime.InteropServices;
using FedChain.Learning.Data;
using SkiaSharp;

namespace FedChain.Tasks.Data;

/// <summary>
/// Writes a dataset of [1 or 3, height, width] samples in [0, 1] as PNG files, one folder per class: the
/// layout <see cref="ImageFolderReader"/> reads (e.g. MNIST digits for an image-folder task).
/// </summary>
public static class ImageFolderWriter
{
    /// <summary>Writes every sample of <paramref name="data"/> under <paramref name="root"/>/&lt;class name&gt;/&lt;index&gt;.png.</summary>
    public static void Write(Dataset data, IReadOnlyList<string> classNames, string root)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(classNames);
        if (data.SampleShape.Count != 3 || data.SampleShape[0] is not (1 or 3))
        {
            throw new ArgumentException($"{data.Source}: samples of shape [{string.Join(", ", data.SampleShape)}] are not [1 or 3, height, width] images");
        }

        if (classNames.Count != data.NumClasses)
        {
            throw new ArgumentException($"{data.Source}: {data.NumClasses} classes but {classNames.Count} class names");
        }

        int channels = data.SampleShape[0], height = data.SampleShape[1], width = data.SampleShape[2];
        foreach (var name in classNames)
        {
            Directory.CreateDirectory(Path.Combine(root, name));
        }

        var grey = channels == 1;
        var info = new SKImageInfo(width, height, grey ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque);
        var bytesPerPixel = grey ? 1 : 4;
        var pixels = new byte[width * height * bytesPerPixel];
        var digits = data.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        using var bitmap = new SKBitmap(info);
        for (var i = 0; i < data.Count; i++)
        {
            var sample = data.Features(i);
            for (var p = 0; p < width * height; p++)
            {
                for (var c = 0; c < channels; c++)
                {
                    pixels[(p * bytesPerPixel) + c] = (byte)Math.Clamp(MathF.Round(sample[(c * width * height) + p] * 255f), 0, 255);
                }

                if (!grey)
                {
                    pixels[(p * 4) + 3] = 255;
                }
            }

            Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
            var path = Path.Combine(root, classNames[data.Label(i)], i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0') + ".png");
            using var stream = File.Create(path);
            if (!bitmap.Encode(stream, SKEncodedImageFormat.Png, 100))
            {
                throw new IOException($"{path}: PNG encoding failed");
            }
        }
    }
}
