namespace FedChain.Messages;

/// <summary>Where a run is in its lifetime. Values are explicit: they travel as numbers.</summary>
public enum RunState
{
    /// <summary>The aggregator does not know the run.</summary>
    Unknown = 0,

    /// <summary>Accepted, waiting for enough workers.</summary>
    Pending = 1,

    /// <summary>Rounds are in progress.</summary>
    Running = 2,

    /// <summary>All rounds committed.</summary>
    Finished = 3,

    /// <summary>Stopped by an error.</summary>
    Failed = 4,

    /// <summary>Stopped by an operator.</summary>
    Aborted = 5,
}
