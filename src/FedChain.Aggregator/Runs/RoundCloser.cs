using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FedChain.Aggregator.Chain;
using FedChain.Aggregator.Evaluation;
using FedChain.Aggregator.State;
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
internal sealed class RoundCloser(AggregatorStore store, ContentStore blobs, IRoundLedger ledger, ServerEvaluation evaluation, ILogger logger)
{
    public RoundRecord Prepare(ActiveRun run, OpenRound round, AggregationOutcome outcome)
    {
        var timings = new Dictionary<string, double>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var model = outcome.Model!;
        var newHash = "0x" + blobs.Put(VectorEncoding.Encode(run.Model.Layout, model, PayloadKind.Model));
        timings["store_model_s"] = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var test = evaluation.EvaluateTest(run.Model, model);
        var validation = evaluation.EvaluateValidation(run.Model, model);
        timings["evaluate_s"] = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var updates = store.GetUpdates(run.Record.RunId, round.Number);
        var scored = ContributionScoring.Score(run, round, updates, blobs, evaluation);
        timings["score_s"] = clock.Elapsed.TotalSeconds;

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

        var metricsJson = JsonSerializer.Serialize(new { round = round.Number, model = newHash, metrics });
        var metricsHash = "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(metricsJson)));
        var result = new RoundResult(newHash, metricsHash, metricsJson, test.Accuracy, test.Loss, validation.Accuracy, scored, timings);

        var record = store.GetRound(run.Record.RunId, round.Number)! with
        {
            Status = RoundStatus.CommitSent,
            NewModelHash = newHash,
            ResultJson = JsonSerializer.Serialize(result),
        };
        store.SaveRound(record);
        logger.LogInformation("round {Round}: aggregated {Count} updates, test accuracy {Accuracy:P2}, loss {Loss:F4}",
            round.Number, scored.Count, test.Accuracy, test.Loss);
        return record;
    }

    public async Task<CommitReceipt> CommitAsync(ActiveRun run, RoundRecord prepared, RoundResult result, CancellationToken cancellationToken)
    {
        var runId = RunIds.Parse(run.Record.RunId);
        var request = new RoundCommitRequest(
            runId,
            prepared.Round,
            FromHex(prepared.BaseModelHash),
            FromHex(result.NewModelHash),
            FromHex(result.MetricsHash),
            result.Contributions.Select(c => new CommittedContribution(c.Address, FromHex(c.UpdateHash), c.NumSamples, c.ScorePpm,
                BigInteger.Parse(c.Reward, CultureInfo.InvariantCulture), FromHex(c.Signature))).ToArray());
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
