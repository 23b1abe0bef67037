using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FedChain.Aggregator.Chain;
using FedChain.Aggregator.Evaluation;
using FedChain.Aggregator.State;
using FedChain.Federation.Contribution;
using FedChain.Federation.Encoding;
using FedChain.Federation.Strategies;
using FedChain.Messages;
using Microsoft.Extensions.Logging;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// Turns an aggregated round into a commit: stores the new model, evaluates it, scores the
/// contributors, splits the reward, and persists all of it (status CommitSent) before anything is
/// sent, so a crash between here and the chain is recovered by sending the same commit again.
/// </summary>
internal sealed class RoundCloser(AggregatorStore store, ContentStore blobs, IRoundLedger ledger, ILogger logger)
{
    /// <summary>
    /// Aggregates the round from the persisted updates in canonical order (by contributor address), so
    /// the new model does not depend on the order updates happened to arrive in: a rerun, a restart or
    /// an auditor gets the same bits. One update is decoded at a time: memory stays O(parameters) for
    /// streaming strategies unless the contribution policy needs every update.
    /// </summary>
    public (RoundRecord Record, AggregationOutcome Outcome) Prepare(ActiveRun run, OpenRound round, IReadOnlyList<ClientFailure> failures)
    {
        var timings = new Dictionary<string, double>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var policy = ContributionScoring.PolicyOf(run.Configuration);
        var keepUpdates = ContributionScoring.NeedsUpdates(policy);
        var updates = store.GetUpdates(run.Record.RunId, round.Number).OrderBy(u => u.Address, StringComparer.Ordinal).ToArray();
        var aggregation = run.Strategy.BeginAggregate(round.Number, run.GlobalModel);
        var contributors = new List<ContributorUpdate>(updates.Length);
        var sketches = new Dictionary<string, UpdateSketch>(StringComparer.Ordinal);
        foreach (var update in updates)
        {
            var vector = VectorEncoding.Decode(blobs.Get(update.UpdateHash), run.Model.Layout, PayloadKind.Update);
            aggregation.Add(new ClientResult(update.WorkerId, update.NumSamples), vector.Values);
            sketches[update.Address] = UpdateSketch.Of(vector.Values);
            contributors.Add(new ContributorUpdate(update.Address, update.NumSamples, keepUpdates ? vector.ToArray() : ReadOnlyMemory<float>.Empty));
        }

        var outcome = aggregation.Complete(failures);
        timings["aggregate_s"] = clock.Elapsed.TotalSeconds;
        if (!outcome.Succeeded)
        {
            return (store.GetRound(run.Record.RunId, round.Number)!, outcome);
        }

        clock.Restart();
        var model = outcome.Model!;
        var newHash = "0x" + blobs.Put(VectorEncoding.Encode(run.Model.Layout, model, PayloadKind.Model));
        var evaluation = run.Evaluation;
        var test = evaluation.EvaluateTest(run.Model, model);
        var validation = evaluation.EvaluateValidation(run.Model, model);
        timings["evaluate_s"] = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var verdicts = RoundScreening.Screen(store, blobs, run.Record.RunId, round.Number, run.Model.Layout, run.GlobalModel, sketches, run.Sketches);
        var (scores, rewards) = ContributionScoring.Score(policy, round.Number, run.GlobalModel, contributors, run.Model, evaluation,
            ContributionScoring.ParsePool(run.Configuration.RewardPerRound), verdicts);
        run.Sketches.Record(round.Number, sketches.Select(e => (e.Key, e.Value)));
        timings["score_s"] = clock.Elapsed.TotalSeconds;
        timings["score_evaluations"] = scores.Cost.UtilityEvaluations;
        var byAddress = updates.ToDictionary(u => u.Address, StringComparer.Ordinal);
        var scored = rewards.Rewards.Select(r =>
        {
            var update = byAddress[r.ContributorId];
            return new ScoredContribution(update.WorkerId, update.Address, update.UpdateHash, update.NumSamples, r.RawScore, r.ScorePpm,
                r.Amount.ToString(CultureInfo.InvariantCulture), "0x" + Convert.ToHexStringLower(update.Signature), ContributionEpsilon.Of(update));
        }).ToArray();

        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["test_accuracy"] = test.Accuracy,
            ["test_loss"] = test.Loss,
            ["validation_accuracy"] = validation.Accuracy,
            ["validation_loss"] = validation.Loss,
        };
        foreach (var (key, value) in outcome.Metrics)
        {
            metrics["aggregation_" + key] = value;
        }

