using System.Numerics;

namespace FedChain.Federation.Contribution;

/// <summary>
/// Shapley values of the round's game U(S) = utility of the model coalition S would have produced.
/// Exact: phi_k = sum over S not containing k of |S|!(n-|S|-1)!/n! (U(S + k) - U(S)), every coalition evaluated
/// once. Monte-Carlo (GTG-Shapley style): permutation t starts with contributor t mod n, the rest are shuffled by
/// xoshiro256** seeded from (seed, round); each walk adds contributors in order, crediting U(prefix + k) - U(prefix),
/// and from its second contributor on stops once |U(N) - U(prefix)| &lt; truncation (the rest get 0 for that walk);
/// phi_k = sum / permutations.
/// </summary>
public sealed class ShapleyContributionPolicy : IContributionPolicy
{
    /// <summary>Creates the policy for a shapley spec.</summary>
    public ShapleyContributionPolicy(ContributionPolicySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Name != ContributionPolicySpec.Shapley)
        {
            throw new ArgumentException($"spec '{spec}' is not a shapley spec", nameof(spec));
        }

        Spec = spec;
    }

    /// <inheritdoc />
    public string Name => ContributionPolicySpec.Shapley;

    /// <inheritdoc />
    public ContributionPolicySpec Spec { get; }

    /// <inheritdoc />
    public ContributionScores Score(ContributionRound round, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        var game = new CoalitionGame(round, Name, cancellationToken);
        var n = round.Count;
        var exact = Spec.Mode switch
        {
            ShapleyMode.Exact => n <= ContributionPolicySpec.ExactHardLimit
                ? true
                : throw new InvalidOperationException(
                    $"exact Shapley for round {round.Round} would evaluate 2^{n} coalitions; at most {ContributionPolicySpec.ExactHardLimit} contributors are allowed, use shapley:mc"),
            ShapleyMode.MonteCarlo => false,
            _ => n <= Spec.ExactMaxContributors,
        };

        double[] values;
        double full;
        var permutations = 0;
        if (n == 0)
        {
            values = [];
            full = game.EmptyUtility();
        }
        else if (exact)
        {
            var utilities = CoalitionUtilities(game);
            full = utilities[^1];
            values = ExactValues(utilities, n);
        }
        else
        {
            permutations = Spec.Permutations;
            values = MonteCarloValues(game, out full);
        }

        var scores = new ContributorScore[n];
        for (var k = 0; k < n; k++)
        {
            var u = round.Updates[k];
            scores[k] = new ContributorScore(u.ContributorId, u.NumSamples, values[k], Math.Max(values[k], 0.0));
        }

        return new ContributionScores(
            round.Round, Spec.ToCanonicalString(), exact ? "shapley-exact" : "shapley-mc", round.Aggregator.Name, scores,
            game.EmptyUtility(), full, permutations, game.Cost());
    }

    /// <summary>U(mask) for every coalition mask in 0..2^n-1.</summary>
    private static double[] CoalitionUtilities(CoalitionGame game)
    {
        var n = game.Round.Count;
        var utilities = new double[1 << n];
        utilities[0] = game.EmptyUtility();
        var members = new int[n];
        if (game.IsFedAvg)
        {
            // Depth-first over ascending member lists: each coalition's weighted sum is its parent's plus one
            // axpy, in ascending member order, which is bit for bit what the aggregator computes from scratch.
            var sums = new float[n][];
            VisitFedAvg(game, utilities, sums, members, depth: 0, start: 0, mask: 0, samples: 0);
            return utilities;
        }

        for (var mask = 1; mask < utilities.Length; mask++)
        {
            var count = 0;
            for (var k = 0; k < n; k++)
            {
                if ((mask & (1 << k)) != 0)
                {
                    members[count++] = k;
                }
            }

            utilities[mask] = game.UtilityOf(members.AsSpan(0, count));
        }

        return utilities;
    }

    private static void VisitFedAvg(CoalitionGame game, double[] utilities, float[][] sums, int[] members, int depth, int start, int mask, long samples)
    {
        var round = game.Round;
        var model = game.ModelBuffer;
        var sum = sums[depth] ??= GC.AllocateUninitializedArray<float>(round.ParameterCount);
        for (var j = start; j < round.Count; j++)
        {
            var update = round.Updates[j];
            if (depth == 0)
            {
                VectorKernels.Scale(sum, update.Delta.Span, update.NumSamples);
            }
            else
            {
                VectorKernels.AddScaledInto(sum, sums[depth - 1], update.Delta.Span, update.NumSamples);
            }

            var total = samples + update.NumSamples;
            VectorKernels.ModelFromSum(model, round.BaseModel.Span, sum, FedAvgCoalitionAggregator.InverseWeight(total));
            game.CountModelBuilt();
            members[depth] = j;
            var m = mask | (1 << j);
            utilities[m] = game.Evaluate(model, members.AsSpan(0, depth + 1));
            if (j + 1 < round.Count)
            {
                VisitFedAvg(game, utilities, sums, members, depth + 1, j + 1, m, total);
            }
        }
    }

    private static double[] ExactValues(double[] utilities, int n)
    {
        // |S|!(n-|S|-1)!/n! = 1 / (n * C(n-1, |S|)); binomials up to C(19, 9) are exact in a double.
        var weights = new double[n];
        var binomial = 1.0;
        for (var s = 0; s < n; s++)
        {
            weights[s] = 1.0 / (n * binomial);
            binomial = binomial * (n - 1 - s) / (s + 1);
        }

        var values = new double[n];
        for (var k = 0; k < n; k++)
        {
            var bit = 1 << k;
            var phi = 0.0;
            for (var mask = 0; mask < utilities.Length; mask++)
            {
                if ((mask & bit) == 0)
                {
                    phi += weights[BitOperations.PopCount((uint)mask)] * (utilities[mask | bit] - utilities[mask]);
                }
            }

            values[k] = phi;
        }

        return values;
    }

    private double[] MonteCarloValues(CoalitionGame game, out double full)
    {
        var round = game.Round;
        var n = round.Count;
        var all = new int[n];
        for (var i = 0; i < n; i++)
        {
            all[i] = i;
        }

        var empty = game.EmptyUtility();
        full = game.UtilityOf(all);

        // Coalitions are cached by bitmask when they fit in 64 bits; larger rounds rarely revisit a prefix.
        Dictionary<ulong, double>? cache = n <= 64 ? [] : null;
        var rng = Xoshiro256StarStar.ForRound(Spec.Seed, round.Round);
        var sums = new double[n];
        var permutation = new int[n];
        var sorted = game.IsFedAvg ? null : new int[n];
        var weightedSum = game.IsFedAvg ? GC.AllocateUninitializedArray<float>(round.ParameterCount) : null;
        var model = game.ModelBuffer;
        for (var t = 0; t < Spec.Permutations; t++)
        {
            // Guided sampling: every contributor leads equally often, the rest follow in random order.
            permutation[0] = t % n;
            for (int i = 0, p = 1; i < n; i++)
            {
                if (i != permutation[0])
                {
                    permutation[p++] = i;
                }
            }

            rng.Shuffle(permutation.AsSpan(1));
            var prefix = empty;
            ulong mask = 0;
            long samples = 0;
            var folded = 0;
            for (var pos = 0; pos < n; pos++)
            {
                // Every walk credits its leader's stand-alone marginal, so a round with no net gain (late in
                // training) still separates helpful from harmful updates instead of scoring everyone 0.
                if (pos > 0 && Math.Abs(full - prefix) < Spec.Truncation)
                {
                    break;
                }

                var k = permutation[pos];
                mask |= cache is null ? 0 : 1UL << k;
                samples += round.Updates[k].NumSamples;
                double u;
                if (pos == n - 1)
                {
                    u = full;
                }
                else if (cache is not null && cache.TryGetValue(mask, out u))
                {
                    game.CacheHits++;
                }
                else
                {
                    if (weightedSum is not null)
                    {
                        // Catch the running weighted sum up with the walk (prefixes answered by the cache were skipped).
                        for (; folded <= pos; folded++)
                        {
                            var update = round.Updates[permutation[folded]];
                            if (folded == 0)
                            {
                                VectorKernels.Scale(weightedSum, update.Delta.Span, update.NumSamples);
                            }
                            else
                            {
                                VectorKernels.AddScaled(weightedSum, update.Delta.Span, update.NumSamples);
                            }
                        }

                        VectorKernels.ModelFromSum(model, round.BaseModel.Span, weightedSum, FedAvgCoalitionAggregator.InverseWeight(samples));
                        game.CountModelBuilt();
                        u = game.Evaluate(model, permutation.AsSpan(0, pos + 1));
                    }
                    else
                    {
                        var members = sorted.AsSpan(0, pos + 1);
                        permutation.AsSpan(0, pos + 1).CopyTo(members);
                        members.Sort();
                        u = game.UtilityOf(members);
                    }

                    cache?.Add(mask, u);
                }

                sums[k] += u - prefix;
                prefix = u;
            }
        }

        for (var k = 0; k < n; k++)
        {
            sums[k] /= Spec.Permutations;
        }

        return sums;
    }
}
