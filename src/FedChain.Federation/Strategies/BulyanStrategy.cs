using System.Globalization;
using FedChain.Federation.Aggregation;

namespace FedChain.Federation.Strategies;

/// <summary>
/// Bulyan (El Mhamdi et al. 2018): iterated Krum picks n - 2f updates, then a coordinate-wise trimmed
/// average around the median of those. Assumes at most f Byzantine clients and n >= 4f + 3; unweighted
/// (claimed sample counts are not trusted); needs all updates.
/// </summary>
public sealed class BulyanStrategy : BufferedStrategy
{
    /// <summary>Creates Bulyan tolerating <paramref name="f"/> Byzantine clients; refuses sampling that cannot give n >= 4f + 3.</summary>
    public BulyanStrategy(StrategyOptions options, int f)
        : base(options)
    {
        if (f < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(f), f, "Bulyan f (Byzantine clients tolerated) must be non-negative");
        }

        F = f;
        var selectable = options.Sampling.MinFitClients;
        if (selectable < MinimumResults)
        {
            throw new ArgumentException($"Bulyan with f = {f} needs n >= 4f + 3 = {MinimumResults} results, but sampling asks for only {selectable} clients (min_fit_clients)");
        }
    }

    /// <summary>Byzantine clients tolerated.</summary>
    public int F { get; }

    /// <inheritdoc />
    public override string Name => "bulyan";

    /// <inheritdoc />
    public override int MinimumResults => (4 * F) + 3;

    /// <inheritdoc />
    protected override float[] Combine(BufferedRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var (aggregate, selected) = RobustAggregates.Bulyan(round.Updates, F);
        foreach (var k in selected)
        {
            round.Weights[k] = 1.0 / selected.Length;
        }

        for (var k = 0; k < round.Updates.Count; k++)
        {
            if (round.Weights[k] == 0)
            {
                round.Notes[k] = string.Create(CultureInfo.InvariantCulture, $"bulyan: not among the n - 2f = {selected.Length} updates iterated Krum selected (f = {F})");
            }
        }

        round.Metrics["selected"] = selected.Length;
        round.Metrics["averaged_per_coordinate"] = selected.Length - (2 * F);
        return aggregate;
    }
}