        // Per contributor, what the strategy and the free-rider screen did with its update and why: part of
        // the hashed metrics, so the reasons are committed on-chain with the round.
        var verdictOf = verdicts.ToDictionary(v => v.ContributorId, StringComparer.Ordinal);
        var aggregated = outcome.Contributions.ToDictionary(c => c.ClientId, StringComparer.Ordinal);
        var perContributor = updates.Select(u => new
        {
            address = u.Address,
            worker = u.WorkerId,
            weight = aggregated.TryGetValue(u.WorkerId, out var c) ? c.Weight : 0,
            clip_scale = aggregated.TryGetValue(u.WorkerId, out var s) ? s.ClipScale : 1,
            aggregation = aggregated.TryGetValue(u.WorkerId, out var n) ? n.Note : null,
            scoring = verdictOf[u.Address].Reason,
        }).ToArray();
        metrics["screened"] = verdicts.Count(v => v.Excluded);
        var metricsJson = JsonSerializer.Serialize(new { round = round.Number, model = newHash, policy = scores.Policy, metrics, contributors = perContributor });
        var metricsHash = "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(metricsJson)));
        var result = new RoundResult(newHash, metricsHash, metricsJson, test.Accuracy, test.Loss, validation.Accuracy, scored, timings);

        var record = store.GetRound(run.Record.RunId, round.Number)! with
        {
            Status = RoundStatus.CommitSent,
            NewModelHash = newHash,
            ResultJson = JsonSerializer.Serialize(result),
        };
        store.SaveRound(record);
        logger.LogInformation("round {Round}: aggregated {Count} updates, test accuracy {Accuracy:P2}, loss {Loss:F4}; {Policy} scores in {Seconds:F2} s",
            round.Number, scored.Length, test.Accuracy, test.Loss, scores.Method, timings["score_s"]);
        return (record, outcome);
    }

    public async Task<CommitReceipt> CommitAsync(ActiveRun run, RoundRecord prepared, RoundResult result, CancellationToken cancellationToken)
    {
        var runId = RunIds.Parse(run.Record.RunId);
        // The persisted result is the commit, epsilon included: what the console shows from the store is what the chain got.
        var request = new RoundCommitRequest(
            runId,
            prepared.Round,
            FromHex(prepared.BaseModelHash),
            FromHex(result.NewModelHash),
            FromHex(result.MetricsHash),
            result.Contributions.Select(c => new CommittedContribution(c.Address, FromHex(c.UpdateHash), c.NumSamples, c.ScorePpm,
                BigInteger.Parse(c.Reward, CultureInfo.InvariantCulture), FromHex(c.Signature), c.EpsilonMicros)).ToArray());
        if (await ledger.LastRoundAsync(runId, cancellationToken) >= prepared.Round)
        {
            // The chain already has this round (a resend after a crash): it is committed, exactly once.
            logger.LogWarning("round {Round} of run {RunId} is already on-chain; not sending it again", prepared.Round, run.Record.RunId);
            return new CommitReceipt(prepared.TransactionHash ?? string.Empty, 0);
        }

        return await ledger.CommitRoundAsync(request, cancellationToken);
    }

    private static byte[] FromHex(string hex) => Convert.FromHexString(hex.AsSpan(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? 2 : 0));
}
