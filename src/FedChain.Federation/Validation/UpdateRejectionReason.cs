namespace FedChain.Federation.Validation;

/// <summary>Why an update was refused; every rejection carries exactly one.</summary>
public enum UpdateRejectionReason
{
    /// <summary>The update names another run.</summary>
    WrongRun,

    /// <summary>The update names another round than the open one.</summary>
    WrongRound,

    /// <summary>The sender was not sampled for this round.</summary>
    NotSelected,

    /// <summary>The sender already has an accepted (or in-flight) update in this round.</summary>
    Duplicate,

    /// <summary>The claimed sample count is not positive.</summary>
    InvalidSampleCount,

    /// <summary>SHA-256 of the payload differs from the hash the sender claimed (and signed).</summary>
    HashMismatch,

    /// <summary>The header is unreadable: magic, version, dtype, kind, or a length that disagrees with the byte count.</summary>
    MalformedEncoding,

    /// <summary>The vector has another number of values than the run's model.</summary>
    WrongDimension,

    /// <summary>The layout hash differs from the run's model layout.</summary>
    WrongLayout,

    /// <summary>A value is NaN or infinite.</summary>
    NonFinite,

    /// <summary>The update's L2 norm exceeds the configured bound.</summary>
    NormAboveBound,
}
