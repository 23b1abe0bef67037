using System.Numerics;

namespace FedChain.Ethereum.Transactions;

/// <summary>A mined transaction's receipt, in FedChain's types.</summary>
/// <param name="TransactionHash">Transaction hash.</param>
/// <param name="BlockNumber">Block it was mined in.</param>
/// <param name="From">Sender.</param>
/// <param name="ContractAddress">Created contract, for creations.</param>
/// <param name="Succeeded">Status 1 (true) or 0 (reverted).</param>
/// <param name="GasUsed">Gas used by this transaction.</param>
/// <param name="EffectiveGasPrice">Price paid per gas.</param>
public sealed record TransactionReceipt(string TransactionHash, BigInteger BlockNumber, Address From, Address? ContractAddress, bool Succeeded, BigInteger GasUsed, BigInteger EffectiveGasPrice)
{
    /// <summary>Converts Nethereum's receipt.</summary>
    internal static TransactionReceipt FromNethereum(Nethereum.RPC.Eth.DTOs.TransactionReceipt receipt) => new(
        receipt.TransactionHash,
        receipt.BlockNumber.Value,
        Address.Parse(receipt.From.ToLowerInvariant()),
        string.IsNullOrEmpty(receipt.ContractAddress) ? null : Address.Parse(receipt.ContractAddress.ToLowerInvariant()),
        receipt.Status?.Value == BigInteger.One,
        receipt.GasUsed.Value,
        receipt.EffectiveGasPrice?.Value ?? BigInteger.Zero);
}
