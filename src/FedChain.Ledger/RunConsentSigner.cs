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
/// Signs and verifies a participant's EIP-712 RunConsent(runId, specHash) under the ledger's domain (name "FedChain",
/// version "1", chain id, the ledger): the same domain as update commitments, so a consent cannot be replayed on
/// another chain or ledger, and the ledger checks the spec hash is the run's, so not for another run either.
/// Recovery applies the contract's signature rules (<see cref="UpdateCommitmentSigner.SignatureProblem"/>).
/// </summary>
public sealed class RunConsentSigner
{
    /// <summary>The EIP-712 type of a consent.</summary>
    public const string TypeString = "RunConsent(bytes32 runId,bytes32 specHash)";

    private readonly BigInteger _chainId;
    private readonly Address _ledger;

    /// <summary>Creates a signer for the ledger at <paramref name="ledger"/> on chain <paramref name="chainId"/>.</summary>
    public RunConsentSigner(BigInteger chainId, Address ledger)
    {
        _chainId = chainId;
        _ledger = ledger;
    }

    /// <summary>The digest signed (equals the ledger's hashRunConsent(runId, specHash)).</summary>
    public Bytes32 Digest(Bytes32 runId, Bytes32 specHash) =>
        Bytes32.FromBytes(Sha3Keccack.Current.CalculateHash(Eip712TypedDataEncoder.Current.EncodeTypedData(Message(runId, specHash), TypedData())));

    /// <summary>Signs a consent; returns the 65-byte r || s || v signature (low s, v 27/28) the ledger verifies.</summary>
    public byte[] Sign(Bytes32 runId, Bytes32 specHash, EthereumKey key) =>
        new Eip712TypedDataSigner().SignTypedDataV4(Message(runId, specHash), TypedData(), key.EcKey).HexToByteArray();

    /// <summary>True when <paramref name="signature"/> is one the ledger accepts, of this consent, by <paramref name="expectedSigner"/>.</summary>
    public bool Verify(Bytes32 runId, Bytes32 specHash, byte[] signature, Address expectedSigner)
    {
        if (UpdateCommitmentSigner.SignatureProblem(signature) is not null)
        {
            return false;
        }
        try
        {
            var parsed = EthECDSASignatureFactory.FromComponents(signature[..32], signature[32..64], signature[64]);
            var recovered = EthECKey.RecoverFromSignature(parsed, Digest(runId, specHash).ToBytes());
            return recovered is not null && Address.Parse(recovered.GetPublicAddress().ToLowerInvariant()) == expectedSigner;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }

    // A new TypedData per call: Nethereum's encoder and signer store the message in the TypedData they are given
    // (SetMessage), so one shared instance let concurrent signs and verifications hash each other's messages.
    private TypedData<Domain> TypedData() => new()
    {
        Domain = new Domain { Name = "FedChain", Version = "1", ChainId = _chainId, VerifyingContract = _ledger.ToLowerString() },
        Types = MemberDescriptionFactory.GetTypesMemberDescription(typeof(Domain), typeof(RunConsentMessage)),
        PrimaryType = "RunConsent",
    };

    private static RunConsentMessage Message(Bytes32 runId, Bytes32 specHash) => new() { RunId = runId.ToBytes(), SpecHash = specHash.ToBytes() };

    [Struct("RunConsent")]
    private sealed class RunConsentMessage
    {
        [Parameter("bytes32", "runId", 1)]
        public byte[] RunId { get; set; } = [];

        [Parameter("bytes32", "specHash", 2)]
        public byte[] SpecHash { get; set; } = [];
    }
}
