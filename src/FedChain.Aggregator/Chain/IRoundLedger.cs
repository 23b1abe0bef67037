using System.Numerics;
using FedChain.Ledger;

namespace FedChain.Aggregator.Chain;

/// <summary>
/// What the aggregator needs from the ledger. The chain implementation talks to FedChainLedger;
/// the off-chain one serves pure simulations (`fedchain simulate --no-chain`), where signatures
/// are still verified but nothing is sent anywhere.
/// </summary>
public interface IRoundLedger
{
    /// <summary>Chain id and ledger address, recorded in the run's spec (empty off-chain).</summary>
    string Describe();

    /// <summary>Creates the run on the ledger with its spec hash, initial model hash and per-round reward cap.</summary>
    Task CreateRunAsync(byte[] runId, byte[] specHash, byte[] initialModelHash, BigInteger maxRewardPerRound, CancellationToken cancellationToken);

    /// <summary>The last round the ledger recorded for the run (0 when none or unknown).</summary>
    Task<int> LastRoundAsync(byte[] runId, CancellationToken cancellationToken);

    /// <summary>True when the address is a registered, active participant.</summary>
    Task<bool> IsActiveParticipantAsync(string address, CancellationToken cancellationToken);

    /// <summary>True when the ledger holds the address's consent to the run for <paramref name="round"/> (the contract's rule).</summary>
    Task<bool> HasConsentAsync(byte[] runId, string address, int round, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="signature"/> is the address's RunConsent(runId, specHash) the ledger would accept.</summary>
    bool VerifyConsent(byte[] runId, byte[] specHash, string address, byte[] signature);

    /// <summary>Records a participant's signed consent on the ledger (giveConsentBySig; anyone may relay it).</summary>
    Task RelayConsentAsync(byte[] runId, string address, byte[] signature, CancellationToken cancellationToken);

    /// <summary>The address that signed the commitment (EIP-712 under the ledger's domain); throws on a malformed signature.</summary>
    string RecoverSigner(UpdateCommitment commitment, byte[] signature);

    /// <summary>
    /// The address that signed FeatureStatistics(runId, taskHash, statisticsHash) under the ledger's EIP-712 domain (checked
    /// off-chain only, before a site's statistics are merged); throws <see cref="FormatException"/> on a malformed signature.
    /// </summary>
    string RecoverStatisticsSigner(byte[] runId, byte[] taskHash, byte[] statisticsHash, byte[] signature);

    /// <summary>
    /// The address that signed RoundDeclined(runId, round, reasonHash) under the ledger's EIP-712 domain (checked off-chain
    /// only, before the aggregator stops waiting for a site); throws <see cref="FormatException"/> on a malformed signature.
    /// </summary>
    string RecoverDeclineSigner(byte[] runId, int round, byte[] reasonHash, byte[] signature);

    /// <summary>
    /// The address that signed a heartbeat, WorkerAvailable(workerId, models, sampleCount, sentAt), under the ledger's
    /// EIP-712 domain (checked off-chain only, before a site can be selected); throws <see cref="FormatException"/> on a
    /// malformed signature.
    /// </summary>
    string RecoverHeartbeatSigner(string workerId, IReadOnlyList<string> models, long sampleCount, DateTimeOffset sentAt, byte[] signature);

    /// <summary>Sends commitRound and waits for it to be mined; a revert surfaces as an exception naming the contract error.</summary>
    Task<CommitReceipt> CommitRoundAsync(RoundCommitRequest request, CancellationToken cancellationToken);
}
