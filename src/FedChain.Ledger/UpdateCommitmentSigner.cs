using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace FedChain.Ledger;

/// <summary>
/// Signs and verifies <see cref="UpdateCommitment"/>s under the ledger's EIP-712 domain (name "FedChain", version "1",
/// chain id, verifying contract = the ledger) with Nethereum's typed-data signer. Recovery applies the contract's
/// rules (OpenZeppelin ECDSA: 65 bytes, low s, v of 27 or 28), so what this accepts is exactly what the ledger accepts.
/// </summary>
public sealed class UpdateCommitmentSigner
{
    /// <summary>The EIP-712 type of the commitment.</summary>
    public const string TypeString = "UpdateCommitment(bytes32 runId,uint64 round,bytes32 baseModelHash,bytes32 updateHash,uint64 numSamples,uint32 epsilonMicros)";

    // secp256k1's n / 2: OpenZeppelin's ECDSA.recover refuses s above it (the malleable twin of every signature).
    private static readonly BigInteger HalfCurveOrder = BigInteger.Parse("07FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private const string PrimaryType = "UpdateCommitment";
    private readonly LedgerTypedData _typed;

    /// <summary>Creates a signer for the ledger at <paramref name="ledger"/> on chain <paramref name="chainId"/>.</summary>
    public UpdateCommitmentSigner(BigInteger chainId, Address ledger)
    {
        ChainId = chainId;
        Ledger = ledger;
        _typed = new LedgerTypedData(chainId, ledger);
        DomainSeparator = _typed.DomainSeparator<UpdateCommitmentMessage>(PrimaryType);
    }

    /// <summary>The domain's chain id.</summary>
    public BigInteger ChainId { get; }

    /// <summary>The domain's verifying contract (the ledger).</summary>
    public Address Ledger { get; }

    /// <summary>The domain separator (equals the ledger's DOMAIN_SEPARATOR()).</summary>
    public Bytes32 DomainSeparator { get; }

    /// <summary>The digest signed (equals the ledger's hashUpdateCommitment(...)).</summary>
    public Bytes32 Digest(UpdateCommitment commitment) =>
        _typed.Digest(Message(commitment), PrimaryType);

    /// <summary>Signs a commitment; returns the 65-byte r || s || v signature (low s, v 27/28) the ledger verifies.</summary>
    public byte[] Sign(UpdateCommitment commitment, EthereumKey key) =>
        _typed.Sign(Message(commitment), PrimaryType, key);

    /// <summary>
    /// The account that signed <paramref name="signature"/> over the commitment. Throws <see cref="FormatException"/>
    /// naming the rule for a signature the contract would refuse (not 65 bytes, high s, v not 27/28).
    /// </summary>
    public Address RecoverSigner(UpdateCommitment commitment, byte[] signature) => _typed.Recover(Message(commitment), PrimaryType, signature);

    /// <summary>True when <paramref name="signature"/> is a signature the ledger accepts, of the commitment, by <paramref name="expectedSigner"/>.</summary>
    public bool Verify(UpdateCommitment commitment, byte[] signature, Address expectedSigner)
    {
        try
        {
            return RecoverSigner(commitment, signature) == expectedSigner;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Why the contract would refuse <paramref name="signature"/> before recovering it (null when it passes its rules).</summary>
    public static string? SignatureProblem(byte[]? signature)
    {
        if (signature is null || signature.Length != 65)
        {
            return $"signature is {signature?.Length ?? 0} bytes; the ledger accepts only 65-byte r || s || v signatures";
        }
        var s = new BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        if (s > HalfCurveOrder)
        {
            return "signature has a high s (the malleable twin of a valid signature); the ledger accepts only low-s signatures";
        }
        var v = signature[64];
        return v is 27 or 28 ? null : $"signature has v = {v}; the ledger accepts only v = 27 or 28";
    }

    private static UpdateCommitmentMessage Message(UpdateCommitment c) => new()
    {
        RunId = c.RunId.ToBytes(),
        Round = c.Round,
        BaseModelHash = c.BaseModelHash.ToBytes(),
        UpdateHash = c.UpdateHash.ToBytes(),
        NumSamples = c.NumSamples,
        EpsilonMicros = c.EpsilonMicros,
    };

    [Struct("UpdateCommitment")]
    private sealed class UpdateCommitmentMessage
    {
        [Parameter("bytes32", "runId", 1)]
        public byte[] RunId { get; set; } = [];

        [Parameter("uint64", "round", 2)]
        public ulong Round { get; set; }

        [Parameter("bytes32", "baseModelHash", 3)]
        public byte[] BaseModelHash { get; set; } = [];

        [Parameter("bytes32", "updateHash", 4)]
        public byte[] UpdateHash { get; set; } = [];

        [Parameter("uint64", "numSamples", 5)]
        public ulong NumSamples { get; set; }

        [Parameter("uint32", "epsilonMicros", 6)]
        public uint EpsilonMicros { get; set; }
    }
}
