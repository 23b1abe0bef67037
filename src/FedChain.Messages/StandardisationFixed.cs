namespace FedChain.Messages;

/// <summary>
/// Event: the aggregator fixed a run's standardisation from the sites' merged statistics, before creating the run on the
/// ledger; its hash is in the run's spec.
/// </summary>
/// <param name="RunId">The run's bytes32 id.</param>
/// <param name="Round">Always 0.</param>
/// <param name="StandardisationHash">The standardisation's hash ("0x" + 64 hex).</param>
/// <param name="Included">The participants (addresses) whose statistics were merged, in merge order.</param>
public sealed record StandardisationFixed(string RunId, int Round, string StandardisationHash, IReadOnlyList<string> Included) : IRunMessage;
