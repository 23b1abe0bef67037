namespace FedChain.Learning;

/// <summary>One named tensor inside a model's flat parameter vector: its shape and where it starts.</summary>
/// <param name="Name">Layer-qualified name, e.g. "fc1.weight".</param>
/// <param name="Shape">Dimensions, outermost first (row-major).</param>
/// <param name="Offset">Index of its first value in the flat vector.</param>
public sealed record ParameterSlice(string Name, IReadOnlyList<int> Shape, int Offset)
{
    /// <summary>Number of values: the product of the shape.</summary>
    public int Length => Shape.Aggregate(1, (a, d) => checked(a * d));

    /// <summary>Element type of the tensor; an exchanged vector holds float32 values only (see docs/architecture.md).</summary>
    public TensorElementType ElementType { get; init; } = TensorElementType.Float32;

    /// <summary>A trained parameter or a float32 buffer kept by the forward pass.</summary>
    public ParameterKind Kind { get; init; } = ParameterKind.Parameter;
}
