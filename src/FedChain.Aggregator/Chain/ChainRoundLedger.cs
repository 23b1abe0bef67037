using System.Collections.Concurrent;
using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ledger;

namespace FedChain.Aggregator.Chain;

/// <summary>The aggregator's ledger on a real chain: FedChainLedger through <see cref="LedgerService"/>, sent with the coordinator's key.</summary>
public sealed class ChainRoundLedger(LedgerService ledger, long chainId) : IRoundLedger
{
    // Participants are cached for a short while: one RPC per update would dominate small rounds,
    // and the contract re-checks every signer at commit time anyway.
    private static readonly TimeSpan ParticipantCacheTime = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (bool Active, DateTimeOffset At)> _participants = new(StringComparer.OrdinalIgnoreCase);

    // Built once, not per message: every site sends a heartbeat every few seconds.
    private readonly HeartbeatSigner _heartbeats = new(ledger.Commitments.ChainId, ledger.Commitments.Ledger);
    private readonly RoundDeclineSigner _declines = new(ledger.Commitments.ChainId, ledger.Commitments.Ledger);

    /// <inheritdoc />
    public string Describe() => $"chain {chainId}, ledger {ledger.LedgerAddress}";

    /// <inheritdoc />
    public async Task CreateRunAsync(byte[] runId, byte[] specHash, byte[] initialModelHash, BigInteger maxRewardPerRound, CancellationToken cancellationToken) =>
        await ledger.CreateRunAsync(Bytes32.FromBytes(runId), Bytes32.FromBytes(specHash), Bytes32.FromBytes(initialModelHash), maxRewardPerRound, cancellationToken);

    /// <inheritdoc />
    public async Task<int> LastRoundAsync(byte[] runId, CancellationToken cancellationToken) =>
        checked((int)await ledger.LastRoundAsync(Bytes32.FromBytes(runId), cancellationToken));

    /// <inheritdoc />
    public async Task<bool> IsActiveParticipantAsync(string address, CancellationToken cancellationToken)
    {
        if (_participants.TryGetValue(address, out var cached) && DateTimeOffset.UtcNow - cached.At < ParticipantCacheTime)
        {
            return cached.Active;
        }

        var active = await ledger.Ledger.IsParticipantAsync(Address.Parse(address), cancellationToken);
        _participants[address] = (active, DateTimeOffset.UtcNow);
        return active;
    }

    /// <inheritdoc />
    public Task<bool> HasConsentAsync(byte[] runId, string address, int round, CancellationToken cancellationToken) =>
        ledger.Ledger.HasConsentAsync(Bytes32.FromBytes(runId), Address.Parse(address), (ulong)round, cancellationToken);

    /// <inheritdoc />
    public bool VerifyConsent(byte[] runId, byte[] specHash, string address, byte[] signature) =>
        ledger.Consents.Verify(Bytes32.FromBytes(runId), Bytes32.FromBytes(specHash), signature, Address.Parse(address));

    /// <inheritdoc />
    public async Task RelayConsentAsync(byte[] runId, string address, byte[] signature, CancellationToken cancellationToken) =>
        await ledger.GiveConsentBySigAsync(Bytes32.FromBytes(runId), Address.Parse(address), signature, cancellationToken);

    /// <inheritdoc />
    public string RecoverSigner(UpdateCommitment commitment, byte[] signature) =>
        ledger.Commitments.RecoverSigner(commitment, signature).ToLowerString();

    /// <inheritdoc />
    public string RecoverStatisticsSigner(byte[] runId, byte[] taskHash, byte[] statisticsHash, byte[] signature) =>
        new FeatureStatisticsSigner(ledger.Commitments.ChainId, ledger.Commitments.Ledger)
            .RecoverSigner(Bytes32.FromBytes(runId), Bytes32.FromBytes(taskHash), Bytes32.FromBytes(statisticsHash), signature).ToLowerString();

    /// <inheritdoc />
    public string RecoverDeclineSigner(byte[] runId, int round, byte[] reasonHash, byte[] signature) =>
        _declines.RecoverSigner(Bytes32.FromBytes(runId), (ulong)round, Bytes32.FromBytes(reasonHash), signature).ToLowerString();

    /// <inheritdoc />
    public string RecoverHeartbeatSigner(string workerId, IReadOnlyList<string> models, long sampleCount, DateTimeOffset sentAt, byte[] signature) =>
        _heartbeats.RecoverSigner(workerId, models, sampleCount, sentAt, signature).ToLowerString();

    /// <inheritdoc />
    public async Task<CommitReceipt> CommitRoundAsync(RoundCommitRequest request, CancellationToken cancellationToken)
    {
        var receipt = await ledger.CommitRoundAsync(
            Bytes32.FromBytes(request.RunId),
            (ulong)request.Round,
            Bytes32.FromBytes(request.BaseModelHash),
            Bytes32.FromBytes(request.NewModelHash),
            Bytes32.FromBytes(request.MetricsHash),
            request.Contributions.Select(c => new Contribution(Address.Parse(c.Address), Bytes32.FromBytes(c.UpdateHash), (ulong)c.NumSamples, c.ScorePpm, c.Reward, c.Signature, c.EpsilonMicros)).ToArray(),
            cancellationToken);
        return new CommitReceipt(receipt.TransactionHash, (long)receipt.GasUsed);
    }
}
