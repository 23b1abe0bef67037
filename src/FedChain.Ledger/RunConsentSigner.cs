using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using Nethereum.ABI.FunctionEncoding.Attributes;

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

    private const string PrimaryType = "RunConsent";
    private readonly LedgerTypedData _typed;

    /// <summary>Creates a signer for the ledger at <paramref name="ledger"/> on chain <paramref name="chainId"/>.</summary>
    public RunConsentSigner(BigInteger chainId, Address ledger) => _typed = new LedgerTypedData(chainId, ledger);

    /// <summary>The digest signed (equals the ledger's hashRunConsent(runId, specHash)).</summary>
    public Bytes32 Digest(Bytes32 runId, Bytes32 specHash) => _typed.Digest(Message(runId, specHash), PrimaryType);

    /// <summary>Signs a consent; returns the 65-byte r || s || v signature (low s, v 27/28) the ledger verifies.</summary>
    public byte[] Sign(Bytes32 runId, Bytes32 specHash, EthereumKey key) => _typed.Sign(Message(runId, specHash), PrimaryType, key);

    /// <summary>True when <paramref name="signature"/> is one the ledger accepts, of this consent, by <paramref name="expectedSigner"/>.</summary>
    public bool Verify(Bytes32 runId, Bytes32 specHash, byte[] signature, Address expectedSigner)
    {
        try
        {
            return _typed.Recover(Message(runId, specHash), PrimaryType, signature) == expectedSigner;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }

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
