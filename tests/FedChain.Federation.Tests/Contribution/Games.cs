using FedChain.Federation.Contribution;

namespace FedChain.Federation.Tests.Contribution;

/// <summary>Synthetic rounds and utilities whose values can be worked out by hand.</summary>
internal static class Games
{
    /// <summary>U(w) = -||w - target||^2, summed in double in index order.</summary>
    public static double NegativeSquaredDistance(ReadOnlySpan<float> w, float[] target)
    {
        var sum = 0.0;
        for (var i = 0; i < w.Length; i++)
        {
            var d = (double)w[i] - target[i];
            sum += d * d;
        }

        return -sum;
    }

    public static IModelEvaluator DistanceTo(float[] target) =>
        new DelegateModelEvaluator(w => NegativeSquaredDistance(w, target));

    public static ContributorUpdate Update(string id, long samples, params float[] delta) => new(id, samples, delta);

    /// <summary>A random round: deltas = target + noise_k * N(0,1) direction, sample counts 50..500.</summary>
    public static (ContributionRound Round, float[] Target) Random(int contributors, int parameters, int seed, long round = 1, ICoalitionAggregator? aggregator = null)
    {
        var rng = new System.Random(seed);
        var w0 = new float[parameters];
        var target = new float[parameters];
        for (var i = 0; i < parameters; i++)
        {
            w0[i] = (float)(rng.NextDouble() - 0.5);
            target[i] = w0[i] + (float)(rng.NextDouble() - 0.5);
        }

        var updates = new List<ContributorUpdate>();
        for (var k = 0; k < contributors; k++)
        {
            var noise = 0.2 + 0.3 * k;
            var delta = new float[parameters];
            for (var i = 0; i < parameters; i++)
            {
                delta[i] = target[i] - w0[i] + (float)(noise * (rng.NextDouble() - 0.5));
            }

            updates.Add(new ContributorUpdate($"0x{k:x2}", rng.Next(50, 500), delta));
        }

        return (new ContributionRound(round, w0, updates, DistanceTo(target), aggregator), target);
    }
}
