using FedChain.Federation.Rounds;
using FedChain.Federation.Validation;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// The in-memory side of the round being collected; rebuilt from the store after a restart. Accepted
/// updates live in the store, not here: the round is aggregated from there when it closes.
/// </summary>
/// <param name="Number">The round.</param>
/// <param name="Tracker">Deadline and quorum.</param>
/// <param name="Validator">Identity, hash, layout, finiteness and norm checks.</param>
/// <param name="BaseModelHash">The global model the round trains from (0x hex).</param>
internal sealed record OpenRound(int Number, RoundTracker Tracker, UpdateValidator Validator, string BaseModelHash)
{
    /// <summary>Addresses already counted, so one key cannot contribute twice under two worker ids.</summary>
    public Dictionary<string, string> AddressToWorker { get; } = new(StringComparer.OrdinalIgnoreCase);
}
