using FedChain.Learning.Data;
using SkiaSharp;

namespace FedChain.Tasks.Data;

/// <summary>
/// Reads an image folder against an images task's schema: one sub-folder per class (named as in
/// input.classes; a site may lack some classes), PNG or JPEG files of exactly the task's size and channel
/// count. Samples are [channels, height, width] in [0, 1], normalised per channel when the task says so,
/// in class order then file-name order. A stray folder or file, an unreadable image or one of the wrong
/// size or channels is a <see cref="DataFormatException"/> naming the file; nothing is read past it.
/// </summary>
public static class ImageFolderReader
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg"];

    /// <summary>Reads the folder <paramref name="root"/>.</summary>
    public static Dataset Read(InputSchema schema, string root)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(root);
        if (schema.Format != "images" || schema.Width is not { } width || schema.Height is not { } height || schema.Channels is not { } channels)
        {
            throw new ArgumentException($"{root}: the task's input is \"{schema.Format}\", not a validated \"images\" schema", nameof(schema));
        }

        if (!Directory.Exists(root))
        {
            throw new DataFormatException(root, "folder", "not found, expected a folder per class");
        }

        foreach (var stray in Directory.EnumerateFiles(root).Where(f => !IsHidden(f)))
        {
            throw new DataFormatException(stray, "file", "is outside the class folders, expected images under <class name>/");
        }

        foreach (var folder in Directory.EnumerateDirectories(root).Where(f => !IsHidden(f)))
        {
            var name = Path.GetFileName(folder);
            if (!schema.Classes.Contains(name))
            {
                throw new DataFormatException(folder, "folder", $"'{name}' is not among input.classes ({string.Join(", ", schema.Classes)})");
            }
        }

        var pixelsPerImage = width * height * channels;
        var features = new List<float>();
        var labels = new List<int>();
        var image = new float[pixelsPerImage];
        for (var label = 0; label < schema.Classes.Count; label++)
        {
            var folder = Path.Combine(root, schema.Classes[label]);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            var files = Directory.EnumerateFileSystemEntries(folder).Where(f => !IsHidden(f)).Order(StringComparer.Ordinal).ToArray();
            foreach (var file in files)
            {
                if (Directory.Exists(file) || !Extensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
                {
                    throw new DataFormatException(file, "file", "is not a .png, .jpg or .jpeg image");
                }

                Decode(file, schema, image);
                features.AddRange(image);
                labels.Add(label);
            }
        }

        if (labels.Count == 0)
        {
            throw new DataFormatException(root, "folder", "holds no images");
        }

        return Dataset.FromArrays(root, [.. features], [.. labels], [channels, height, width], schema.Classes.Count);
    }

    private static void Decode(string file, InputSchema schema, float[] destination)
    {
        int width = schema.Width!.Value, height = schema.Height!.Value, channels = schema.Channels!.Value;
        using var codec = SKCodec.Create(file, out var result)
            ?? throw new DataFormatException(file, "image", $"unreadable ({result}), expected a PNG or JPEG file");
        var info = codec.Info;
        if (info.Width != width || info.Height != height)
        {
            throw new DataFormatException(file, "image", $"is {info.Width}x{info.Height}, expected {width}x{height} (input.width x input.height)");
        }

        var grey = info.ColorType == SKColorType.Gray8;
        if (grey != (channels == 1))
        {
            throw new DataFormatException(file, "image", grey
                ? $"has 1 channel (grey), expected {channels} (input.channels)"
                : $"is in colour ({info.ColorType}), expected 1 channel (grey) as input.channels says");
        }

        var target = new SKImageInfo(width, height, grey ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bytesPerPixel = grey ? 1 : 4;
        var pixels = new byte[width * height * bytesPerPixel];
        var decoded = codec.GetPixels(target, pixels);
        if (decoded is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new DataFormatException(file, "image", $"cannot be decoded ({decoded})");
        }

        if (decoded == SKCodecResult.IncompleteInput)
        {
            throw new DataFormatException(file, "image", "is truncated");
        }

        var normalisation = schema.Normalisation;
        for (var c = 0; c < channels; c++)
        {
            var mean = (float)(normalisation?.Mean[c] ?? 0);
            var std = (float)(normalisation?.Std[c] ?? 1);
            var plane = destination.AsSpan(c * width * height, width * height);
            for (var p = 0; p < plane.Length; p++)
            {
                plane[p] = ((pixels[(p * bytesPerPixel) + c] / 255f) - mean) / std;
            }
        }
    }

    private static bool IsHidden(string path) => Path.GetFileName(path).StartsWith('.');
}
