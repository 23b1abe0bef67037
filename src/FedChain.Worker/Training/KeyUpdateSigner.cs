using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Ledger;

namespace FedChain.Worker.Training;

/// <summary>Signs UpdateCommitments with the worker's own key under the ledger's EIP-712 domain.</summary>
public sealed class KeyUpdateSigner(EthereumKey key, UpdateCommitmentSigner commitments) : IUpdateSigner
{
    /// <inheritdoc />
    public string Address { get; } = key.Address.ToLowerString();

    /// <inheritdoc />
    public byte[] Sign(byte[] runId, int round, byte[] baseModelHash, byte[] updateHash, long numSamples, uint epsilonMicros) =>
        commitments.Sign(
            new UpdateCommitment(Bytes32.FromBytes(runId), (ulong)round, Bytes32.FromBytes(baseModelHash), Bytes32.FromBytes(updateHash), (ulong)numSamples, epsilonMicros),
            key);

    private readonly RunConsentSigner _consents = new(commitments.ChainId, commitments.Ledger);

    /// <inheritdoc />
    public byte[] SignConsent(byte[] runId, byte[] specHash) => _consents.Sign(Bytes32.FromBytes(runId), Bytes32.FromBytes(specHash), key);

    private readonly FeatureStatisticsSigner _statistics = new(commitments.ChainId, commitments.Ledger);

    /// <inheritdoc />
    public byte[] SignStatistics(byte[] runId, byte[] taskHash, byte[] statisticsHash) =>
        _statistics.Sign(Bytes32.FromBytes(runId), Bytes32.FromBytes(taskHash), Bytes32.FromBytes(statisticsHash), key);

    private readonly RoundDeclineSigner _declines = new(commitments.ChainId, commitments.Ledger);

    /// <inheritdoc />
    public byte[] SignDecline(byte[] runId, int round, byte[] reasonHash) =>
        _declines.Sign(Bytes32.FromBytes(runId), (ulong)round, Bytes32.FromBytes(reasonHash), key);

    private readonly HeartbeatSigner _heartbeats = new(commitments.ChainId, commitments.Ledger);

    /// <inheritdoc />
    public byte[] SignHeartbeat(string workerId, IReadOnlyList<string> models, long sampleCount, DateTimeOffset sentAt) =>
        _heartbeats.Sign(workerId, models, sampleCount, sentAt, key);

    /// <inheritdoc />
    public ulong SecretSeed(ReadOnlySpan<byte> context)
    {
        // A deterministic (RFC 6979) signature of a private context: reproducible for this site, secret to everyone else.
        var digest = System.Security.Cryptography.SHA256.HashData([.. "fedchain-dp-noise:"u8, .. context]);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(System.Security.Cryptography.SHA256.HashData(key.SignHash(digest)));
    }
}
