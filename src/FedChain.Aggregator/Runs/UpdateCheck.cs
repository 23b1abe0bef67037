using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FedChain.Aggregator.Chain;
using FedChain.Aggregator.State;
using FedChain.Ethereum;
using FedChain.Federation.Validation;
using FedChain.Ledger;
using FedChain.Messages;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// What an update must pass before it is counted, cheapest first and the signature before anything about the content is
/// trusted: the round is open and not past its deadline, a redelivery of a persisted update is recognised, the base model,
/// sample count and hash are well formed, the signature follows the contract's rules and recovers to the address named,
/// that address is an active participant that consented to the run's spec, is the key the worker id's heartbeats are bound
/// to, and has not contributed under another worker id,
/// and the payload passes the round's validator. One rule set with the contract's: what passes here, commitRound takes.
/// </summary>
internal sealed class UpdateCheck(AggregatorStore store, IRoundLedger ledger, TimeProvider clock)
{
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The verdict on <paramref name="update"/> for <paramref name="run"/> (null when that run is not running here).</summary>
    public async Task<SubmissionCheck> CheckAsync(UpdateSubmitted update, ActiveRun? run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (!RunIds.IsValid(update.RunId) || run is null)
        {
            return SubmissionCheck.Reject(RejectionReason.RoundNotOpen, $"run {update.RunId} is not running on this aggregator");
        }

        if (run.Round is not { } round || round.Number != update.Round || round.Tracker.IsClosed)
        {
            return SubmissionCheck.Reject(RejectionReason.RoundNotOpen,
                $"round {update.Round} of run {update.RunId} is not open (open round: {run.Round?.Number.ToString(CultureInfo.InvariantCulture) ?? "none"})");
        }

        var stored = store.GetUpdates(update.RunId, update.Round).FirstOrDefault(u => u.WorkerId == update.WorkerId);
        if (stored is not null)
        {
            return string.Equals(stored.UpdateHash, update.UpdateHash, StringComparison.OrdinalIgnoreCase)
                ? SubmissionCheck.Counted()
                : SubmissionCheck.Reject(RejectionReason.Duplicate, $"worker {update.WorkerId} already has update {stored.UpdateHash} in round {update.Round}");
        }

        if (clock.GetUtcNow() > round.Tracker.Deadline)
        {
            return SubmissionCheck.Reject(RejectionReason.DeadlinePassed, $"round {update.Round} closed for updates at {round.Tracker.Deadline:O}");
        }

        if (!string.Equals(update.BaseModelHash, round.BaseModelHash, StringComparison.OrdinalIgnoreCase))
        {
            return SubmissionCheck.Reject(RejectionReason.WrongBaseModel, $"trained from {update.BaseModelHash}, the round's model is {round.BaseModelHash}");
        }

        if (update.SampleCount <= 0)
        {
            return SubmissionCheck.Reject(RejectionReason.BadSampleCount, $"sample count {update.SampleCount} is not positive");
        }

        if (!TryHash(update.UpdateHash, out var claimedHash))
        {
            return SubmissionCheck.Reject(RejectionReason.Malformed, $"update hash '{update.UpdateHash}' is not 0x + 64 hex digits");
        }

        // Signatures are verified before anything else about the content is trusted or counted. The epsilon the site
        // reports is part of what it signed: the figure committed on-chain with its contribution is the site's own.
        string signer;
        try
        {
            signer = ledger.RecoverSigner(
                new UpdateCommitment(Bytes32.FromBytes(RunIds.Parse(update.RunId)), (ulong)update.Round, Bytes32.Parse(round.BaseModelHash), Bytes32.FromBytes(claimedHash), (ulong)update.SampleCount,
                    update.Metrics?.EpsilonMicros ?? 0),
                update.Signature);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or CryptographicException or InvalidOperationException)
        {
            return SubmissionCheck.Reject(RejectionReason.BadSignature, $"signature refused before counting (the ledger would refuse it too): {e.Message}");
        }

        if (!string.Equals(signer, update.Address, StringComparison.OrdinalIgnoreCase))
        {
            return SubmissionCheck.Reject(RejectionReason.BadSignature, $"signature recovers to {signer}, not the claimed {update.Address}");
        }

        if (!await ledger.IsActiveParticipantAsync(signer, cancellationToken))
        {
            return SubmissionCheck.Reject(RejectionReason.UnknownParticipant, $"{signer} is not a registered, active participant on the ledger");
        }

        var specHash = SHA256.HashData(Encoding.UTF8.GetBytes(run.Record.SpecJson));
        if (await ConsentCheck.RefusalAsync(ledger, update, specHash, signer, cancellationToken) is { } noConsent)
        {
            return SubmissionCheck.Reject(RejectionReason.NoConsent, noConsent);
        }

        // A worker id speaks for the key its heartbeats were first signed with: another participant's update in its name
        // would take its place in the round (its own update would then be a duplicate).
        if (store.BoundAddress(update.WorkerId) is { } bound && !string.Equals(bound, signer, StringComparison.OrdinalIgnoreCase))
        {
            return SubmissionCheck.Reject(RejectionReason.BadSignature, $"worker {update.WorkerId} is {bound} (its signed heartbeats); this update is signed by {signer}");
        }

        if (round.AddressToWorker.TryGetValue(signer, out var other) && other != update.WorkerId)
        {
            return SubmissionCheck.Reject(RejectionReason.Duplicate, $"address {signer} already contributed in round {update.Round} as worker {other}");
        }

        var result = round.Validator.Validate(new IncomingUpdate(update.RunId, update.Round, update.WorkerId, update.SampleCount, update.Update, claimedHash));
        return result.Reason is { } reason
            ? SubmissionCheck.Reject(RejectionMapping.From(reason), result.Message)
            : SubmissionCheck.Accept(signer.ToLowerInvariant(), result.Vector!);
    }

    private static bool TryHash(string text, out byte[] hash)
    {
        hash = [];
        if (text is not { Length: 66 } || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.AsSpan(2).ContainsAnyExcept(HexDigits))
        {
            return false;
        }

        hash = Convert.FromHexString(text.AsSpan(2));
        return true;
    }
}
