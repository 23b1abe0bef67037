using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TorchSharp;
using static TorchSharp.torch;

namespace FedChain.Learning.Torch.Models;

/// <summary>
/// Loads a PyTorch TorchScript file as a trainable model: the file's bytes are checked against the expected
/// SHA-256 first, then its named parameters (in the module's own, fixed order) and float32 buffers become the layout.
/// </summary>
internal static class TorchScriptLoader
{
    public const string Architecture = "torchscript";

    public static ITrainableModel Load(string path, string expectedSha256, IReadOnlyList<int> inputShape, int classes, BufferSharing buffers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(expectedSha256);
        ArgumentNullException.ThrowIfNull(inputShape);
        if (classes < 2)
        {
            throw new ArgumentException($"{path}: a model needs at least 2 classes, got {classes}");
        }

        if (inputShape.Count == 0 || inputShape.Any(d => d <= 0))
        {
            throw new ArgumentException($"{path}: input shape [{string.Join(", ", inputShape)}] must have positive dimensions");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: TorchScript model file not found", path);
        }

        var expected = expectedSha256.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? expectedSha256[2..] : expectedSha256;
        if (expected.Length != 64 || !expected.All(Uri.IsHexDigit))
        {
            throw new ArgumentException($"{path}: expected SHA-256 '{expectedSha256}' is not 64 hex digits");
        }

        byte[] actual;
        using (var stream = File.OpenRead(path))
        {
            actual = SHA256.HashData(stream);
        }

        if (!Convert.ToHexStringLower(actual).Equals(expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{path}: SHA-256 is 0x{Convert.ToHexStringLower(actual)}, the run expects 0x{expected.ToLowerInvariant()}");
        }

        jit.ScriptModule<Tensor, Tensor> module;
        try
        {
            module = jit.load<Tensor, Tensor>(path);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path}: not a TorchScript model file ({FirstLine(error.Message)})", error);
        }

        try
        {
            var slices = new List<ParameterSlice>();
            var offset = 0;
            foreach (var (name, parameter) in module.named_parameters())
            {
                if (parameter.dtype != ScalarType.Float32)
                {
                    throw new InvalidDataException($"{path}: parameter '{name}' is {parameter.dtype}, FedChain trains float32 parameters only");
                }

                var slice = new ParameterSlice(name, parameter.shape.Select(d => checked((int)d)).ToArray(), offset);
                slices.Add(slice);
                offset = checked(offset + slice.Length);
            }

            if (buffers == BufferSharing.Averaged)
            {
                // Integer buffers (num_batches_tracked) always stay local: they are counters, not statistics.
                foreach (var (name, buffer) in module.named_buffers().Where(b => b.buffer.dtype == ScalarType.Float32))
                {
                    var slice = new ParameterSlice(name, buffer.shape.Select(d => checked((int)d)).ToArray(), offset) { Kind = ParameterKind.Buffer };
                    slices.Add(slice);
                    offset = checked(offset + slice.Length);
                }
            }

            if (slices.Count == 0)
            {
                throw new InvalidDataException($"{path}: the TorchScript module has no parameters to train");
            }

            var layout = new ParameterLayout(slices);
            var initial = new float[layout.TotalLength];
            var tensors = module.named_parameters().Select(p => (Tensor)p.parameter)
                .Concat(buffers == BufferSharing.Averaged ? module.named_buffers().Where(b => b.buffer.dtype == ScalarType.Float32).Select(b => b.buffer) : [])
                .ToArray();
            for (var i = 0; i < tensors.Length; i++)
            {
                using var contiguous = tensors[i].detach().contiguous();
                MemoryMarshal.Cast<byte, float>(contiguous.bytes).CopyTo(initial.AsSpan(layout.Slices[i].Offset, layout.Slices[i].Length));
            }

            return new TorchModel(Architecture, inputShape, classes, module, module.forward, layout, initial);
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 160 ? line[..160] + "..." : line;
    }
}
