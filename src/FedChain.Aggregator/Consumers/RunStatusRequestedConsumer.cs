using FedChain.Aggregator.Runs;
using FedChain.Messages;
using MassTransit;

namespace FedChain.Aggregator.Consumers;

/// <summary>Answers `fedchain run status` and `watch`.</summary>
public sealed class RunStatusRequestedConsumer(RunCoordinator coordinator) : IConsumer<RunStatusRequested>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<RunStatusRequested> context) => context.RespondAsync(coordinator.Status(context.Message.RunId));
}
