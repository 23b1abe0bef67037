using System.Numerics;
using FedChain.Ethereum.Rlp;

namespace FedChain.Ethereum.Signing;

/// <summary>Recovers the sender of a signed legacy (EIP-155) or type-2 transaction, for verification.</summary>
public static class TransactionDecoder
{
    /// <summary>Returns the address that signed a raw transaction.</summary>
    public static Address RecoverSender(ReadOnlySpan<byte> rawTransaction)
    {
        if (rawTransaction.Length == 0)
        {
            throw new FormatException("Raw transaction is empty.");
        }
        if (rawTransaction[0] == Eip1559Transaction.TransactionType)
        {
            var fields = RlpDecoder.Decode(rawTransaction[1..]).Items;
            if (fields.Count != 12)
            {
                throw new FormatException($"Type-2 transaction has {fields.Count} fields, expected 12.");
            }
            var unsigned = RlpEncoder.EncodeList(fields.Take(9).Select(RlpEncoder.Encode).ToArray());
            var hash = Keccak256.Hash([Eip1559Transaction.TransactionType, .. unsigned]);
            var signature = new EcdsaSignature(fields[10].ToBigInteger(), fields[11].ToBigInteger(), (byte)fields[9].ToBigInteger());
            return signature.RecoverAddress(hash);
        }
        if (rawTransaction[0] < 0xc0)
        {
            throw new FormatException($"Unsupported transaction type 0x{rawTransaction[0]:x2} (only legacy and type 2).");
        }
        var legacy = RlpDecoder.Decode(rawTransaction).Items;
        if (legacy.Count != 9)
        {
            throw new FormatException($"Legacy transaction has {legacy.Count} fields, expected 9.");
        }
        var v = legacy[6].ToBigInteger();
        byte[] signingPayload;
        byte recoveryId;
        if (v >= 35)
        {
            var chainId = (v - 35) / 2;
            recoveryId = (byte)((v - 35) % 2);
            signingPayload = RlpEncoder.EncodeList(
                [.. legacy.Take(6).Select(RlpEncoder.Encode), RlpEncoder.EncodeInteger(chainId), RlpEncoder.EncodeInteger(BigInteger.Zero), RlpEncoder.EncodeInteger(BigInteger.Zero)]);
        }
        else
        {
            recoveryId = (byte)(v - 27);
            signingPayload = RlpEncoder.EncodeList(legacy.Take(6).Select(RlpEncoder.Encode).ToArray());
        }
        var sig = new EcdsaSignature(legacy[7].ToBigInteger(), legacy[8].ToBigInteger(), recoveryId);
        return sig.RecoverAddress(Keccak256.Hash(signingPayload));
    }
}
