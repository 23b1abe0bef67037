using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using FedChain.Aggregator.Runs;
using FedChain.Federation.Attacks;
using FedChain.Federation.Contribution;
using FedChain.Federation.Rewards;
using FedChain.Federation.Strategies;
using FedChain.Learning;
using FedChain.Learning.Data;

namespace FedChain.Benchmarks.Robustness;

/// <summary>
/// One federated run of the grid. Honest workers train the round's global model on their partition
/// (two at a time, as the worker host does); the last <c>attackers</c> workers apply the attack; the
/// strategy aggregates exactly as in the aggregator (same objects, canonical order). Attackers that need
/// no honest update of their own (ALIE, IPM, free-riders) do not train, as they would not.
/// </summary>
internal sealed class GridRun(GridSettings settings, FederatedData data, string partition, AttackSpec attack, string strategyText)
{
    private static readonly ConcurrentBag<IModel> Models = [];

    public JsonObject Run(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var configuration = settings.Configuration(strategyText);
        var serverModel = ModelFactory.Create("mlp", unchecked((ulong)settings.Seed));
        var strategy = StrategyCatalog.Create(configuration, (round, global) => TrainDelta(global, data.Validation, Seed((int)round, -1)));
        var global = ModelFactory.Create("mlp", unchecked((ulong)settings.Seed)).Parameters.ToArray();
        var n = settings.Workers;
        var f = attack.Kind == AttackKind.None ? 0 : settings.Attackers;
        var attackers = Enumerable.Range(n - f, f).ToHashSet();
        var flipped = attack.IsDataLevel ? data.Workers.Select(UpdateAttacks.FlipLabels).ToArray() : null;
        var stale = new float[n][];
        var rewardRun = strategyText == settings.RewardStrategy;
        var history = new SketchHistory(settings.Rounds + 1);
        var rewards = new Dictionary<string, Dictionary<string, BigInteger>>(StringComparer.Ordinal)
        {
            ["loo"] = [],
            ["shapley:mc"] = [],
        };
        var screened = new Dictionary<string, int>(StringComparer.Ordinal);
        var accuracy = new JsonObject();
        var failedRounds = 0;
        var trainSeconds = 0.0;
        var scoreSeconds = 0.0;
        int? divergedAt = null;
        var honestNorms = new List<double>();

        for (var round = 1; round <= settings.Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trainClock = Stopwatch.StartNew();
            var trains = Enumerable.Range(0, n).Where(i => !attackers.Contains(i) || attack.NeedsHonestUpdate || (attack.Kind == AttackKind.StaleUpdate && stale[i] is null)).ToArray();
            var honest = new float[n][];
            var snapshot = (float[])global.Clone();
            try
            {
                Parallel.ForEach(trains, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, i =>
                {
                    var local = attackers.Contains(i) && flipped is not null ? flipped[i] : data.Workers[i];
                    honest[i] = TrainDelta(snapshot, local, Seed(round, i));
                });
            }
            catch (AggregateException e) when (e.InnerExceptions.All(x => x is ArithmeticException))
            {
                // The attack drove the model to where local training's loss is no longer finite: the run is lost.
                divergedAt = round;
                break;
            }

            trainSeconds += trainClock.Elapsed.TotalSeconds;

            var honestIds = Enumerable.Range(0, n).Where(i => !attackers.Contains(i)).ToArray();
            honestNorms.Add(honestIds.Average(i => Federation.Numerics.VectorMath.L2Norm(honest[i])));
            var statistics = attack.NeedsColluderStatistics ? UpdateStatistics.Of(honestIds.Select(i => (ReadOnlyMemory<float>)honest[i]).ToArray()) : null;
            var sent = new float[n][];
            for (var i = 0; i < n; i++)
            {
                if (!attackers.Contains(i))
                {
                    sent[i] = honest[i];
                    continue;
                }

                var context = new AttackContext(round, honest[i] ?? ReadOnlyMemory<float>.Empty, snapshot, statistics, n, f,
                    Victim: honest[honestIds[0]], Earlier: stale[i], Seed: unchecked((ulong)settings.Seed * 31) + (ulong)i);
                sent[i] = attack.Apply(context);
                if (attack.Kind == AttackKind.StaleUpdate)
                {
                    stale[i] ??= sent[i];
                }
            }

            // Canonical order, as the aggregator's round closer: by contributor id.
            var aggregation = strategy.BeginAggregate(round, global);
            for (var i = 0; i < n; i++)
            {
                aggregation.Add(new ClientResult(Id(i), data.Workers[i].Count), sent[i]);
            }

            var outcome = aggregation.Complete([]);
            var baseModel = global;
            if (outcome.Succeeded && outcome.Model!.All(float.IsFinite))
            {
                global = outcome.Model!;
            }
            else
            {
                failedRounds++;
            }

            if (rewardRun)
            {
                var scoreClock = Stopwatch.StartNew();
                var sketches = Enumerable.Range(0, n).Select(i => UpdateSketch.Of(sent[i])).ToArray();
                if (round % settings.RewardEvery == 0 || round == settings.Rounds)
                {
                    var verdicts = ContributionScreen.Screen(
                        Enumerable.Range(0, n).Select(i => new ScreenedUpdate(Id(i), i, sketches[i])).ToArray(),
                        UpdateSketch.Of(baseModel),
                        history.Before(round));
                    foreach (var v in verdicts.Where(v => v.Excluded))
                    {
                        var kind = v.Reason!.Split(':')[0];
                        screened[kind] = screened.GetValueOrDefault(kind) + 1;
                    }

                    var contributors = Enumerable.Range(0, n).Select(i => new ContributorUpdate(Id(i), data.Workers[i].Count, sent[i])).ToArray();
                    var evaluator = new DelegateModelEvaluator(p =>
                    {
                        p.CopyTo(serverModel.Parameters);
                        return -Evaluator.Evaluate(serverModel, data.Validation).Loss;
                    });
                    foreach (var (policyName, totals) in rewards)
                    {
                        var policy = ContributionPolicySpec.Parse(policyName == "shapley:mc" ? $"shapley:mc:{settings.Permutations}" : policyName,
                            unchecked((ulong)settings.Seed)).CreatePolicy();
                        var scores = ContributionScreen.ScoreKept(policy, round, baseModel, contributors, verdicts, evaluator, cancellationToken);
                        foreach (var reward in new RewardPolicy(BigInteger.Parse("1000000000000000000000", CultureInfo.InvariantCulture)).Allocate(scores).Rewards)
                        {
                            totals[reward.ContributorId] = totals.GetValueOrDefault(reward.ContributorId) + reward.Amount;
                        }
                    }
                }

                history.Record(round, Enumerable.Range(0, n).Select(i => (Id(i), sketches[i])));
                scoreSeconds += scoreClock.Elapsed.TotalSeconds;
            }

            if (round % 10 == 0 || round == settings.Rounds)
            {
                accuracy[round.ToString(CultureInfo.InvariantCulture)] = Math.Round(Test(global), 4);
            }
        }

        var line = new JsonObject
        {
            ["bench"] = "robustness",
            ["partition"] = partition,
            ["strategy"] = strategyText,
            ["workers"] = n,
            ["attackers"] = f,
            ["rounds"] = settings.Rounds,
            ["samples"] = data.Workers.Sum(w => w.Count),
            ["seed"] = settings.Seed,
            ["final_accuracy"] = divergedAt is null ? accuracy[settings.Rounds.ToString(CultureInfo.InvariantCulture)]!.GetValue<double>() : Math.Round(Test(global), 4),
            ["diverged_at"] = divergedAt,
            ["accuracy"] = accuracy,
            ["failed_rounds"] = failedRounds,
            ["honest_update_norm"] = new JsonObject { ["first"] = Math.Round(honestNorms[0], 4), ["last"] = Math.Round(honestNorms[^1], 4) },
            ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
            ["train_seconds"] = Math.Round(trainSeconds, 1),
            ["score_seconds"] = Math.Round(scoreSeconds, 1),
        };
        if (rewardRun)
        {
            var rewardNode = new JsonObject();
            foreach (var (policyName, totals) in rewards)
            {
                rewardNode[policyName] = Shares(totals, attackers, n);
            }

            rewardNode["screened"] = new JsonObject(screened.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
            line["rewards"] = rewardNode;
        }

        return line;
    }

    private static string Id(int i) => "w" + i.ToString("D2", CultureInfo.InvariantCulture);

    private ulong Seed(int round, int worker) => unchecked(((ulong)settings.Seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)round << 20) ^ (ulong)(worker + 1));

