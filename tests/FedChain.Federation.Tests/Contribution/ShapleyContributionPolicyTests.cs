using FedChain.Federation.Contribution;

namespace FedChain.Federation.Tests.Contribution;

public class ShapleyContributionPolicyTests
{
    private static ShapleyContributionPolicy Exact() => new(new ContributionPolicySpec("shapley", ShapleyMode.Exact));

    private static ShapleyContributionPolicy MonteCarlo(int permutations, double truncation = 0, ulong seed = 42) =>
        new(new ContributionPolicySpec("shapley", ShapleyMode.MonteCarlo, Permutations: permutations, Truncation: truncation, Seed: seed));

    // w0 = 0, target = 1, U(w) = -(w - 1)^2; A moves to 1, B to 3 (equal samples):
    // U() = -1, U(A) = 0, U(B) = -4, U(AB) = -1.
    // phi_A = ((0 - -1) + (-1 - -4)) / 2 = 2, phi_B = ((-4 - -1) + (-1 - 0)) / 2 = -2.
    [Fact]
    public void Score_ExactTwoContributors_HandComputed()
    {
        var round = new ContributionRound(1, new float[] { 0 }, [Games.Update("0xa", 5, 1f), Games.Update("0xb", 5, 3f)], Games.DistanceTo([1f]));

        var result = Exact().Score(round);

        Assert.Equal(2.0, result.Scores[0].Raw);
        Assert.Equal(-2.0, result.Scores[1].Raw);
        Assert.Equal(0.0, result.Scores[1].Payable);
        Assert.Equal(-1.0, result.BaseUtility);
        Assert.Equal(-1.0, result.FullUtility);
        Assert.Equal("shapley-exact", result.Method);
        Assert.Equal(4, result.Cost.UtilityEvaluations);
    }

    [Fact]
    public void Score_AdditiveGame_ValueIsEachContributorsOwnValue()
    {
        // Sum aggregation and a linear utility c.w make U(S) = U() + sum of c.delta_k over S.
        float[] c = [1f, -2f, 0.5f];
        var evaluator = new DelegateModelEvaluator(w => c[0] * (double)w[0] + c[1] * (double)w[1] + c[2] * (double)w[2]);
        ContributorUpdate[] updates =
        [
            Games.Update("0xa", 1, 1f, 0f, 0f),
            Games.Update("0xb", 1, 0f, 1f, 0f),
            Games.Update("0xc", 1, 0f, 0f, 4f),
            Games.Update("0xd", 1, 1f, 1f, 1f),
        ];
        var round = new ContributionRound(1, new float[] { 0.25f, 0.5f, 1f }, updates, evaluator, new SumCoalitionAggregator());

        var result = Exact().Score(round);

        Assert.Equal(1.0, result.Scores[0].Raw, 12);
        Assert.Equal(-2.0, result.Scores[1].Raw, 12);
        Assert.Equal(2.0, result.Scores[2].Raw, 12);
        Assert.Equal(-0.5, result.Scores[3].Raw, 12);
    }

    [Fact]
    public void Score_NullPlayer_GetsExactlyZero()
    {
        var evaluator = new DelegateModelEvaluator(w => -Math.Abs(w[0] - 2.0) - w[1] * (double)w[1]);
        ContributorUpdate[] updates =
        [
            Games.Update("0xa", 1, 1f, 0.5f),
            Games.Update("0xb", 1, 0f, 0f),
            Games.Update("0xc", 1, 2f, -1f),
        ];
        var round = new ContributionRound(1, new float[] { 0, 0 }, updates, evaluator, new SumCoalitionAggregator());

        var result = Exact().Score(round);

        Assert.Equal(0.0, result.Scores[1].Raw);
        Assert.NotEqual(0.0, result.Scores[0].Raw);
    }

