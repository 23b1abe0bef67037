namespace FedChain.Aggregator.Chain;

/// <summary>How a commit landed.</summary>
/// <param name="TransactionHash">The transaction (0x hex), empty off-chain.</param>
/// <param name="GasUsed">Gas it used (0 off-chain).</param>
public sealed record CommitReceipt(string TransactionHash, long GasUsed);
