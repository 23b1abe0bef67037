using System.Security.Cryptography;
using FedChain.Aggregator.Chain;
using FedChain.Messages;

namespace FedChain.Aggregator.Workers;

/// <summary>
/// What a heartbeat must pass before its site can be selected: a worker id, models, a sample count, sent recently
/// (so an old heartbeat replayed does not announce a site that is gone), and signed (EIP-712 WorkerAvailable over
/// exactly these values) by the address it names. Which worker id that address may speak for, and whether it is a
/// registered participant, is decided afterwards (<see cref="WorkerAdmission"/>).
/// </summary>
public static class HeartbeatCheck
{
    /// <summary>The longest worker id taken.</summary>
    public const int MaxWorkerIdLength = 200;

    /// <summary>The signer, or the one-line problem (naming the worker) that keeps the heartbeat out.</summary>
    /// <param name="heartbeat">The heartbeat as received.</param>
    /// <param name="now">The aggregator's clock.</param>
    /// <param name="freshness">How far its sentAt may be from <paramref name="now"/>, either way (clock skew).</param>
    /// <param name="ledger">Recovers the signer under the ledger's EIP-712 domain.</param>
    public static (string? Signer, string? Problem) Verify(WorkerAvailable heartbeat, DateTimeOffset now, TimeSpan freshness, IRoundLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        ArgumentNullException.ThrowIfNull(ledger);
        if (string.IsNullOrWhiteSpace(heartbeat.WorkerId) || heartbeat.WorkerId.Length > MaxWorkerIdLength)
        {
            return Refuse($"a heartbeat with a worker id of {heartbeat.WorkerId?.Length ?? 0} characters; between 1 and {MaxWorkerIdLength} are taken");
        }

        var who = $"worker {heartbeat.WorkerId}";
        if (heartbeat.Models is null || heartbeat.SampleCount < 0)
        {
            return Refuse($"{who}: heartbeat without models or with a negative sample count ({heartbeat.SampleCount})");
        }

        if (heartbeat.Models.Any(name => string.IsNullOrEmpty(name) || name.Contains('\n', StringComparison.Ordinal)))
        {
            // The signature covers the names joined by newlines: a name with a newline would make two lists sign alike.
            return Refuse($"{who}: heartbeat with an empty model name or one containing a line break");
        }

        if ((heartbeat.SentAt - now).Duration() > freshness)
        {
            // No timestamps in the text: a site with a skewed clock is logged once, not on every heartbeat.
            return Refuse($"{who}: heartbeat sent more than {freshness} {(heartbeat.SentAt < now ? "before" : "after")} the aggregator's clock " +
                "(replayed, or the clocks disagree)");
        }

        string signer;
        try
        {
            signer = ledger.RecoverHeartbeatSigner(heartbeat.WorkerId, heartbeat.Models, heartbeat.SampleCount, heartbeat.SentAt, heartbeat.Signature ?? []);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or CryptographicException or InvalidOperationException)
        {
            return Refuse($"{who}: heartbeat signature refused: {e.Message}");
        }

        return string.Equals(signer, heartbeat.Address, StringComparison.OrdinalIgnoreCase)
            ? (signer.ToLowerInvariant(), null)
            : Refuse($"{who}: heartbeat signature recovers to {signer}, not the claimed {heartbeat.Address} (not these values, or not its key)");
    }

    private static (string?, string?) Refuse(string problem) => (null, problem);
}