    [Fact]
    public void Score_IdenticalContributors_EqualValues()
    {
        float[] same = [0.3f, -0.2f];
        var round = new ContributionRound(
            1, new float[] { 0, 0 },
            [Games.Update("0xa", 7, same), Games.Update("0xb", 2, 1f, 1f), Games.Update("0xc", 7, same)],
            Games.DistanceTo([0.5f, 0f]));

        var result = Exact().Score(round);

        Assert.Equal(result.Scores[0].Raw, result.Scores[2].Raw, 12);
        Assert.NotEqual(result.Scores[0].Raw, result.Scores[1].Raw, 6);
    }

    [Fact]
    public void Score_Exact_EfficiencySumsToFullMinusEmpty()
    {
        var (round, _) = Games.Random(5, 16, seed: 1);

        var result = Exact().Score(round);

        Assert.Equal(result.FullUtility!.Value - result.BaseUtility!.Value, result.Scores.Sum(s => s.Raw), 10);
    }

    [Fact]
    public void Score_Exact_MatchesBruteForceOverAllPermutations()
    {
        var (round, target) = Games.Random(4, 8, seed: 2);

        var result = Exact().Score(round);

        // Independent definition: average marginal contribution over all 4! orders, coalition models in double.
        var n = round.Count;
        var expected = new double[n];
        var orders = Permutations(Enumerable.Range(0, n).ToArray()).ToList();
        foreach (var order in orders)
        {
            var members = new List<int>();
            var previous = UtilityInDouble(round, members, target);
            foreach (var k in order)
            {
                members.Add(k);
                var u = UtilityInDouble(round, members, target);
                expected[k] += (u - previous) / orders.Count;
                previous = u;
            }
        }

        for (var k = 0; k < n; k++)
        {
            Assert.Equal(expected[k], result.Scores[k].Raw, 4);
        }
    }

    [Fact]
    public void Score_Exact_EvaluatesEachCoalitionOnce()
    {
        var (random, target) = Games.Random(6, 10, seed: 3);
        var evaluator = new CountingEvaluator(w => Games.NegativeSquaredDistance(w, target));
        var round = new ContributionRound(1, random.BaseModel, random.Updates, evaluator);

        var result = Exact().Score(round);

        Assert.Equal(64, evaluator.Calls);
        Assert.Equal(64, result.Cost.UtilityEvaluations);
        Assert.Equal(63, result.Cost.CoalitionModelsBuilt);
    }

    [Fact]
    public void Score_ExactIncrementalFedAvg_BitIdenticalToFromScratchAggregation()
    {
        var (incremental, target) = Games.Random(6, 37, seed: 4);
        var scratch = new ContributionRound(1, incremental.BaseModel, incremental.Updates, Games.DistanceTo(target), new ScratchFedAvgAggregator());

        var a = Exact().Score(incremental);
        var b = Exact().Score(scratch);

        Assert.Equal(a.Scores.Select(s => BitConverter.DoubleToInt64Bits(s.Raw)), b.Scores.Select(s => BitConverter.DoubleToInt64Bits(s.Raw)));
    }

    [Fact]
    public void Score_ArrivalOrder_DoesNotChangeScores()
    {
        var (round, target) = Games.Random(5, 12, seed: 6);
        var reversed = new ContributionRound(1, round.BaseModel, round.Updates.Reverse(), Games.DistanceTo(target));

        var a = MonteCarlo(20).Score(round);
        var b = MonteCarlo(20).Score(reversed);

        Assert.Equal(a.Scores, b.Scores);
    }

    // Stated tolerance on 6 contributors, no truncation: with 600 guided permutations (100 per contributor) every
    // Monte-Carlo value is within 10% of the round's total gain |U(N) - U()| of the exact value, with 6,000 within 3%.
    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public void Score_MonteCarloSixContributors_AgreesWithExactWithinTolerance(int seed)
    {
        var (round, _) = Games.Random(6, 20, seed);

        var exact = Exact().Score(round);
        var mc600 = MonteCarlo(600).Score(round);
        var mc6000 = MonteCarlo(6000).Score(round);

        var gain = Math.Abs(exact.FullUtility!.Value - exact.BaseUtility!.Value);
        for (var k = 0; k < round.Count; k++)
        {
            Assert.InRange(Math.Abs(mc600.Scores[k].Raw - exact.Scores[k].Raw), 0, 0.10 * gain);
            Assert.InRange(Math.Abs(mc6000.Scores[k].Raw - exact.Scores[k].Raw), 0, 0.03 * gain);
        }

        Assert.Equal("shapley-mc", mc600.Method);
        Assert.Equal(600, mc600.Permutations);
    }

