using System.Numerics;

namespace FedChain.Ethereum.Transactions;

/// <summary>What to send; the sender fills in nonce, fees and (unless given) the gas limit.</summary>
/// <param name="To">Recipient; null deploys <paramref name="Data"/> as init code.</param>
/// <param name="Data">Call data or init code.</param>
/// <param name="Value">Wei to transfer.</param>
/// <param name="GasLimit">Fixed gas limit, skipping estimation (and its revert pre-check).</param>
public sealed record TransactionRequest(Address? To, byte[] Data, BigInteger? Value = null, BigInteger? GasLimit = null);
