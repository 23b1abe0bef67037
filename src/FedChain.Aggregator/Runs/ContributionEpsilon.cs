using System.Text.Json;
using FedChain.Aggregator.State;
using FedChain.Messages;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// The epsilon a contributor's site signed for a round (in its UpdateCommitment, checked before the update was stored), read
/// back from its stored update's metrics into the round's result, which the commit then records on-chain.
/// </summary>
internal static class ContributionEpsilon
{
    /// <summary>The reported micro-epsilon of a stored update (0 when its site applied no DP).</summary>
    public static uint Of(AcceptedUpdate update) => JsonSerializer.Deserialize<LocalTrainingMetrics>(update.MetricsJson)?.EpsilonMicros ?? 0;
}