    [Fact]
    public void Score_MonteCarloWithoutTruncation_EfficiencyHolds()
    {
        var (round, _) = Games.Random(8, 10, seed: 8);

        var result = MonteCarlo(16).Score(round);

        Assert.Equal(result.FullUtility!.Value - result.BaseUtility!.Value, result.Scores.Sum(s => s.Raw), 10);
    }

    [Fact]
    public void Score_MonteCarloSameSeed_BitIdentical()
    {
        var (round, _) = Games.Random(12, 30, seed: 9);

        var first = MonteCarlo(30, truncation: 1e-3, seed: 1234).Score(round);
        var second = MonteCarlo(30, truncation: 1e-3, seed: 1234).Score(round);
        var otherSeed = MonteCarlo(30, truncation: 1e-3, seed: 1235).Score(round);

        Assert.Equal(Bits(first), Bits(second));
        Assert.NotEqual(Bits(first), Bits(otherSeed));
    }

    [Fact]
    public void Score_MonteCarloDifferentRounds_DrawDifferentPermutations()
    {
        var (round1, target) = Games.Random(9, 10, seed: 10, round: 1);
        var round2 = new ContributionRound(2, round1.BaseModel, round1.Updates, Games.DistanceTo(target));

        Assert.NotEqual(Bits(MonteCarlo(9).Score(round1)), Bits(MonteCarlo(9).Score(round2)));
    }

    [Fact]
    public void Score_MonteCarlo_CachesRevisitedCoalitions()
    {
        var (random, target) = Games.Random(4, 10, seed: 11);
        var evaluator = new CountingEvaluator(w => Games.NegativeSquaredDistance(w, target));
        var round = new ContributionRound(1, random.BaseModel, random.Updates, evaluator);

        var result = MonteCarlo(200).Score(round);

        // Only 2^4 coalitions exist: 200 walks must be answered mostly from the cache.
        Assert.InRange(evaluator.Calls, 1, 16);
        Assert.Equal(evaluator.Calls, result.Cost.UtilityEvaluations);
        Assert.True(result.Cost.CacheHits > 0);
    }

    [Fact]
    public void Score_MonteCarloTruncation_FewerEvaluationsSameRanking()
    {
        // Many near-identical good updates: after a few, the prefix model is as good as the full one.
        var (round, _) = Games.Random(16, 10, seed: 12);

        var full = MonteCarlo(32).Score(round);
        var truncated = MonteCarlo(32, truncation: 0.05 * Math.Abs(full.FullUtility!.Value - full.BaseUtility!.Value)).Score(round);

        Assert.True(truncated.Cost.UtilityEvaluations < full.Cost.UtilityEvaluations,
            $"truncated {truncated.Cost.UtilityEvaluations} vs full {full.Cost.UtilityEvaluations}");
        Assert.Equal(ArgMax(full), ArgMax(truncated));
    }

    [Fact]
    public void Score_MonteCarloRoundWithoutNetGain_StillSeparatesHelpfulFromHarmful()
    {
        // w0 = 0, target 0.3: A moves to +1, B to -1, C stays; FedAvg of all three is w0 again, so U(N) = U().
        // Truncating from the first step would score everyone 0; the leader's marginal keeps A above B.
        var round = new ContributionRound(
            1, new float[] { 0 }, [Games.Update("0xa", 1, 1f), Games.Update("0xb", 1, -1f), Games.Update("0xc", 1, 0f)], Games.DistanceTo([0.3f]));

        var mc = MonteCarlo(30, truncation: 1e-3).Score(round);
        var exact = Exact().Score(round);

        Assert.Equal(mc.BaseUtility, mc.FullUtility);
        Assert.True(mc.Scores[0].Raw > mc.Scores[1].Raw, $"A {mc.Scores[0].Raw} vs B {mc.Scores[1].Raw}");
        Assert.True(exact.Scores[0].Raw > exact.Scores[1].Raw);
    }

