using FedChain.Federation.Encoding;
using FedChain.Learning;

namespace FedChain.Federation;

/// <summary>A model's (or an update's) flat float32 parameters together with the layout that names them.</summary>
public sealed class ParameterVector
{
    /// <summary>Wraps <paramref name="values"/> (not copied); its length must match the layout.</summary>
    public ParameterVector(ParameterLayout layout, float[] values)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != layout.TotalLength)
        {
            throw new ArgumentException($"values has {values.Length} elements but layout '{layout}' has {layout.TotalLength}", nameof(values));
        }

        Layout = layout;
        Values = values;
    }

    /// <summary>A zero vector of the layout's size.</summary>
    public static ParameterVector Zeros(ParameterLayout layout) => new(layout, new float[layout.TotalLength]);

    /// <summary>The layout.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>The values, in layout order.</summary>
    public float[] Values { get; }

    /// <summary>The values of one named tensor.</summary>
    public Span<float> this[string name]
    {
        get
        {
            var slice = Layout[name];
            return Values.AsSpan(slice.Offset, slice.Length);
        }
    }

    /// <summary>Encodes the vector as a model or an update.</summary>
    public byte[] Encode(PayloadKind kind) => VectorEncoding.Encode(Layout, Values, kind);

    /// <summary>Decodes (copying) a vector encoded for the given layout.</summary>
    public static ParameterVector Decode(ReadOnlyMemory<byte> encoded, ParameterLayout layout, PayloadKind kind) =>
        new(layout, VectorEncoding.Decode(encoded, layout, kind).ToArray());
}
