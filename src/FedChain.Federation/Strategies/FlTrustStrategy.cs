using System.Globalization;
using FedChain.Federation.Aggregation;

namespace FedChain.Federation.Strategies;

/// <summary>
/// FLTrust (Cao et al. 2021): the server trains the round's global model on its own root data (the
/// aggregator's validation set) to get a reference update; each client update earns trust
/// ReLU(cosine with it) and is rescaled to its norm. Assumes the root data is clean and drawn like the
/// task's; an attacker whose update points away from the server's earns nothing. Needs all updates.
/// </summary>
public sealed class FlTrustStrategy : BufferedStrategy
{
    private readonly Func<long, float[], float[]> _serverUpdate;

    /// <summary>Creates FLTrust; <paramref name="serverUpdate"/>(round, global model) trains on the root data and returns the server's update.</summary>
    public FlTrustStrategy(StrategyOptions options, Func<long, float[], float[]> serverUpdate)
        : base(options)
    {
        _serverUpdate = serverUpdate ?? throw new ArgumentNullException(nameof(serverUpdate), "FLTrust needs the server's root-data update: no root data was given");
    }

    /// <inheritdoc />
    public override string Name => "fltrust";

    /// <inheritdoc />
    protected override float[] Combine(BufferedRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var server = _serverUpdate(round.Round, (float[])round.GlobalModel.Clone());
        var (aggregate, trust) = RobustAggregates.FlTrust(round.Updates, server);
        var total = trust.Sum();
        var distrusted = 0;
        for (var k = 0; k < trust.Length; k++)
        {
            round.Weights[k] = total > 0 ? trust[k] / total : 0;
            if (trust[k] <= 0)
            {
                distrusted++;
                round.Notes[k] = "fltrust: trust 0 (cosine with the server's root-data update <= 0)";
            }
            else if (trust[k] < 0.1)
            {
                round.Notes[k] = string.Create(CultureInfo.InvariantCulture, $"fltrust: low trust {trust[k]:G4} (cosine with the server's root-data update)");
            }
        }

        round.Metrics["distrusted"] = distrusted;
        round.Metrics["server_update_norm"] = Numerics.VectorMath.L2Norm(server);
        return aggregate;
    }
}
