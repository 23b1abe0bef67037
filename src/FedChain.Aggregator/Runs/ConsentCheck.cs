using FedChain.Aggregator.Chain;
using FedChain.Messages;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// The contract's consent rule, applied before an update is counted: the signer's consent to the run must cover the
/// round on the ledger, or the update carries the site's RunConsent signature for the run's spec, which is then relayed
/// to the ledger. So a site without consent is refused here with its reason, and can never make commitRound revert.
/// </summary>
internal static class ConsentCheck
{
    /// <summary>Null when the consent holds (relaying a carried signature first), else the reason the update is refused.</summary>
    public static async Task<string?> RefusalAsync(IRoundLedger ledger, UpdateSubmitted update, byte[] specHash, string signer, CancellationToken cancellationToken)
    {
        var runId = RunIds.Parse(update.RunId);
        if (await ledger.HasConsentAsync(runId, signer, update.Round, cancellationToken))
        {
            return null;
        }

        if (update.ConsentSignature is not { } signature)
        {
            return $"{signer} has no consent to run {update.RunId} for round {update.Round} on the ledger and sent no RunConsent signature";
        }

        if (!ledger.VerifyConsent(runId, specHash, signer, signature))
        {
            return $"the RunConsent signature sent by {signer} is not its consent to run {update.RunId} with spec 0x{Convert.ToHexStringLower(specHash)}";
        }

        try
        {
            await ledger.RelayConsentAsync(runId, signer, signature, cancellationToken);
        }
        catch (Ledger.LedgerRevertException e)
        {
            return $"the ledger refused to record {signer}'s consent to run {update.RunId}: {e.Message}";
        }

        return await ledger.HasConsentAsync(runId, signer, update.Round, cancellationToken)
            ? null
            : $"{signer}'s consent to run {update.RunId} was relayed but does not cover round {update.Round} (withdrawn before?)";
    }
}
