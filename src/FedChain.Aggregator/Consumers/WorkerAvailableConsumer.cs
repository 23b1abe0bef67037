using FedChain.Aggregator.Workers;
using FedChain.Messages;
using MassTransit;

namespace FedChain.Aggregator.Consumers;

/// <summary>Keeps the registry of live workers from their heartbeats.</summary>
public sealed class WorkerAvailableConsumer(WorkerRegistry registry) : IConsumer<WorkerAvailable>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<WorkerAvailable> context)
    {
        var message = context.Message;
        registry.Seen(message.WorkerId, message.Address, message.Models, message.SampleCount);
        return Task.CompletedTask;
    }
}
