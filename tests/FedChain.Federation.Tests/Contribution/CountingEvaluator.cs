using FedChain.Federation.Contribution;

namespace FedChain.Federation.Tests.Contribution;

/// <summary>Wraps a utility and counts calls, to check caching and the reported evaluation counts.</summary>
internal sealed class CountingEvaluator(Func<ReadOnlySpan<float>, double> utility) : IModelEvaluator
{
    public int Calls { get; private set; }

    public double Utility(ReadOnlySpan<float> parameters)
    {
        Calls++;
        return utility(parameters);
    }
}
