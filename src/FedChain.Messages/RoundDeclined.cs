namespace FedChain.Messages;

/// <summary>
/// Event: a worker selected for a round will not train it, and says why (its site's consent, privacy terms or budget,
/// a global model it cannot verify, a local training that diverged). Signed with the worker's key (EIP-712
/// RoundDeclined(runId, round, keccak256(reason)) under the ledger's domain), so no other key declines in its name; the
/// aggregator then stops waiting for it and the round can close before its deadline.
/// </summary>
/// <param name="RunId">The run's bytes32 id.</param>
/// <param name="Round">The round declined.</param>
/// <param name="WorkerId">The worker declining.</param>
/// <param name="Address">The address it signs with ("0x" + 40 hex digits).</param>
/// <param name="Reason">Why, in the site's words (signed: its Keccak-256 is in the signed message).</param>
/// <param name="Signature">The 65-byte EIP-712 signature (r || s || v, low s, v 27 or 28).</param>
public sealed record RoundDeclined(
    string RunId,
    int Round,
    string WorkerId,
    string Address,
    string Reason,
    byte[] Signature) : IRunMessage
{
    /// <summary>The longest reason the aggregator takes (a site's message, kept with the round and shown to operators).</summary>
    public const int MaxReasonLength = 2000;
}
