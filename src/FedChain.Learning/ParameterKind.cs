namespace FedChain.Learning;

/// <summary>What a tensor of the parameter vector is to the model.</summary>
public enum ParameterKind
{
    /// <summary>A trained parameter: the optimizer updates it from its gradient.</summary>
    Parameter,

    /// <summary>
    /// A float32 buffer the forward pass maintains (e.g. BatchNorm running mean and variance): no gradient,
    /// not touched by the optimizer, averaged by the aggregator like a parameter.
    /// </summary>
    Buffer,
}
