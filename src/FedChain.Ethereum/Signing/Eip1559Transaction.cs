using System.Numerics;
using FedChain.Ethereum.Rlp;

namespace FedChain.Ethereum.Signing;

/// <summary>An EIP-1559 (type 2) transaction.</summary>
/// <param name="ChainId">Chain id.</param>
/// <param name="Nonce">Sender nonce.</param>
/// <param name="MaxPriorityFeePerGas">Tip per gas in wei.</param>
/// <param name="MaxFeePerGas">Fee cap per gas in wei (base fee + tip must fit).</param>
/// <param name="GasLimit">Gas limit.</param>
/// <param name="To">Recipient; null creates a contract.</param>
/// <param name="Value">Wei transferred.</param>
/// <param name="Data">Call data or init code.</param>
/// <param name="AccessList">EIP-2930 access list (usually empty).</param>
public sealed record Eip1559Transaction(
    BigInteger ChainId,
    BigInteger Nonce,
    BigInteger MaxPriorityFeePerGas,
    BigInteger MaxFeePerGas,
    BigInteger GasLimit,
    Address? To,
    BigInteger Value,
    byte[] Data,
    IReadOnlyList<AccessListEntry>? AccessList = null)
{
    /// <summary>The EIP-2718 type byte.</summary>
    public const byte TransactionType = 0x02;

    /// <summary>Keccak-256 of 0x02 || rlp([chainId, nonce, tip, feeCap, gas, to, value, data, accessList]).</summary>
    public byte[] SigningHash() => Keccak256.Hash([TransactionType, .. RlpEncoder.EncodeList(Fields())]);

    /// <summary>Signs and serializes: 0x02 || rlp([..., yParity, r, s]).</summary>
    public SignedTransaction Sign(EthereumKey key)
    {
        var signature = key.SignHash(SigningHash());
        if (signature.RecoveryId > 1)
        {
            throw new InvalidOperationException("Signature recovery id > 1 cannot be expressed as a y-parity; re-sign with a different nonce.");
        }
        byte[] raw = [TransactionType, .. RlpEncoder.EncodeList(
            [.. Fields(), RlpEncoder.EncodeInteger(signature.RecoveryId), RlpEncoder.EncodeInteger(signature.R), RlpEncoder.EncodeInteger(signature.S)])];
        return new SignedTransaction(raw, Keccak256.Hash(raw));
    }

    private byte[][] Fields() =>
    [
        RlpEncoder.EncodeInteger(ChainId),
        RlpEncoder.EncodeInteger(Nonce),
        RlpEncoder.EncodeInteger(MaxPriorityFeePerGas),
        RlpEncoder.EncodeInteger(MaxFeePerGas),
        RlpEncoder.EncodeInteger(GasLimit),
        RlpEncoder.EncodeBytes(To is null ? [] : To.ToBytes()),
        RlpEncoder.EncodeInteger(Value),
        RlpEncoder.EncodeBytes(Data),
        RlpEncoder.EncodeList((AccessList ?? []).Select(e => RlpEncoder.EncodeList(
            RlpEncoder.EncodeBytes(e.Address.ToBytes()),
            RlpEncoder.EncodeList(e.StorageKeys.Select(k => RlpEncoder.EncodeBytes(k.Span)).ToArray()))).ToArray()),
    ];
}
