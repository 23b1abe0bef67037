using System.Numerics;

namespace FedChain.Ethereum.Rpc;

/// <summary>The transaction-like object of eth_call and eth_estimateGas.</summary>
/// <param name="To">Target contract; null for a creation.</param>
/// <param name="Data">Call data.</param>
/// <param name="From">Sender (affects msg.sender and access control).</param>
/// <param name="Value">Wei sent.</param>
/// <param name="Gas">Gas limit, or null for the node's default.</param>
public sealed record CallRequest(Address? To, byte[] Data, Address? From = null, BigInteger? Value = null, BigInteger? Gas = null);
