using FedChain.Federation.Attacks;

namespace FedChain.Worker.Training;

/// <summary>
/// What colluding attackers share in one process (the simulation): the honest updates of each round,
/// as ALIE and IPM assume the attackers know them, and the update a copier copies. Honest workers post
/// to it; attackers wait for the honest workers selected with them. Nothing here crosses a network.
/// </summary>
public sealed class CollusionBoard
{
    private readonly Dictionary<(int Round, string WorkerId), float[]> _posted = [];
    // A plain monitor: attackers wait on it for the honest posts (Monitor.Wait/PulseAll).
    private readonly object _lock = new();

    /// <summary>Creates a board for the attackers <paramref name="attackerIds"/>.</summary>
    public CollusionBoard(IEnumerable<string> attackerIds)
    {
        ArgumentNullException.ThrowIfNull(attackerIds);
        AttackerIds = attackerIds.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The colluding attackers.</summary>
    public IReadOnlySet<string> AttackerIds { get; }

    /// <summary>An honest worker's update of a round.</summary>
    public void Post(int round, string workerId, float[] update)
    {
        lock (_lock)
        {
            _posted[(round, workerId)] = update;
            _posted.Keys.Where(k => k.Round < round - 1).ToList().ForEach(k => _posted.Remove(k));
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>
    /// The updates of the honest workers among <paramref name="selected"/>, in that order, once all have posted;
    /// a worker that has not posted within <paramref name="timeout"/> is left out (it failed), so an attacker never hangs a round.
    /// </summary>
    public IReadOnlyList<(string WorkerId, float[] Update)> WaitForHonest(int round, IReadOnlyList<string> selected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selected);
        var honest = selected.Where(id => !AttackerIds.Contains(id)).ToArray();
        var deadline = DateTime.UtcNow + timeout;
        lock (_lock)
        {
            while (honest.Any(id => !_posted.ContainsKey((round, id))) && DateTime.UtcNow < deadline)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_lock, TimeSpan.FromMilliseconds(100));
            }

            return honest.Where(id => _posted.ContainsKey((round, id))).Select(id => (id, _posted[(round, id)])).ToArray();
        }
    }

    /// <summary>The moments of the honest updates.</summary>
    public static UpdateStatistics Statistics(IReadOnlyList<(string WorkerId, float[] Update)> honest) =>
        UpdateStatistics.Of(honest.Select(h => (ReadOnlyMemory<float>)h.Update).ToArray());
}
