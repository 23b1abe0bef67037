using System.Collections.Concurrent;
using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ledger;

namespace FedChain.Aggregator.Chain;

/// <summary>
/// The ledger of a pure simulation (`--no-chain`): signatures are still checked under the same
/// EIP-712 domain and rounds still must come in order, but nothing leaves the process.
/// </summary>
public sealed class OffChainRoundLedger(long chainId, Address domainContract, IReadOnlyCollection<string> participants) : IRoundLedger
{
    private readonly UpdateCommitmentSigner _commitments = new(chainId, domainContract);
    private readonly RunConsentSigner _consentSigner = new(chainId, domainContract);
    private readonly FeatureStatisticsSigner _statistics = new(chainId, domainContract);
    private readonly RoundDeclineSigner _declines = new(chainId, domainContract);
    private readonly HeartbeatSigner _heartbeats = new(chainId, domainContract);
    private readonly ConcurrentDictionary<(string Run, string Address), int> _consents = new();
    private readonly HashSet<string> _participants = new(participants, StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _lastRounds = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Describe() => $"off-chain simulation (signing domain: chain {chainId}, contract {domainContract})";

    /// <inheritdoc />
    public Task CreateRunAsync(byte[] runId, byte[] specHash, byte[] initialModelHash, BigInteger maxRewardPerRound, CancellationToken cancellationToken) =>
        _lastRounds.TryAdd(Convert.ToHexString(runId), 0)
            ? Task.CompletedTask
            : throw new InvalidOperationException($"run 0x{Convert.ToHexStringLower(runId)} exists already");

    /// <inheritdoc />
    public Task<int> LastRoundAsync(byte[] runId, CancellationToken cancellationToken) =>
        Task.FromResult(_lastRounds.GetValueOrDefault(Convert.ToHexString(runId)));

    /// <inheritdoc />
    public Task<bool> IsActiveParticipantAsync(string address, CancellationToken cancellationToken) =>
        Task.FromResult(_participants.Contains(address));

    /// <inheritdoc />
    public Task<bool> HasConsentAsync(byte[] runId, string address, int round, CancellationToken cancellationToken) =>
        Task.FromResult(_consents.TryGetValue((Convert.ToHexString(runId), address.ToLowerInvariant()), out var from) && round >= from);

    /// <inheritdoc />
    public bool VerifyConsent(byte[] runId, byte[] specHash, string address, byte[] signature) =>
        _consentSigner.Verify(Bytes32.FromBytes(runId), Bytes32.FromBytes(specHash), signature, Address.Parse(address));

    /// <inheritdoc />
    public Task RelayConsentAsync(byte[] runId, string address, byte[] signature, CancellationToken cancellationToken)
    {
        // As the contract: consent counts from the next round to be committed.
        var run = Convert.ToHexString(runId);
        _consents.TryAdd((run, address.ToLowerInvariant()), _lastRounds.GetValueOrDefault(run) + 1);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public string RecoverSigner(UpdateCommitment commitment, byte[] signature) =>
        _commitments.RecoverSigner(commitment, signature).ToLowerString();

    /// <inheritdoc />
    public string RecoverStatisticsSigner(byte[] runId, byte[] taskHash, byte[] statisticsHash, byte[] signature) =>
        _statistics.RecoverSigner(Bytes32.FromBytes(runId), Bytes32.FromBytes(taskHash), Bytes32.FromBytes(statisticsHash), signature).ToLowerString();

    /// <inheritdoc />
    public string RecoverDeclineSigner(byte[] runId, int round, byte[] reasonHash, byte[] signature) =>
        _declines.RecoverSigner(Bytes32.FromBytes(runId), (ulong)round, Bytes32.FromBytes(reasonHash), signature).ToLowerString();

    /// <inheritdoc />
    public string RecoverHeartbeatSigner(string workerId, IReadOnlyList<string> models, long sampleCount, DateTimeOffset sentAt, byte[] signature) =>
        _heartbeats.RecoverSigner(workerId, models, sampleCount, sentAt, signature).ToLowerString();

    /// <inheritdoc />
    public Task<CommitReceipt> CommitRoundAsync(RoundCommitRequest request, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(request.RunId);
        var last = _lastRounds.GetValueOrDefault(key);
        if (request.Round != last + 1)
        {
            throw new InvalidOperationException($"round {request.Round} out of order: last committed round is {last}");
        }

        _lastRounds[key] = request.Round;
        return Task.FromResult(new CommitReceipt(string.Empty, 0));
    }
}
