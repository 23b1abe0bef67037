using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using Nethereum.ABI.EIP712;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using Nethereum.Util;

namespace FedChain.Ledger;

/// <summary>
/// Signs and recovers a site's EIP-712 FeatureStatistics(runId, taskHash, statisticsHash) under the ledger's domain, so the
/// aggregator merges only statistics a registered participant vouched for, for this run and task (never replayed into
/// another). It is checked off-chain only; recovery applies the contract's signature rules all the same
/// (<see cref="UpdateCommitmentSigner.SignatureProblem"/>).
/// </summary>
public sealed class FeatureStatisticsSigner
{
    /// <summary>The EIP-712 type of a statistics report.</summary>
    public const string TypeString = "FeatureStatistics(bytes32 runId,bytes32 taskHash,bytes32 statisticsHash)";

    private readonly BigInteger _chainId;
    private readonly Address _ledger;

    /// <summary>Creates a signer for the ledger at <paramref name="ledger"/> on chain <paramref name="chainId"/>.</summary>
    public FeatureStatisticsSigner(BigInteger chainId, Address ledger)
    {
        _chainId = chainId;
        _ledger = ledger;
    }

    /// <summary>The digest signed.</summary>
    public Bytes32 Digest(Bytes32 runId, Bytes32 taskHash, Bytes32 statisticsHash) =>
        Bytes32.FromBytes(Sha3Keccack.Current.CalculateHash(Eip712TypedDataEncoder.Current.EncodeTypedData(Message(runId, taskHash, statisticsHash), TypedData())));

    /// <summary>Signs a report; returns the 65-byte r || s || v signature (low s, v 27/28).</summary>
    public byte[] Sign(Bytes32 runId, Bytes32 taskHash, Bytes32 statisticsHash, EthereumKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new Eip712TypedDataSigner().SignTypedDataV4(Message(runId, taskHash, statisticsHash), TypedData(), key.EcKey).HexToByteArray();
    }

    /// <summary>The account that signed the report; throws <see cref="FormatException"/> naming the rule a malformed signature breaks.</summary>
    public Address RecoverSigner(Bytes32 runId, Bytes32 taskHash, Bytes32 statisticsHash, byte[] signature)
    {
        if (UpdateCommitmentSigner.SignatureProblem(signature) is { } problem)
        {
            throw new FormatException(problem);
        }

        var parsed = EthECDSASignatureFactory.FromComponents(signature[..32], signature[32..64], signature[64]);
        var recovered = EthECKey.RecoverFromSignature(parsed, Digest(runId, taskHash, statisticsHash).ToBytes())
            ?? throw new FormatException("signature recovers to no public key");
        return Address.Parse(recovered.GetPublicAddress().ToLowerInvariant());
    }

    // A new TypedData per call, as in UpdateCommitmentSigner: Nethereum stores the message in the TypedData it is given.
    private TypedData<Domain> TypedData() => new()
    {
        Domain = new Domain { Name = "FedChain", Version = "1", ChainId = _chainId, VerifyingContract = _ledger.ToLowerString() },
        Types = MemberDescriptionFactory.GetTypesMemberDescription(typeof(Domain), typeof(FeatureStatisticsMessage)),
        PrimaryType = "FeatureStatistics",
    };

    private static FeatureStatisticsMessage Message(Bytes32 runId, Bytes32 taskHash, Bytes32 statisticsHash) =>
        new() { RunId = runId.ToBytes(), TaskHash = taskHash.ToBytes(), StatisticsHash = statisticsHash.ToBytes() };

    [Struct("FeatureStatistics")]
    private sealed class FeatureStatisticsMessage
    {
        [Parameter("bytes32", "runId", 1)]
        public byte[] RunId { get; set; } = [];

        [Parameter("bytes32", "taskHash", 2)]
        public byte[] TaskHash { get; set; } = [];

        [Parameter("bytes32", "statisticsHash", 3)]
        public byte[] StatisticsHash { get; set; } = [];
    }
}
