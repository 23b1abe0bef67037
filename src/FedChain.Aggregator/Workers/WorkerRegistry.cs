using System.Collections.Concurrent;

namespace FedChain.Aggregator.Workers;

/// <summary>The workers heard from recently; sampling only picks among these.</summary>
public sealed class WorkerRegistry(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, KnownWorker> _workers = new(StringComparer.Ordinal);

    /// <summary>Records a heartbeat.</summary>
    public void Seen(string workerId, string address, IReadOnlyList<string> models, long sampleCount) =>
        _workers[workerId] = new KnownWorker(workerId, address.ToLowerInvariant(), models, sampleCount, clock.GetUtcNow());

    /// <summary>The worker with this id, if it was ever heard from.</summary>
    public KnownWorker? Find(string workerId) => _workers.GetValueOrDefault(workerId);

    /// <summary>Workers heard from within <paramref name="timeout"/> that can train <paramref name="model"/>, ordered by id.</summary>
    public IReadOnlyList<KnownWorker> Available(string model, TimeSpan timeout)
    {
        var since = clock.GetUtcNow() - timeout;
        return _workers.Values
            .Where(w => w.LastSeen >= since && w.Models.Contains(model, StringComparer.Ordinal))
            .OrderBy(w => w.WorkerId, StringComparer.Ordinal)
            .ToArray();
    }
}
