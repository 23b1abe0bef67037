using System.Collections.Concurrent;
using FedChain.Aggregator.Chain;
using FedChain.Aggregator.State;
using FedChain.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FedChain.Aggregator.Workers;

/// <summary>
/// Lets a heartbeat's site into the registry the rounds sample from only when it holds the key it names
/// (<see cref="HeartbeatCheck"/>), that key is the one its worker id was first bound to (persisted: a site that
/// announces itself under another site's id is refused, so it cannot be selected, submit or decline in that site's place),
/// and a key speaks for one worker id only (so one participant takes one place in a round, not several).
/// Whether the key is a registered participant is asked where it counts: for its statistics, updates and declines.
/// A refusal is logged once per worker and problem, not on every heartbeat.
/// </summary>
public sealed class WorkerAdmission(WorkerRegistry registry, AggregatorStore store, IRoundLedger ledger, TimeProvider clock, IOptions<AggregatorOptions> options,
    ILogger<WorkerAdmission> logger)
{
    private readonly ConcurrentDictionary<string, string> _refused = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _bound = new(StringComparer.Ordinal);

    /// <summary>Checks a heartbeat and, when it passes, records its site as available; returns the problem otherwise.</summary>
    public string? Admit(WorkerAvailable heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        var now = clock.GetUtcNow();
        var (signer, problem) = HeartbeatCheck.Verify(heartbeat, now, options.Value.WorkerTimeout, ledger);
        if (problem is null)
        {
            problem = BindingProblem(heartbeat.WorkerId, signer!, now);
        }

        if (problem is not null)
        {
            if (!_refused.TryGetValue(heartbeat.WorkerId ?? string.Empty, out var last) || last != problem)
            {
                logger.LogWarning("heartbeat refused: {Problem}", problem);
            }

            _refused[heartbeat.WorkerId ?? string.Empty] = problem;
            return problem;
        }

        if (_refused.TryRemove(heartbeat.WorkerId, out _))
        {
            logger.LogInformation("heartbeats of worker {Worker} ({Address}) accepted again", heartbeat.WorkerId, signer);
        }

        registry.Seen(heartbeat.WorkerId, signer!, heartbeat.Models, heartbeat.SampleCount);
        return null;
    }

    // Only a binding is cached: a refused id may still be bound later by its own key.
    private string? BindingProblem(string workerId, string signer, DateTimeOffset now)
    {
        if (!_bound.TryGetValue(workerId, out var bound))
        {
            bound = store.BindWorker(workerId, signer, now);
            if (bound is not null)
            {
                _bound[workerId] = bound;
            }
        }

        if (bound is null)
        {
            return $"worker {workerId}: heartbeat signed by {signer}, which this aggregator knows as worker {store.WorkerOf(signer)}; one worker id per key";
        }

        return bound == signer
            ? null
            : $"worker {workerId}: heartbeat signed by {signer}, but this aggregator knows worker {workerId} as {bound} " +
              "(its first signed heartbeat); a site with a new key needs a new worker id";
    }
}
