using FedChain.Messages;
using FedChain.Worker.Training;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace FedChain.Worker.Consumers;

/// <summary>Tells the operator of a worker why the aggregator refused its update.</summary>
public sealed class UpdateRejectedConsumer(WorkerPool pool, ILogger<UpdateRejectedConsumer> logger) : IConsumer<UpdateRejected>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<UpdateRejected> context)
    {
        var rejected = context.Message;
        if (pool.Selected([rejected.WorkerId]).Count > 0)
        {
            logger.LogWarning("{Worker}: update for round {Round} rejected: {Reason}: {Message}", rejected.WorkerId, rejected.Round, rejected.Reason, rejected.Message);
        }

        return Task.CompletedTask;
    }
}
