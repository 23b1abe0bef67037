using System.Security.Cryptography;
using System.Text;

namespace FedChain.Learning;

/// <summary>
/// The named layout of a model's single contiguous float32 parameter vector. Federation code
/// treats every model as a vector; the layout (and its hash) says how to read it back.
/// </summary>
public sealed class ParameterLayout : IEquatable<ParameterLayout>
{
    private readonly ParameterSlice[] _slices;
    private byte[]? _hash;

    /// <summary>Builds a layout from consecutive slices (offsets must be contiguous from zero).</summary>
    public ParameterLayout(IEnumerable<ParameterSlice> slices)
    {
        _slices = slices.ToArray();
        var expected = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slice in _slices)
        {
            if (slice.Offset != expected)
            {
                throw new ArgumentException($"slice '{slice.Name}' starts at {slice.Offset}, expected {expected}: slices must be contiguous");
            }

            if (slice.ElementType != TensorElementType.Float32)
            {
                throw new ArgumentException($"slice '{slice.Name}' is {slice.ElementType}: a parameter vector holds float32 tensors only, integer buffers stay local");
            }

            if (!names.Add(slice.Name))
            {
                throw new ArgumentException($"slice name '{slice.Name}' appears twice");
            }

            expected = checked(expected + slice.Length);
        }

        TotalLength = expected;
    }

    /// <summary>Builds a layout from (name, shape) pairs laid end to end.</summary>
    public static ParameterLayout Sequential(params (string Name, int[] Shape)[] tensors)
    {
        var offset = 0;
        var slices = new List<ParameterSlice>(tensors.Length);
        foreach (var (name, shape) in tensors)
        {
            var slice = new ParameterSlice(name, shape, offset);
            slices.Add(slice);
            offset = checked(offset + slice.Length);
        }

        return new ParameterLayout(slices);
    }

    /// <summary>The slices in vector order.</summary>
    public IReadOnlyList<ParameterSlice> Slices => _slices;

    /// <summary>Total number of float32 values in the vector.</summary>
    public int TotalLength { get; }

    /// <summary>
    /// SHA-256 of the canonical text "name:d0xd1x...;" over all slices (a buffer reads "name:d0x...:buffer;"): two models can exchange
    /// vectors only when these 32 bytes agree (the update encoding carries them).
    /// </summary>
    public ReadOnlySpan<byte> Hash => _hash ??= SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText()));

    /// <summary>The canonical text the hash is taken over.</summary>
    public string CanonicalText()
    {
        var text = new StringBuilder();
        foreach (var slice in _slices)
        {
            text.Append(slice.Name).Append(':').AppendJoin('x', slice.Shape);
            if (slice.Kind == ParameterKind.Buffer)
            {
                // Parameters keep the original text, so layouts (and their hashes) of buffer-free models are unchanged.
                text.Append(":buffer");
            }

            text.Append(';');
        }

        return text.ToString();
    }

    /// <summary>The slice with the given name.</summary>
    public ParameterSlice this[string name] =>
        Array.Find(_slices, s => s.Name == name) ?? throw new KeyNotFoundException($"no parameter slice named '{name}'");

    /// <inheritdoc />
    public bool Equals(ParameterLayout? other) => other is not null && Hash.SequenceEqual(other.Hash);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ParameterLayout);

    /// <inheritdoc />
    public override int GetHashCode() => BitConverter.ToInt32(Hash[..4]);

    /// <inheritdoc />
    public override string ToString() => $"{_slices.Length} tensors, {TotalLength} parameters";
}
