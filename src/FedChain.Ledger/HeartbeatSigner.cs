using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace FedChain.Ledger;

/// <summary>
/// Signs and recovers a worker's EIP-712 heartbeat, WorkerAvailable(workerId, modelsHash, sampleCount, sentAt), under the
/// ledger's domain, so the aggregator selects only sites that hold the key they name, as they describe themselves now
/// (sentAt bounds a replay). Checked off-chain only; recovery applies the contract's signature rules all the same
/// (<see cref="UpdateCommitmentSigner.SignatureProblem"/>).
/// </summary>
public sealed class HeartbeatSigner
{
    /// <summary>The EIP-712 type of a heartbeat.</summary>
    public const string TypeString = "WorkerAvailable(bytes32 workerId,bytes32 modelsHash,uint64 sampleCount,uint64 sentAt)";

    private const string PrimaryType = "WorkerAvailable";
    private readonly LedgerTypedData _typed;

    /// <summary>Creates a signer for the ledger at <paramref name="ledger"/> on chain <paramref name="chainId"/>.</summary>
    public HeartbeatSigner(BigInteger chainId, Address ledger) => _typed = new LedgerTypedData(chainId, ledger);

    /// <summary>The digest signed: the worker id and the model names as Keccak-256 of their UTF-8 text (names joined by newlines), sentAt in Unix milliseconds.</summary>
    public Bytes32 Digest(string workerId, IReadOnlyList<string> models, long sampleCount, DateTimeOffset sentAt) =>
        _typed.Digest(Message(workerId, models, sampleCount, sentAt), PrimaryType);

    /// <summary>Signs a heartbeat; returns the 65-byte r || s || v signature (low s, v 27/28).</summary>
    public byte[] Sign(string workerId, IReadOnlyList<string> models, long sampleCount, DateTimeOffset sentAt, EthereumKey key) =>
        _typed.Sign(Message(workerId, models, sampleCount, sentAt), PrimaryType, key);

    /// <summary>The account that signed the heartbeat; throws <see cref="FormatException"/> naming the rule a malformed signature breaks.</summary>
    public Address RecoverSigner(string workerId, IReadOnlyList<string> models, long sampleCount, DateTimeOffset sentAt, byte[] signature) =>
        _typed.Recover(Message(workerId, models, sampleCount, sentAt), PrimaryType, signature);

    private static HeartbeatMessage Message(string workerId, IReadOnlyList<string> models, long sampleCount, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        return new HeartbeatMessage
        {
            WorkerId = Bytes32.Keccak(workerId).ToBytes(),
            ModelsHash = Bytes32.Keccak(string.Join('\n', models)).ToBytes(),
            SampleCount = (ulong)sampleCount,
            SentAt = (ulong)Math.Max(0, sentAt.ToUnixTimeMilliseconds()),
        };
    }

    [Struct("WorkerAvailable")]
    private sealed class HeartbeatMessage
    {
        [Parameter("bytes32", "workerId", 1)]
        public byte[] WorkerId { get; set; } = [];

        [Parameter("bytes32", "modelsHash", 2)]
        public byte[] ModelsHash { get; set; } = [];

        [Parameter("uint64", "sampleCount", 3)]
        public ulong SampleCount { get; set; }

        [Parameter("uint64", "sentAt", 4)]
        public ulong SentAt { get; set; }
    }
}
