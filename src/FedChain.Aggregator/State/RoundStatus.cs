namespace FedChain.Aggregator.State;

/// <summary>Where a round stands; a round only moves forward through these.</summary>
public enum RoundStatus
{
    /// <summary>RoundStarted was published; updates are being collected.</summary>
    Open,

    /// <summary>The commit transaction was sent; its outcome must be reconciled with the chain.</summary>
    CommitSent,

    /// <summary>The chain recorded the round.</summary>
    Committed,

    /// <summary>The round failed (too few valid updates by the deadline, or a rejected commit).</summary>
    Failed,
}
