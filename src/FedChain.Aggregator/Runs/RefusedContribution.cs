using FedChain.Ethereum;
using FedChain.Ledger;
using FedChain.Messages;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// A commit revert that names one contributor (the contract refuses its signature, its registration, a duplicate or
/// its score): that contribution is dropped with the contract's reason and the round is committed without it, so no
/// single participant can fail a round for the others.
/// </summary>
/// <param name="Address">The refused contributor (lowercase 0x hex).</param>
/// <param name="Reason">The rejection reason published for it.</param>
internal sealed record RefusedContribution(string Address, RejectionReason Reason)
{
    private static readonly Dictionary<string, (string Argument, RejectionReason Reason)> ContributorErrors = new(StringComparer.Ordinal)
    {
        ["InvalidSignature"] = ("contributor", RejectionReason.BadSignature),
        ["NotAParticipant"] = ("account", RejectionReason.UnknownParticipant),
        ["DuplicateContributor"] = ("contributor", RejectionReason.Duplicate),
        ["ScoreOutOfRange"] = ("contributor", RejectionReason.Malformed),
        ["NoConsent"] = ("participant", RejectionReason.NoConsent),
    };

    /// <summary>The contributor a revert names, or null when the revert is about the round as a whole.</summary>
    public static RefusedContribution? From(LedgerRevertException revert) =>
        ContributorErrors.TryGetValue(revert.ErrorName, out var error) && revert.ArgumentNames.Contains(error.Argument) && revert.Argument(error.Argument) is Address address
            ? new RefusedContribution(address.ToLowerString(), error.Reason)
            : null;
}
