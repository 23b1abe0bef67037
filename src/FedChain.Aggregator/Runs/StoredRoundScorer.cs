using FedChain.Aggregator.Evaluation;
using FedChain.Aggregator.State;
using FedChain.Federation.Contribution;
using FedChain.Federation.Encoding;
using FedChain.Federation.Rewards;
using FedChain.Learning;
using FedChain.Learning.Torch;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// Recomputes a committed round's scores and rewards from what the aggregator kept (the run's spec,
/// the round's base model and its accepted updates) and the validation set the spec names: the same
/// code path the aggregator ran, so an auditor gets the same bits.
/// </summary>
public static class StoredRoundScorer
{
    /// <summary>Scores round <paramref name="round"/> of run <paramref name="runId"/>; the validation set must match the spec's hash.</summary>
    public static (ContributionScores Scores, RewardAllocation Rewards) Recompute(AggregatorStore store, ContentStore blobs, string runId, int round, ServerEvaluation evaluation)
    {
        var run = store.GetRun(runId) ?? throw new InvalidDataException($"the aggregator state holds no run {runId}");
        var record = store.GetRound(runId, round) ?? throw new InvalidDataException($"the aggregator state holds no round {round} of run {runId}");
        var (validationHash, _) = RunSpec.ValidationSetOf(run.SpecJson);
        if (!string.Equals(validationHash, evaluation.ValidationHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"the validation set hashes to {evaluation.ValidationHash}, the run's spec names {validationHash}");
        }

        var configuration = RunSpec.ConfigurationOf(run.SpecJson);
        var policy = ContributionScoring.PolicyOf(configuration);
        using var model = LearningEngines.Create(configuration.Engine).Create(ModelFactory.SpecOf(configuration.ModelName));
        var baseModel = VectorEncoding.Decode(blobs.Get(record.BaseModelHash), model.Layout, PayloadKind.Model).ToArray();
        var keep = ContributionScoring.NeedsUpdates(policy);
        var updates = store.GetUpdates(runId, round)
            .OrderBy(u => u.Address, StringComparer.Ordinal)
            .Select(u => new ContributorUpdate(u.Address, u.NumSamples,
                keep ? VectorEncoding.Decode(blobs.Get(u.UpdateHash), model.Layout, PayloadKind.Update).ToArray() : ReadOnlyMemory<float>.Empty))
            .ToArray();
        var verdicts = RoundScreening.Screen(store, blobs, runId, round, model.Layout, baseModel,
            RoundScreening.Sketch(store, blobs, runId, round, model.Layout), new SketchHistory());
        return ContributionScoring.Score(policy, round, baseModel, updates, model, evaluation, ContributionScoring.ParsePool(configuration.RewardPerRound), verdicts);
    }
}
