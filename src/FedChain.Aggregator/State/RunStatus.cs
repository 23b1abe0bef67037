namespace FedChain.Aggregator.State;

/// <summary>Where a run stands.</summary>
public enum RunStatus
{
    /// <summary>Rounds are being run.</summary>
    Running,

    /// <summary>All rounds committed, or the target reached.</summary>
    Finished,

    /// <summary>Stopped by an error or too few participants; see the reason.</summary>
    Failed,

    /// <summary>Stopped by an operator.</summary>
    Aborted,
}
