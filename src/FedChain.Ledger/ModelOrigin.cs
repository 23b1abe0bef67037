using FedChain.Ethereum;

namespace FedChain.Ledger;

/// <summary>The run and round that produced a model (round 0: the run's initial model).</summary>
/// <param name="RunId">Run id.</param>
/// <param name="Round">Round number.</param>
public sealed record ModelOrigin(Bytes32 RunId, ulong Round);
