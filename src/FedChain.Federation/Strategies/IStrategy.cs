namespace FedChain.Federation.Strategies;

/// <summary>
/// A federated strategy split as in Flower: <see cref="ConfigureFit"/> chooses clients and the plan,
/// <see cref="BeginAggregate"/> opens the round's aggregation, which sees results and failures.
/// Updates are deltas (local minus global parameters); the outcome is the new global model.
/// </summary>
public interface IStrategy
{
    /// <summary>Short name, e.g. "fedavg", recorded in the run's spec.</summary>
    string Name { get; }

    /// <summary>
    /// True when the strategy must hold every update of the round in memory (median, trimmed mean,
    /// Krum): memory O(clients x parameters). False for streaming strategies (O(parameters)).
    /// </summary>
    bool RequiresAllUpdates { get; }

    /// <summary>The fewest results the strategy can aggregate (the round's quorum is at least this).</summary>
    int MinimumResults { get; }

    /// <summary>Samples the round's clients from those available and gives the plan.</summary>
    FitConfiguration ConfigureFit(long round, IEnumerable<string> availableClients);

    /// <summary>Opens round <paramref name="round"/>'s aggregation on top of the current global model (copied).</summary>
    IRoundAggregation BeginAggregate(long round, ReadOnlySpan<float> globalModel);
}
