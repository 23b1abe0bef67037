using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using Nethereum.ABI.EIP712;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using Nethereum.Util;

namespace FedChain.Ledger;

/// <summary>
/// The ledger's EIP-712 domain (name "FedChain", version "1", chain id, the ledger's address) and what every message
/// signed under it shares: its digest, its signature, and recovery under the contract's signature rules
/// (<see cref="UpdateCommitmentSigner.SignatureProblem"/>). The typed signers (update commitments, consents, feature
/// statistics) differ only in their message.
/// </summary>
internal sealed class LedgerTypedData(BigInteger chainId, Address ledger)
{
    /// <summary>The domain separator the contract computes.</summary>
    public Bytes32 DomainSeparator<TMessage>(string primaryType) =>
        Bytes32.FromBytes(Eip712TypedDataEncoder.Current.HashDomainSeparator(TypedData<TMessage>(primaryType)));

    /// <summary>The digest of <paramref name="message"/> (its struct type named <paramref name="primaryType"/>) under the domain.</summary>
    public Bytes32 Digest<TMessage>(TMessage message, string primaryType) =>
        Bytes32.FromBytes(Sha3Keccack.Current.CalculateHash(Eip712TypedDataEncoder.Current.EncodeTypedData(message, TypedData<TMessage>(primaryType))));

    /// <summary>Signs <paramref name="message"/>; returns the 65-byte r || s || v signature (low s, v 27/28) the contract accepts.</summary>
    public byte[] Sign<TMessage>(TMessage message, string primaryType, EthereumKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new Eip712TypedDataSigner().SignTypedDataV4(message, TypedData<TMessage>(primaryType), key.EcKey).HexToByteArray();
    }

    /// <summary>The account that signed <paramref name="message"/>; throws <see cref="FormatException"/> naming the rule a malformed signature breaks.</summary>
    public Address Recover<TMessage>(TMessage message, string primaryType, byte[] signature)
    {
        if (UpdateCommitmentSigner.SignatureProblem(signature) is { } problem)
        {
            throw new FormatException(problem);
        }

        var parsed = EthECDSASignatureFactory.FromComponents(signature[..32], signature[32..64], signature[64]);
        var recovered = EthECKey.RecoverFromSignature(parsed, Digest(message, primaryType).ToBytes())
            ?? throw new FormatException("signature recovers to no public key");
        return Address.Parse(recovered.GetPublicAddress().ToLowerInvariant());
    }

    // A new TypedData per call: Nethereum's encoder and signer store the message in the TypedData they are given
    // (SetMessage), so one shared instance let concurrent signs and verifications hash each other's messages.
    private TypedData<Domain> TypedData<TMessage>(string primaryType) => new()
    {
        Domain = new Domain { Name = "FedChain", Version = "1", ChainId = chainId, VerifyingContract = ledger.ToLowerString() },
        Types = MemberDescriptionFactory.GetTypesMemberDescription(typeof(Domain), typeof(TMessage)),
        PrimaryType = primaryType,
    };
}
