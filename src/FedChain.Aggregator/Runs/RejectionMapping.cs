using FedChain.Federation.Validation;
using FedChain.Messages;

namespace FedChain.Aggregator.Runs;

/// <summary>Maps the federation core's validation reasons onto the reasons workers receive.</summary>
internal static class RejectionMapping
{
    public static RejectionReason From(UpdateRejectionReason reason) => reason switch
    {
        UpdateRejectionReason.WrongRun or UpdateRejectionReason.WrongRound => RejectionReason.RoundNotOpen,
        UpdateRejectionReason.NotSelected => RejectionReason.NotSelected,
        UpdateRejectionReason.Duplicate => RejectionReason.Duplicate,
        UpdateRejectionReason.InvalidSampleCount => RejectionReason.BadSampleCount,
        UpdateRejectionReason.HashMismatch => RejectionReason.HashMismatch,
        UpdateRejectionReason.MalformedEncoding => RejectionReason.Malformed,
        UpdateRejectionReason.WrongDimension or UpdateRejectionReason.WrongLayout => RejectionReason.WrongDimension,
        UpdateRejectionReason.NonFinite => RejectionReason.NonFinite,
        UpdateRejectionReason.NormAboveBound => RejectionReason.NormTooLarge,
        _ => RejectionReason.Malformed,
    };
}
