using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace FedChain.Ledger;

/// <summary>
/// Signs and recovers a site's EIP-712 RoundDeclined(runId, round, reasonHash) under the ledger's domain: a selected site
/// that will not train a round (its consent, privacy terms or budget, a model it cannot verify) says so, and the
/// aggregator stops waiting for it only when the participant's own key says so, for this run and round. It is checked
/// off-chain only; recovery applies the contract's signature rules all the same (<see cref="UpdateCommitmentSigner.SignatureProblem"/>).
/// </summary>
public sealed class RoundDeclineSigner
{
    /// <summary>The EIP-712 type of a declined round.</summary>
    public const string TypeString = "RoundDeclined(bytes32 runId,uint64 round,bytes32 reasonHash)";

    private const string PrimaryType = "RoundDeclined";
    private readonly LedgerTypedData _typed;

    /// <summary>Creates a signer for the ledger at <paramref name="ledger"/> on chain <paramref name="chainId"/>.</summary>
    public RoundDeclineSigner(BigInteger chainId, Address ledger) => _typed = new LedgerTypedData(chainId, ledger);

    /// <summary>The hash of a reason as signed: Keccak-256 of its UTF-8 text.</summary>
    public static Bytes32 ReasonHash(string reason) => Bytes32.Keccak(reason);

    /// <summary>The digest signed.</summary>
    public Bytes32 Digest(Bytes32 runId, ulong round, Bytes32 reasonHash) => _typed.Digest(Message(runId, round, reasonHash), PrimaryType);

    /// <summary>Signs a decline; returns the 65-byte r || s || v signature (low s, v 27/28).</summary>
    public byte[] Sign(Bytes32 runId, ulong round, Bytes32 reasonHash, EthereumKey key) => _typed.Sign(Message(runId, round, reasonHash), PrimaryType, key);

    /// <summary>The account that signed the decline; throws <see cref="FormatException"/> naming the rule a malformed signature breaks.</summary>
    public Address RecoverSigner(Bytes32 runId, ulong round, Bytes32 reasonHash, byte[] signature) =>
        _typed.Recover(Message(runId, round, reasonHash), PrimaryType, signature);

    private static RoundDeclinedMessage Message(Bytes32 runId, ulong round, Bytes32 reasonHash) =>
        new() { RunId = runId.ToBytes(), Round = round, ReasonHash = reasonHash.ToBytes() };

    [Struct("RoundDeclined")]
    private sealed class RoundDeclinedMessage
    {
        [Parameter("bytes32", "runId", 1)]
        public byte[] RunId { get; set; } = [];

        [Parameter("uint64", "round", 2)]
        public ulong Round { get; set; }

        [Parameter("bytes32", "reasonHash", 3)]
        public byte[] ReasonHash { get; set; } = [];
    }
}
