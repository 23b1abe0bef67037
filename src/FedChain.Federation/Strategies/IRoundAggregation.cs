namespace FedChain.Federation.Strategies;

/// <summary>One round's aggregation in progress: results go in as they arrive, failures come at the end.</summary>
public interface IRoundAggregation
{
    /// <summary>The round.</summary>
    long Round { get; }

    /// <summary>Results added so far.</summary>
    int Count { get; }

    /// <summary>
    /// Adds an accepted result. Streaming strategies fold it at once (the span may be released on return);
    /// strategies that need all updates copy it. Thread-safe.
    /// </summary>
    void Add(ClientResult result, ReadOnlySpan<float> update);

    /// <summary>Closes the round with the failures seen (Flower's aggregate_fit(results, failures)); call once.</summary>
    AggregationOutcome Complete(IReadOnlyList<ClientFailure> failures);
}
