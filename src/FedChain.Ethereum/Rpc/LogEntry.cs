using System.Numerics;

namespace FedChain.Ethereum.Rpc;

/// <summary>An event log as returned by receipts and eth_getLogs.</summary>
/// <param name="Address">Emitting contract.</param>
/// <param name="Topics">Topics (topic0 is the event signature hash unless anonymous).</param>
/// <param name="Data">Non-indexed data.</param>
/// <param name="BlockNumber">Block of the log.</param>
/// <param name="TransactionHash">Transaction that emitted it.</param>
/// <param name="LogIndex">Index within the block.</param>
public sealed record LogEntry(Address Address, IReadOnlyList<byte[]> Topics, byte[] Data, BigInteger BlockNumber, string TransactionHash, BigInteger LogIndex);
