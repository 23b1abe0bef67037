namespace FedChain.Worker.Training;

/// <summary>
/// Signs a worker's EIP-712 UpdateCommitment. The key stays behind this seam (a keystore file today,
/// an HSM tomorrow); nothing else in the worker ever sees it.
/// </summary>
public interface IUpdateSigner
{
    /// <summary>The address signatures recover to (0x hex).</summary>
    string Address { get; }

    /// <summary>The 65-byte signature of UpdateCommitment(runId, round, baseModelHash, updateHash, numSamples, epsilonMicros).</summary>
    byte[] Sign(byte[] runId, int round, byte[] baseModelHash, byte[] updateHash, long numSamples, uint epsilonMicros);

    /// <summary>The 65-byte signature of RunConsent(runId, specHash): this site's consent to the run.</summary>
    byte[] SignConsent(byte[] runId, byte[] specHash);

    /// <summary>The 65-byte signature of FeatureStatistics(runId, taskHash, statisticsHash): this site vouches for the statistics it reports.</summary>
    byte[] SignStatistics(byte[] runId, byte[] taskHash, byte[] statisticsHash);

    /// <summary>The 65-byte signature of RoundDeclined(runId, round, reasonHash): this site will not train the round, for this reason.</summary>
    byte[] SignDecline(byte[] runId, int round, byte[] reasonHash);

    /// <summary>The 65-byte signature of this site's heartbeat, WorkerAvailable(workerId, models, sampleCount, sentAt).</summary>
    byte[] SignHeartbeat(string workerId, IReadOnlyList<string> models, long sampleCount, DateTimeOffset sentAt);

    /// <summary>A seed only this key can derive for <paramref name="context"/> (the site's DP noise: the aggregator cannot predict or subtract it).</summary>
    ulong SecretSeed(ReadOnlySpan<byte> context);
}
