using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace FedChain.Learning.Torch.Export;

/// <summary>
/// A model's flat vector as a safetensors file (Hugging Face's format: a JSON header of name, dtype, shape and
/// offsets, then the raw little-endian values), one tensor per layout slice under the slice's own name and
/// shape, so <c>module.load_state_dict(...)</c> in PyTorch takes it. TorchSharp.PyBridge writes and reads it.
/// </summary>
public static class SafetensorsFile
{
    /// <summary>Writes <paramref name="values"/> (laid out by <paramref name="layout"/>) to <paramref name="destination"/>, which stays open.</summary>
    public static void Write(ParameterLayout layout, ReadOnlySpan<float> values, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(destination);
        if (values.Length != layout.TotalLength)
        {
            throw new ArgumentException($"the vector has {values.Length} values, the layout {layout.TotalLength}", nameof(values));
        }

        using var scope = NewDisposeScope();

        // Insertion order is the layout's order: the file lists the tensors as the model declares them.
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var slice in layout.Slices)
        {
            tensors.Add(slice.Name, torch.tensor(values.Slice(slice.Offset, slice.Length).ToArray(), slice.Shape.Select(d => (long)d).ToArray()));
        }

        Safetensors.SaveStateDict(destination, tensors, leaveOpen: true);
    }

    /// <summary>
    /// Reads a safetensors file back into <paramref name="layout"/>'s flat vector; a file whose tensors are not exactly
    /// the layout's (names, float32, shapes) is an error naming the file and the first difference.
    /// </summary>
    public static float[] Read(ParameterLayout layout, string path)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> tensors;
        try
        {
            tensors = Safetensors.LoadStateDict(path);
        }
        // PyBridge's reader signals a bad header as JSON errors, a dtype it does not read as NotImplementedException,
        // and a truncated body as range or end-of-stream errors: all mean "not a file we can read".
        catch (Exception error) when (error is System.Text.Json.JsonException or NotImplementedException or ArgumentOutOfRangeException or EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: not a safetensors file ({error.Message})", error);
        }

        var extra = tensors.Keys.Except(layout.Slices.Select(s => s.Name), StringComparer.Ordinal).FirstOrDefault();
        if (extra is not null)
        {
            throw new InvalidDataException($"{path}: holds tensor '{extra}', which the model does not have");
        }

        var vector = new float[layout.TotalLength];
        foreach (var slice in layout.Slices)
        {
            if (!tensors.TryGetValue(slice.Name, out var tensor))
            {
                throw new InvalidDataException($"{path}: has no tensor '{slice.Name}'");
            }

            if (tensor.dtype != ScalarType.Float32 || !tensor.shape.SequenceEqual(slice.Shape.Select(d => (long)d)))
            {
                throw new InvalidDataException($"{path}: '{slice.Name}' is {tensor.dtype} [{string.Join(", ", tensor.shape)}], the model's is Float32 [{string.Join(", ", slice.Shape)}]");
            }

            tensor.data<float>().CopyTo(vector, slice.Offset);
        }

        return vector;
    }
}
