using System.Text.Json;
using FedChain.Aggregator.State;
using FedChain.Messages;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// The epsilon a contributor's site signed for a round (in its UpdateCommitment, checked before the update was stored), read
/// back from its stored update's metrics, for the commit.
/// </summary>
internal static class ContributionEpsilon
{
    /// <summary>The reported micro-epsilon of <paramref name="address"/>'s stored update in the round (0 when none or no DP).</summary>
    public static uint Of(AggregatorStore store, string runId, int round, string address)
    {
        var update = store.GetUpdates(runId, round).FirstOrDefault(u => string.Equals(u.Address, address, StringComparison.OrdinalIgnoreCase));
        return update is null ? 0 : JsonSerializer.Deserialize<LocalTrainingMetrics>(update.MetricsJson)?.EpsilonMicros ?? 0;
    }
}
