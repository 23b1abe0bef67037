using FedChain.Federation.Contribution;

namespace FedChain.Federation.Tests.Contribution;

/// <summary>FedAvg hidden behind another type, so policies take their generic (non-incremental) path.</summary>
internal sealed class ScratchFedAvgAggregator : ICoalitionAggregator
{
    public string Name => "fedavg-scratch";

    public void Aggregate(ContributionRound round, ReadOnlySpan<int> members, Span<float> destination) =>
        FedAvgCoalitionAggregator.Instance.Aggregate(round, members, destination);
}
