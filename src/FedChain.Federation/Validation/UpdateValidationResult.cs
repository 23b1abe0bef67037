using FedChain.Federation.Encoding;

namespace FedChain.Federation.Validation;

/// <summary>The verdict on one incoming update.</summary>
/// <param name="ClientId">The sender.</param>
/// <param name="Reason">Null when accepted, else why not.</param>
/// <param name="Message">Human-readable detail (expected vs actual).</param>
/// <param name="Vector">The decoded, zero-copy view of the update when accepted.</param>
/// <param name="Norm">The update's L2 norm when it was computed (NaN otherwise).</param>
public sealed record UpdateValidationResult(string ClientId, UpdateRejectionReason? Reason, string Message, EncodedVector? Vector, double Norm)
{
    /// <summary>True when the update passed every check.</summary>
    public bool IsAccepted => Reason is null;

    internal static UpdateValidationResult Reject(string clientId, UpdateRejectionReason reason, string message) =>
        new(clientId, reason, message, null, double.NaN);
}
