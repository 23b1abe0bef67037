using FedChain.Aggregator.Runs;
using FedChain.Messages;
using MassTransit;

namespace FedChain.Aggregator.Consumers;

/// <summary>Stops a run when an operator asks.</summary>
public sealed class AbortRunConsumer(RunCoordinator coordinator) : IConsumer<AbortRun>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<AbortRun> context) => coordinator.AbortAsync(context.Message, context.CancellationToken);
}
