using FedChain.Messages;
using MassTransit;

namespace FedChain.Messaging.Tests.Support;

/// <summary>Answers RunStatusRequested the way the aggregator will (request/response for `fedchain run status`).</summary>
public sealed class RunStatusConsumer : IConsumer<RunStatusRequested>
{
    public Task Consume(ConsumeContext<RunStatusRequested> context) =>
        context.RespondAsync(new RunStatus(
            context.Message.RunId,
            3,
            RunState.Running,
            5,
            2,
            "0x" + new string('e', 64),
            new EvaluationMetrics(0.93, 0.21, 10_000),
            ["worker-1", "worker-2"],
            null,
            new DateTimeOffset(2026, 11, 22, 21, 0, 0, TimeSpan.Zero)));
}
