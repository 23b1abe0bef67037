using System.Text.Json;
using FedChain.Aggregator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FedChain.Aggregator.Web;

/// <summary>
/// The read-only JSON API over the aggregator's store: runs, rounds and their contributions. It serves
/// what is already public on-chain or in the run's spec (no keys, no training data).
/// </summary>
internal static class ReadOnlyApi
{
    public static IEndpointRouteBuilder MapReadOnlyApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/runs", (AggregatorStore store) => Results.Ok(store.ListRuns().Select(Summary)));
        api.MapGet("/runs/{runId}", (string runId, AggregatorStore store) =>
        {
            if (!IsRunId(runId))
            {
                return Results.BadRequest(new { error = $"run id '{runId}' is not 0x + 64 hex digits" });
            }

            var run = store.GetRun(runId.ToLowerInvariant());
            return run is null
                ? Results.NotFound(new { error = $"run {runId} is not known to this aggregator" })
                : Results.Ok(new { run = Summary(run), rounds = store.ListRounds(run.RunId).Select(r => Round(store, r)) });
        });
        api.MapGet("/runs/{runId}/rounds/{round:int}", (string runId, int round, AggregatorStore store) =>
        {
            if (!IsRunId(runId))
            {
                return Results.BadRequest(new { error = $"run id '{runId}' is not 0x + 64 hex digits" });
            }

            var record = store.GetRound(runId.ToLowerInvariant(), round);
            return record is null
                ? Results.NotFound(new { error = $"round {round} of run {runId} is not known to this aggregator" })
                : Results.Ok(Round(store, record));
        });
        return endpoints;
    }

    private static bool IsRunId(string text) => text.Length == 66 && text.StartsWith("0x", StringComparison.Ordinal) && text.AsSpan(2).ContainsAnyExcept("0123456789abcdefABCDEF") is false;

    private static object Summary(RunRecord run) => new
    {
        runId = run.RunId,
        status = run.Status.ToString(),
        lastCommittedRound = run.LastCommittedRound,
        currentModelHash = run.CurrentModelHash,
        reason = run.Reason,
    };

    private static object Round(AggregatorStore store, RoundRecord round) => new
    {
        round = round.Round,
        status = round.Status.ToString(),
        baseModelHash = round.BaseModelHash,
        newModelHash = round.NewModelHash,
        transactionHash = round.TransactionHash,
        selectedWorkers = round.SelectedWorkers,
        deadline = round.Deadline,
        result = round.ResultJson is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(round.ResultJson),
        updates = store.GetUpdates(round.RunId, round.Round).Select(u => new { workerId = u.WorkerId, address = u.Address, updateHash = u.UpdateHash, samples = u.NumSamples }),
    };
}
