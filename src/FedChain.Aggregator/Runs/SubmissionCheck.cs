using FedChain.Federation.Encoding;
using FedChain.Messages;

namespace FedChain.Aggregator.Runs;

/// <summary>The verdict on a submitted update before anything is persisted.</summary>
/// <param name="Rejection">Why it is refused, or null.</param>
/// <param name="Message">Detail for the worker and the log.</param>
/// <param name="Signer">The address the signature recovers to, when accepted.</param>
/// <param name="Vector">The decoded update, when accepted.</param>
/// <param name="AlreadyCounted">True for a redelivery of an update that is already persisted and folded.</param>
internal sealed record SubmissionCheck(RejectionReason? Rejection, string Message, string? Signer, EncodedVector? Vector, bool AlreadyCounted)
{
    public static SubmissionCheck Reject(RejectionReason reason, string message) => new(reason, message, null, null, false);

    public static SubmissionCheck Accept(string signer, EncodedVector vector) => new(null, "accepted", signer, vector, false);

    public static SubmissionCheck Counted() => new(null, "already counted", null, null, true);
}
