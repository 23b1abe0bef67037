using System.Globalization;
using System.Numerics;
using FedChain.Aggregator.Evaluation;
using FedChain.Federation.Contribution;
using FedChain.Federation.Rewards;
using FedChain.Learning;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// Scores a closed round's contributors with the run's policy on the aggregator's validation set, and
/// splits the round's reward pool by the on-chain score (ppm) so anyone can recompute it from the chain.
/// The utility is the negative validation loss: smoother than accuracy, so small but real
/// contributions (and harmful ones) are not lost in accuracy's 1/n steps.
/// </summary>
public static class ContributionScoring
{
    /// <summary>The run's policy, with its seed (part of the run's spec).</summary>
    public static ContributionPolicySpec PolicyOf(Messages.RunConfiguration configuration) =>
        ContributionPolicySpec.Parse(configuration.ContributionPolicy, unchecked((ulong)configuration.Seed));

    /// <summary>True when the policy needs every update's values (anything but the sample share).</summary>
    public static bool NeedsUpdates(ContributionPolicySpec spec) => spec.Name != "samples";

    /// <summary>
    /// Scores one round. <paramref name="updates"/> are keyed by contributor address (lower-case) and must
    /// hold deltas when <see cref="NeedsUpdates"/> says so. Contributors the free-rider screen excluded
    /// (<paramref name="verdicts"/>) are left out of the game and score zero.
    /// </summary>
    public static (ContributionScores Scores, RewardAllocation Rewards) Score(
        ContributionPolicySpec spec, long round, float[] baseModel, IReadOnlyList<ContributorUpdate> updates, ITrainableModel model, ServerEvaluation evaluation, BigInteger pool,
        IReadOnlyList<ScreenVerdict>? verdicts = null)
    {
        var needs = NeedsUpdates(spec);
        var evaluator = needs ? new DelegateModelEvaluator(parameters => -evaluation.EvaluateValidation(model, parameters).Loss) : null;
        var scores = ContributionScreen.ScoreKept(spec.CreatePolicy(), round, needs ? baseModel : ReadOnlyMemory<float>.Empty, updates, verdicts ?? [], evaluator);
        return (scores, new RewardPolicy(pool).Allocate(scores));
    }

    /// <summary>Parses a reward amount (token base units) from the configuration.</summary>
    public static BigInteger ParsePool(string text) =>
        BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"RewardPerRound '{text}' is not a non-negative integer of token base units");
}
