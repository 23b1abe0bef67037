namespace FedChain.Federation.Contribution;

/// <summary>Fingerprints of the updates of earlier rounds, kept for a bounded number of rounds, so a replayed update is recognised.</summary>
public sealed class SketchHistory
{
    private readonly int _rounds;
    private readonly SortedDictionary<long, IReadOnlyList<(string ContributorId, UpdateSketch Sketch)>> _byRound = [];
    private readonly Lock _lock = new();

    /// <summary>Keeps the last <paramref name="rounds"/> rounds (at least 1).</summary>
    public SketchHistory(int rounds = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        _rounds = rounds;
    }

    /// <summary>Records round <paramref name="round"/>'s fingerprints (replacing any recorded before), dropping the oldest beyond the bound.</summary>
    public void Record(long round, IEnumerable<(string ContributorId, UpdateSketch Sketch)> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        lock (_lock)
        {
            _byRound[round] = updates.ToArray();
            while (_byRound.Count > _rounds)
            {
                _byRound.Remove(_byRound.Keys.First());
            }
        }
    }

    /// <summary>The bound: how many rounds back a replay is recognised.</summary>
    public int Rounds => _rounds;

    /// <summary>True when round <paramref name="round"/>'s fingerprints are recorded.</summary>
    public bool Contains(long round)
    {
        lock (_lock)
        {
            return _byRound.ContainsKey(round);
        }
    }

    /// <summary>Every recorded fingerprint of a round before <paramref name="round"/>, oldest first.</summary>
    public IReadOnlyList<(long Round, string ContributorId, UpdateSketch Sketch)> Before(long round)
    {
        lock (_lock)
        {
            return _byRound.Where(e => e.Key < round && e.Key >= round - _rounds).SelectMany(e => e.Value.Select(u => (e.Key, u.ContributorId, u.Sketch))).ToArray();
        }
    }
}
