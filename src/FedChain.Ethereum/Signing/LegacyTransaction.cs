using System.Numerics;
using FedChain.Ethereum.Rlp;

namespace FedChain.Ethereum.Signing;

/// <summary>A pre-EIP-2718 transaction signed with EIP-155 replay protection (v = recId + 35 + 2 * chainId).</summary>
/// <param name="Nonce">Sender nonce.</param>
/// <param name="GasPrice">Gas price in wei.</param>
/// <param name="GasLimit">Gas limit.</param>
/// <param name="To">Recipient; null creates a contract.</param>
/// <param name="Value">Wei transferred.</param>
/// <param name="Data">Call data or init code.</param>
/// <param name="ChainId">Chain id.</param>
public sealed record LegacyTransaction(BigInteger Nonce, BigInteger GasPrice, BigInteger GasLimit, Address? To, BigInteger Value, byte[] Data, BigInteger ChainId)
{
    /// <summary>Keccak-256 of rlp([nonce, gasPrice, gas, to, value, data, chainId, 0, 0]).</summary>
    public byte[] SigningHash() => Keccak256.Hash(RlpEncoder.EncodeList(
        [.. Fields(), RlpEncoder.EncodeInteger(ChainId), RlpEncoder.EncodeInteger(0), RlpEncoder.EncodeInteger(0)]));

    /// <summary>Signs and serializes: rlp([nonce, gasPrice, gas, to, value, data, v, r, s]).</summary>
    public SignedTransaction Sign(EthereumKey key)
    {
        var signature = key.SignHash(SigningHash());
        var v = signature.RecoveryId + 35 + 2 * ChainId;
        var raw = RlpEncoder.EncodeList(
            [.. Fields(), RlpEncoder.EncodeInteger(v), RlpEncoder.EncodeInteger(signature.R), RlpEncoder.EncodeInteger(signature.S)]);
        return new SignedTransaction(raw, Keccak256.Hash(raw));
    }

    private byte[][] Fields() =>
    [
        RlpEncoder.EncodeInteger(Nonce),
        RlpEncoder.EncodeInteger(GasPrice),
        RlpEncoder.EncodeInteger(GasLimit),
        RlpEncoder.EncodeBytes(To is null ? [] : To.ToBytes()),
        RlpEncoder.EncodeInteger(Value),
        RlpEncoder.EncodeBytes(Data),
    ];
}
