using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using Nethereum.ABI.FunctionEncoding.Attributes;

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

    private const string PrimaryType = "FeatureStatistics";
    private readonly LedgerTypedData _typed;

    /// <summary>Creates a signer for the ledger at <paramref name="ledger"/> on chain <paramref name="chainId"/>.</summary>
    public FeatureStatisticsSigner(BigInteger chainId, Address ledger) => _typed = new LedgerTypedData(chainId, ledger);

    /// <summary>The digest signed.</summary>
    public Bytes32 Digest(Bytes32 runId, Bytes32 taskHash, Bytes32 statisticsHash) => _typed.Digest(Message(runId, taskHash, statisticsHash), PrimaryType);

    /// <summary>Signs a report; returns the 65-byte r || s || v signature (low s, v 27/28).</summary>
    public byte[] Sign(Bytes32 runId, Bytes32 taskHash, Bytes32 statisticsHash, EthereumKey key) =>
        _typed.Sign(Message(runId, taskHash, statisticsHash), PrimaryType, key);

    /// <summary>The account that signed the report; throws <see cref="FormatException"/> naming the rule a malformed signature breaks.</summary>
    public Address RecoverSigner(Bytes32 runId, Bytes32 taskHash, Bytes32 statisticsHash, byte[] signature) =>
        _typed.Recover(Message(runId, taskHash, statisticsHash), PrimaryType, signature);

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
