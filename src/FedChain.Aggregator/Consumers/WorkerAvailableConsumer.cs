using FedChain.Aggregator.Workers;
using FedChain.Messages;
using MassTransit;

namespace FedChain.Aggregator.Consumers;

/// <summary>Keeps the registry of live workers from their signed heartbeats (a refused one is logged and dropped).</summary>
public sealed class WorkerAvailableConsumer(WorkerAdmission admission) : IConsumer<WorkerAvailable>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<WorkerAvailable> context)
    {
        admission.Admit(context.Message);
        return Task.CompletedTask;
    }
}