    /// <summary>The attackers' share of everything paid, and their pay against the fair share (an honest worker's pay per sample times their samples).</summary>
    private JsonObject Shares(Dictionary<string, BigInteger> totals, HashSet<int> attackers, int n)
    {
        double Paid(int i) => (double)totals.GetValueOrDefault(Id(i));
        var all = Enumerable.Range(0, n).Sum(Paid);
        var honest = Enumerable.Range(0, n).Where(i => !attackers.Contains(i)).ToArray();
        var perSample = honest.Sum(Paid) / honest.Sum(i => (double)data.Workers[i].Count);
        var attackerPaid = attackers.Sum(Paid);
        var fair = attackers.Sum(i => perSample * data.Workers[i].Count);
        return new JsonObject
        {
            ["attacker_share"] = all > 0 ? Math.Round(attackerPaid / all, 4) : 0,
            ["of_fair_share"] = fair > 0 ? Math.Round(attackerPaid / fair, 4) : 0,
        };
    }

    private float[] TrainDelta(float[] global, Dataset local, ulong seed)
    {
        if (!Models.TryTake(out var model))
        {
            model = ModelFactory.Create("mlp", 0);
        }

        try
        {
            global.CopyTo(model.Parameters);
            LocalTrainer.Train(model, local, new TrainingPlan(settings.Epochs, settings.Batch, (float)settings.LearningRate, Seed: seed));
            var delta = new float[global.Length];
            System.Numerics.Tensors.TensorPrimitives.Subtract(model.Parameters, global, delta);
            return delta;
        }
        finally
        {
            Models.Add(model);
        }
    }

    private double Test(float[] parameters)
    {
        if (!parameters.All(float.IsFinite))
        {
            return 0;
        }

        if (!Models.TryTake(out var model))
        {
            model = ModelFactory.Create("mlp", 0);
        }

        try
        {
            parameters.CopyTo(model.Parameters);
            return Evaluator.Evaluate(model, data.Test).Accuracy;
        }
        finally
        {
            Models.Add(model);
        }
    }
}
