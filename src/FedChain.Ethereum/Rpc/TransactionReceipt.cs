using System.Numerics;

namespace FedChain.Ethereum.Rpc;

/// <summary>A mined transaction's receipt.</summary>
/// <param name="TransactionHash">Transaction hash.</param>
/// <param name="BlockNumber">Block it was mined in.</param>
/// <param name="BlockHash">Hash of that block.</param>
/// <param name="From">Sender.</param>
/// <param name="To">Recipient (null for a creation).</param>
/// <param name="ContractAddress">Created contract, for creations.</param>
/// <param name="Succeeded">Status 1 (true) or 0 (reverted).</param>
/// <param name="GasUsed">Gas used by this transaction.</param>
/// <param name="EffectiveGasPrice">Price paid per gas.</param>
/// <param name="Logs">Emitted logs.</param>
public sealed record TransactionReceipt(
    string TransactionHash,
    BigInteger BlockNumber,
    string BlockHash,
    Address From,
    Address? To,
    Address? ContractAddress,
    bool Succeeded,
    BigInteger GasUsed,
    BigInteger EffectiveGasPrice,
    IReadOnlyList<LogEntry> Logs);
