namespace FedChain.Messages;

/// <summary>Why the aggregator refused an update. Values are explicit: they travel as numbers.</summary>
public enum RejectionReason
{
    /// <summary>The payload or its fields could not be read.</summary>
    Malformed = 1,

    /// <summary>The round is not open (past, future or already closed).</summary>
    RoundNotOpen = 2,

    /// <summary>The round's deadline had passed.</summary>
    DeadlinePassed = 3,

    /// <summary>The worker was not selected for this round.</summary>
    NotSelected = 4,

    /// <summary>The signer is not a registered, active participant on the ledger.</summary>
    UnknownParticipant = 5,

    /// <summary>The content hash does not match the payload.</summary>
    HashMismatch = 6,

    /// <summary>The EIP-712 signature is invalid or does not recover to the claimed address.</summary>
    BadSignature = 7,

    /// <summary>The update was trained from another base model than the round's.</summary>
    WrongBaseModel = 8,

    /// <summary>The update's dimension or layout differs from the model's.</summary>
    WrongDimension = 9,

    /// <summary>The update holds NaN or infinite values.</summary>
    NonFinite = 10,

    /// <summary>The update's norm exceeds the bound.</summary>
    NormTooLarge = 11,

    /// <summary>This worker already has an accepted update in the round.</summary>
    Duplicate = 12,

    /// <summary>The sample count is zero, negative or implausible.</summary>
    BadSampleCount = 13,

    /// <summary>The participant has no consent to the run for this round on the ledger, and sent no valid one.</summary>
    NoConsent = 14,
}
