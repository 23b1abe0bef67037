using MassTransit;

namespace FedChain.Aggregator.Consumers;

/// <summary>Statistics reports are taken one at a time per process: the exchange serialises them anyway.</summary>
public sealed class FeatureStatisticsSubmittedConsumerDefinition : ConsumerDefinition<FeatureStatisticsSubmittedConsumer>
{
    /// <summary>Sets the concurrency.</summary>
    public FeatureStatisticsSubmittedConsumerDefinition() => ConcurrentMessageLimit = 1;
}
