using MassTransit;

namespace FedChain.Aggregator.Consumers;

/// <summary>
/// Updates are validated and persisted one at a time per process (the coordinator serialises them
/// anyway, and a second concurrent message would only hold a prefetched payload in memory).
/// </summary>
public sealed class UpdateSubmittedConsumerDefinition : ConsumerDefinition<UpdateSubmittedConsumer>
{
    /// <summary>Sets the concurrency.</summary>
    public UpdateSubmittedConsumerDefinition() => ConcurrentMessageLimit = 1;
}
