using MassTransit;

namespace FedChain.Messaging.Tests.Support;

/// <summary>A definition as the hosts write them: concurrency and an endpoint-level retry.</summary>
public sealed class RecordingConsumerDefinition : ConsumerDefinition<RecordingConsumer>
{
    public RecordingConsumerDefinition() => ConcurrentMessageLimit = 1;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<RecordingConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Immediate(1));
}
