using FedChain.Federation.Contribution;

namespace FedChain.Federation.Tests.Contribution;

/// <summary>w0 + sum of the members' deltas: with a linear utility the game is additive, so Shapley values are known.</summary>
internal sealed class SumCoalitionAggregator : ICoalitionAggregator
{
    public string Name => "sum";

    public void Aggregate(ContributionRound round, ReadOnlySpan<int> members, Span<float> destination)
    {
        round.BaseModel.Span.CopyTo(destination);
        foreach (var m in members)
        {
            var delta = round.Updates[m].Delta.Span;
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] += delta[i];
            }
        }
    }
}
