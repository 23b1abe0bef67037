using MassTransit;

namespace FedChain.Aggregator.Consumers;

/// <summary>Updates are persisted one at a time (the coordinator serialises anyway); transient failures are retried.</summary>
public sealed class UpdateSubmittedConsumerDefinition : ConsumerDefinition<UpdateSubmittedConsumer>
{
    /// <summary>Sets the concurrency.</summary>
    public UpdateSubmittedConsumerDefinition() => ConcurrentMessageLimit = 2;

    /// <inheritdoc />
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<UpdateSubmittedConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Intervals(100, 500, 2000));
}
