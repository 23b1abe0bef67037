using System.Globalization;
using System.Security.Cryptography;
using FedChain.Aggregator.Chain;
using FedChain.Ledger;
using FedChain.Messages;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// What a site's declined round must pass before the aggregator stops waiting for it: the round is the open one, the
/// worker was selected for it and has not answered yet, the reason is there, and it is signed (EIP-712 RoundDeclined
/// over this run, round and reason) by the address the worker's heartbeats name, so a decline in another site's name
/// is refused (a worker id is bound to the key of its first signed heartbeat: <see cref="Workers.WorkerAdmission"/>).
/// Whether that address is a registered participant is the ledger's word, asked by the coordinator afterwards.
/// </summary>
public static class DeclineCheck
{
    /// <summary>The signer, or the one-line problem (naming the worker) that keeps the decline out.</summary>
    /// <param name="declined">The decline as received.</param>
    /// <param name="openRound">The run's open round, or null when none is open.</param>
    /// <param name="selected">The workers selected for the open round.</param>
    /// <param name="answered">True when the worker already has an update or a failure in the round.</param>
    /// <param name="heartbeatAddress">The address the worker id is bound to (its first signed heartbeat), or null when none was taken.</param>
    /// <param name="ledger">Recovers the signer under the ledger's EIP-712 domain.</param>
    public static (string? Signer, string? Problem) Verify(
        RoundDeclined declined, int? openRound, IReadOnlyCollection<string> selected, bool answered, string? heartbeatAddress, IRoundLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(declined);
        ArgumentNullException.ThrowIfNull(selected);
        ArgumentNullException.ThrowIfNull(ledger);
        var who = $"worker {declined.WorkerId}";
        if (openRound != declined.Round)
        {
            return Refuse($"{who} declined round {declined.Round} of run {declined.RunId}, which is not open (open round: {openRound?.ToString(CultureInfo.InvariantCulture) ?? "none"})");
        }

        if (!selected.Contains(declined.WorkerId, StringComparer.Ordinal))
        {
            return Refuse($"{who} declined round {declined.Round} but was not selected for it");
        }

        if (answered)
        {
            return Refuse($"{who} declined round {declined.Round} after answering it (an update or a failure is recorded already)");
        }

        if (string.IsNullOrWhiteSpace(declined.Reason))
        {
            return Refuse($"{who} declined round {declined.Round} without a reason");
        }

        if (declined.Reason.Length > RoundDeclined.MaxReasonLength)
        {
            return Refuse($"{who} declined round {declined.Round} with a reason of {declined.Reason.Length} characters; at most {RoundDeclined.MaxReasonLength} are taken");
        }

        string signer;
        try
        {
            signer = ledger.RecoverDeclineSigner(RunIds.Parse(declined.RunId), declined.Round, RoundDeclineSigner.ReasonHash(declined.Reason).ToBytes(), declined.Signature);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or CryptographicException or InvalidOperationException)
        {
            return Refuse($"{who}: decline signature refused: {e.Message}");
        }

        if (!string.Equals(signer, declined.Address, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse($"{who}: decline signature recovers to {signer}, not the claimed {declined.Address} (not this run, round and reason, or not its key)");
        }

        return heartbeatAddress is not null && string.Equals(signer, heartbeatAddress, StringComparison.OrdinalIgnoreCase)
            ? (signer.ToLowerInvariant(), null)
            : Refuse($"{who}: decline signed by {signer}, but the worker's heartbeats name {heartbeatAddress ?? "no address (never heard from)"}");
    }

    private static (string?, string?) Refuse(string problem) => (null, problem);
}
