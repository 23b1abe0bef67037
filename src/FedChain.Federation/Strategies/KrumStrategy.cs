using FedChain.Federation.Aggregation;

namespace FedChain.Federation.Strategies;

/// <summary>
/// Krum (m = 1) and Multi-Krum (Blanchard et al. 2017): keep the m updates closest to their
/// n - f - 2 nearest neighbours and average them uniformly (claimed sample counts are not trusted
/// here, an attacker could inflate them). Needs all updates and n >= 2f + 3 results.
/// </summary>
public sealed class KrumStrategy : BufferedStrategy
{
    /// <summary>Creates Krum tolerating <paramref name="f"/> Byzantine clients and averaging the best <paramref name="m"/>.</summary>
    public KrumStrategy(StrategyOptions options, int f, int m = 1)
        : base(options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(f);
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        F = f;
        M = m;
        var selectable = options.Sampling.MinFitClients;
        if (selectable < MinimumResults)
        {
            var rule = MinimumResults == (2 * f) + 3 ? "2f + 3" : "m + f";
            throw new ArgumentException($"{(m == 1 ? "Krum" : "Multi-Krum")} with f = {f}, m = {m} needs at least {rule} = {MinimumResults} results, but sampling asks for only {selectable} clients (min_fit_clients)");
        }
    }

    /// <summary>Byzantine clients tolerated.</summary>
    public int F { get; }

    /// <summary>Updates kept and averaged (1 = Krum).</summary>
    public int M { get; }

    /// <inheritdoc />
    public override string Name => M == 1 ? "krum" : "multi-krum";

    /// <inheritdoc />
    public override int MinimumResults => Math.Max((2 * F) + 3, M + F);

    /// <inheritdoc />
    protected override float[] Combine(BufferedRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var updates = round.Updates;
        var scores = Aggregates.KrumScores(updates, F);
        var selected = Aggregates.MultiKrumSelect(updates, F, M);
        foreach (var k in selected)
        {
            round.Weights[k] = 1.0 / selected.Length;
        }

        for (var k = 0; k < updates.Count; k++)
        {
            if (round.Weights[k] == 0)
            {
                round.Notes[k] = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{Name}: not among the {M} lowest Krum scores (score {scores[k]:G6}, f = {F})");
            }
        }

        round.Metrics["selected"] = selected.Length;
        return Aggregates.WeightedAverage(selected.Select(k => updates[k]).ToArray(), Enumerable.Repeat(1.0, selected.Length).ToArray());
    }
}
