using FedChain.Messaging;
using FedChain.Messages;
using FedChain.Worker.Training;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FedChain.Worker;

/// <summary>Announces every local worker at start-up and then on an interval, so the aggregator can sample it.</summary>
public sealed class WorkerHeartbeat(WorkerPool pool, IPayloadPublisher publisher, IOptions<WorkerOptions> options, TimeProvider clock) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        do
        {
            foreach (var node in pool.Nodes)
            {
                await publisher.PublishAsync(node.Heartbeat(RunIds.None, 0, clock.GetUtcNow()), stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
