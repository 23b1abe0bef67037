namespace FedChain.Federation.Rounds;

/// <summary>What the host should do with a round now.</summary>
public enum RoundVerdict
{
    /// <summary>Keep collecting; ask again at the wake-up time or on the next result or failure.</summary>
    Wait,

    /// <summary>Close the round and aggregate the results it has.</summary>
    Aggregate,

    /// <summary>Close the round as failed: the quorum was not or can no longer be met.</summary>
    Fail,
}
