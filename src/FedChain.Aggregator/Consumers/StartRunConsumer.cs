using FedChain.Aggregator.Runs;
using FedChain.Messages;
using MassTransit;

namespace FedChain.Aggregator.Consumers;

/// <summary>Starts a run when an operator asks.</summary>
public sealed class StartRunConsumer(RunCoordinator coordinator) : IConsumer<StartRun>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<StartRun> context) => coordinator.StartRunAsync(context.Message, context.CancellationToken);
}