    [Fact]
    public void Score_GenericAggregatorMonteCarlo_MatchesExactOnAdditiveGame()
    {
        // On an additive game every marginal is the contributor's own value, so any permutation gives it exactly.
        var evaluator = new DelegateModelEvaluator(w => 2.0 * w[0]);
        var round = new ContributionRound(
            1, new float[] { 0 }, [Games.Update("0xa", 1, 1f), Games.Update("0xb", 1, 3f), Games.Update("0xc", 1, -2f)], evaluator, new SumCoalitionAggregator());

        var result = MonteCarlo(5).Score(round);

        Assert.Equal([2.0, 6.0, -4.0], result.Scores.Select(s => s.Raw));
    }

    [Fact]
    public void Score_AutoMode_ExactUpToThresholdThenMonteCarlo()
    {
        var policy = new ShapleyContributionPolicy(new ContributionPolicySpec("shapley", ExactMaxContributors: 4, Permutations: 8));

        Assert.Equal("shapley-exact", policy.Score(Games.Random(4, 5, seed: 13).Round).Method);
        Assert.Equal("shapley-mc", policy.Score(Games.Random(5, 5, seed: 13).Round).Method);
    }

    [Fact]
    public void Score_ExactModeAboveHardLimit_Throws()
    {
        var (round, _) = Games.Random(ContributionPolicySpec.ExactHardLimit + 1, 2, seed: 14);

        var e = Assert.Throws<InvalidOperationException>(() => Exact().Score(round));
        Assert.Contains("2^21", e.Message);
    }

    [Fact]
    public void Score_NonFiniteUtility_ThrowsNamingCoalition()
    {
        var round = new ContributionRound(
            9, new float[] { 0 }, [Games.Update("0xa", 1, 1f), Games.Update("0xb", 1, 2f)], new DelegateModelEvaluator(w => w[0] > 1.2f ? double.NaN : 0));

        var e = Assert.Throws<InvalidOperationException>(() => Exact().Score(round));
        Assert.Contains("round 9", e.Message);
        Assert.Contains("0xb", e.Message);
    }

    [Fact]
    public void Score_Cancelled_StopsBeforeEvaluating()
    {
        var (random, target) = Games.Random(6, 4, seed: 15);
        var evaluator = new CountingEvaluator(w => Games.NegativeSquaredDistance(w, target));
        var round = new ContributionRound(1, random.BaseModel, random.Updates, evaluator);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => Exact().Score(round, cts.Token));
        Assert.Equal(0, evaluator.Calls);
    }

    private static long[] Bits(ContributionScores scores) => scores.Scores.Select(s => BitConverter.DoubleToInt64Bits(s.Raw)).ToArray();

    private static int ArgMax(ContributionScores scores) =>
        Enumerable.Range(0, scores.Scores.Count).MaxBy(k => scores.Scores[k].Raw);

    private static double UtilityInDouble(ContributionRound round, List<int> members, float[] target)
    {
        var p = round.ParameterCount;
        var w = new double[p];
        double total = members.Sum(m => round.Updates[m].NumSamples);
        var u = 0.0;
        for (var i = 0; i < p; i++)
        {
            w[i] = round.BaseModel.Span[i];
            foreach (var m in members)
            {
                w[i] += round.Updates[m].NumSamples * (double)round.Updates[m].Delta.Span[i] / total;
            }

            u -= (w[i] - target[i]) * (w[i] - target[i]);
        }

        return u;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
