using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;

namespace FedChain.Ledger;

/// <summary>
/// Signs and verifies <see cref="UpdateCommitment"/>s under the ledger's EIP-712 domain
/// (name "FedChain", version "1", chain id, verifying contract = the ledger).
/// </summary>
public sealed class UpdateCommitmentSigner
{
    /// <summary>The EIP-712 type of the commitment.</summary>
    public const string TypeString = "UpdateCommitment(bytes32 runId,uint64 round,bytes32 baseModelHash,bytes32 updateHash,uint64 numSamples)";

    private static readonly IReadOnlyList<TypedDataField> Fields =
    [
        new("runId", "bytes32"),
        new("round", "uint64"),
        new("baseModelHash", "bytes32"),
        new("updateHash", "bytes32"),
        new("numSamples", "uint64"),
    ];

    private readonly byte[] _domainSeparator;

    /// <summary>Creates a signer for the ledger at <paramref name="ledger"/> on chain <paramref name="chainId"/>.</summary>
    public UpdateCommitmentSigner(BigInteger chainId, Address ledger)
    {
        Domain = new Eip712Domain("FedChain", "1", chainId, ledger);
        _domainSeparator = Domain.Separator();
    }

    /// <summary>The EIP-712 domain.</summary>
    public Eip712Domain Domain { get; }

    /// <summary>The domain separator (equals the ledger's DOMAIN_SEPARATOR()).</summary>
    public Bytes32 DomainSeparator => Bytes32.FromBytes(_domainSeparator);

    /// <summary>The digest signed (equals the ledger's hashUpdateCommitment(...)).</summary>
    public Bytes32 Digest(UpdateCommitment commitment)
    {
        var types = new Dictionary<string, IReadOnlyList<TypedDataField>> { ["UpdateCommitment"] = Fields };
        var values = new Dictionary<string, object?>
        {
            ["runId"] = commitment.RunId,
            ["round"] = commitment.Round,
            ["baseModelHash"] = commitment.BaseModelHash,
            ["updateHash"] = commitment.UpdateHash,
            ["numSamples"] = commitment.NumSamples,
        };
        return Bytes32.FromBytes(Eip712Encoder.Digest(_domainSeparator, Eip712Encoder.HashStruct(types, "UpdateCommitment", values)));
    }

    /// <summary>Signs a commitment; returns the 65-byte r || s || v signature the ledger verifies.</summary>
    public byte[] Sign(UpdateCommitment commitment, EthereumKey key) => key.SignHash(Digest(commitment).ToBytes()).ToBytes();

    /// <summary>The account that signed <paramref name="signature"/> over the commitment.</summary>
    public Address RecoverSigner(UpdateCommitment commitment, byte[] signature) =>
        EcdsaSignature.FromBytes(signature).RecoverAddress(Digest(commitment).ToBytes());

    /// <summary>True when <paramref name="signature"/> is a low-s signature of the commitment by <paramref name="expectedSigner"/>.</summary>
    public bool Verify(UpdateCommitment commitment, byte[] signature, Address expectedSigner)
    {
        try
        {
            var parsed = EcdsaSignature.FromBytes(signature);
            return parsed.IsLowS && parsed.RecoverAddress(Digest(commitment).ToBytes()) == expectedSigner;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
