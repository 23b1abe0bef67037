using FedChain.Federation.Numerics;

namespace FedChain.Federation.Rounds;

/// <summary>Seeded, deterministic client sampling: same available set, seed and round give the same sample.</summary>
public static class ClientSampler
{
    /// <summary>
    /// Samples max(floor(available * fraction), min_fit) clients uniformly without replacement from the
    /// available ones (sorted first, so their order of arrival does not matter); none when fewer than
    /// min_available are available.
    /// </summary>
    public static ClientSelection Sample(IEnumerable<string> available, long round, ClientSampling sampling)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(sampling);
        sampling.Validate();
        var pool = available.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (pool.Count < sampling.MinAvailableClients)
        {
            return new ClientSelection([], pool.Count, $"round {round}: {pool.Count} clients available, at least {sampling.MinAvailableClients} required");
        }

        var count = Math.Min(pool.Count, Math.Max((int)Math.Floor(pool.Count * sampling.FractionFit), sampling.MinFitClients));
        var random = new SeededRandom(sampling.Seed, unchecked((ulong)round));
        random.PartialShuffle(pool, count);
        return new ClientSelection(pool.GetRange(0, count), pool.Count, $"round {round}: sampled {count} of {pool.Count} clients");
    }
}
