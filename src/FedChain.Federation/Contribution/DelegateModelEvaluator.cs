namespace FedChain.Federation.Contribution;

/// <summary>Adapts a utility function to <see cref="IModelEvaluator"/>.</summary>
public sealed class DelegateModelEvaluator(Func<ReadOnlySpan<float>, double> utility) : IModelEvaluator
{
    private readonly Func<ReadOnlySpan<float>, double> _utility = utility ?? throw new ArgumentNullException(nameof(utility));

    /// <inheritdoc />
    public double Utility(ReadOnlySpan<float> parameters) => _utility(parameters);
}
