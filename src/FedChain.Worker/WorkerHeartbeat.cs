using FedChain.Messaging;
using FedChain.Messages;
using FedChain.Worker.Training;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FedChain.Worker;

/// <summary>Announces every local worker at start-up and then on an interval, so the aggregator can sample it.</summary>
public sealed class WorkerHeartbeat(WorkerPool pool, IPayloadPublisher publisher, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<WorkerHeartbeat> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        var failing = false;
        do
        {
            try
            {
                foreach (var node in pool.Nodes)
                {
                    await publisher.PublishAsync(node.Heartbeat(RunIds.None, 0, clock.GetUtcNow()), stoppingToken);
                }

                if (failing)
                {
                    failing = false;
                    logger.LogInformation("heartbeats reach the broker again");
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A publish that faults while the broker restarts must not end the host (BackgroundService faults stop it):
                // a missed heartbeat only delays this site's next selection; the next tick tries again.
                if (!failing)
                {
                    failing = true;
                    logger.LogWarning("heartbeat not published ({Error}: {Message}); retrying every {Interval}", e.GetType().Name, e.Message, options.Value.HeartbeatInterval);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
