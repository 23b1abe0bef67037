using System.Text.Json;
using FedChain.Aggregator.Runs;
using FedChain.Aggregator.State;
using FedChain.Ethereum;
using LedgerOptions = FedChain.Ledger.LedgerOptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace FedChain.Aggregator.Web;

/// <summary>
/// The read-only JSON API over the aggregator's store: runs, rounds, their contributions and rejections, the
/// participants, and where the chain is. It serves what is already public on-chain or in the run's spec (no keys,
/// no training data, no operator token).
/// </summary>
internal static class ReadOnlyApi
{
    public static IEndpointRouteBuilder MapReadOnlyApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/chain", (IOptions<LedgerOptions> ledger, IOptions<ConsoleOptions> console, IOptions<OperatorOptions> operators) => Results.Ok(new
        {
            rpcUrl = PublicRpcUrl(console.Value, ledger.Value),
            chainId = ledger.Value.ChainId,
            ledgerAddress = ledger.Value.LedgerAddress,
            refreshMilliseconds = console.Value.RefreshMilliseconds,
            operatorActions = operators.Value.Enabled,
        }));
        api.MapGet("/runs", (AggregatorStore store) => Results.Ok(store.ListRuns().Select(Summary)));
        api.MapGet("/runs/{runId}", (string runId, AggregatorStore store) =>
        {
            if (!IsRunId(runId))
            {
                return Results.BadRequest(new { error = $"run id '{runId}' is not 0x + 64 hex digits" });
            }

            var run = store.GetRun(runId.ToLowerInvariant());
            if (run is null)
            {
                return Results.NotFound(new { error = $"run {runId} is not known to this aggregator" });
            }

            var commits = store.GetCommits(run.RunId);
            var configuration = RunSpec.ConfigurationOf(run.SpecJson);
            return Results.Ok(new
            {
                run = Summary(run),
                rounds = store.ListRounds(run.RunId).Select(r => Round(store, r, commits, configuration.RoundTimeout)),
                rejections = store.GetRejections(run.RunId).Select(Rejection),
                // The run's privacy ledger: its DP terms (null: none) and per hospital the epsilon its committed contributions recorded.
                privacy = new
                {
                    terms = configuration.Privacy,
                    hospitals = ParticipantView.OfRun(store, run).Select(p => new
                    {
                        address = p.Address,
                        workerIds = p.WorkerIds,
                        rounds = p.Rounds.Count,
                        epsilonMicros = p.Rounds.Sum(r => (long)r.EpsilonMicros),
                    }),
                },
            });
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
                : Results.Ok(Round(store, record, store.GetCommits(record.RunId), RunSpec.ConfigurationOf(store.GetRun(record.RunId)!.SpecJson).RoundTimeout));
        });
        api.MapGet("/participants", (AggregatorStore store) => Results.Ok(ParticipantView.All(store).Select(p => new
        {
            address = p.Address,
            workerIds = p.WorkerIds,
            rounds = p.Rounds.Count,
            totalReward = p.TotalReward.ToString(System.Globalization.CultureInfo.InvariantCulture),
            epsilonByRun = p.EpsilonByRun,
        })));
        api.MapGet("/participants/{address}", (string address, AggregatorStore store) =>
        {
            Address parsed;
            try
            {
                parsed = Address.Parse(address);
            }
            catch (FormatException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }

            var participant = ParticipantView.All(store).FirstOrDefault(p => p.Address == parsed.ToLowerString());
            if (participant is null)
            {
                return Results.NotFound(new { error = $"address {parsed.ToChecksumString()} has no contribution on this aggregator" });
            }

            var runs = participant.Rounds.Select(r => r.RunId).Distinct().ToArray();
            return Results.Ok(new
            {
                address = participant.Address,
                workerIds = participant.WorkerIds,
                totalReward = participant.TotalReward.ToString(System.Globalization.CultureInfo.InvariantCulture),
                rounds = participant.Rounds,
                epsilonByRun = participant.EpsilonByRun,
                // Every committed round of the runs it took part in: the lineage its rewards hang on.
                lineage = runs.Select(runId => new
                {
                    runId,
                    rounds = store.ListRounds(runId).Where(r => r.Status == RoundStatus.Committed)
                        .Select(r => new { round = r.Round, baseModelHash = r.BaseModelHash, newModelHash = r.NewModelHash }),
                }),
                rejections = runs.SelectMany(store.GetRejections).Where(r => participant.WorkerIds.Contains(r.WorkerId)).Select(Rejection),
            });
        });
        return endpoints;
    }

    /// <summary>The chain URL browsers get: Console:ChainRpcUrl, else Ledger:RpcUrl without user info and query (where credentials live), which never leave the server.</summary>
    internal static string PublicRpcUrl(ConsoleOptions console, LedgerOptions ledger)
    {
        if (!string.IsNullOrWhiteSpace(console.ChainRpcUrl))
        {
            return console.ChainRpcUrl;
        }

        return Uri.TryCreate(ledger.RpcUrl, UriKind.Absolute, out var uri)
            ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty, Query = string.Empty }.Uri.ToString()
            : string.Empty;
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

    private static object Rejection(RejectedUpdate rejection) => new
    {
        runId = rejection.RunId,
        round = rejection.Round,
        workerId = rejection.WorkerId,
        updateHash = rejection.UpdateHash,
        reason = rejection.Reason,
        message = rejection.Message,
        at = rejection.At,
    };

    private static object Round(AggregatorStore store, RoundRecord round, IReadOnlyDictionary<int, CommitRecord> commits, TimeSpan roundTimeout) => new
    {
        round = round.Round,
        status = round.Status.ToString(),
        baseModelHash = round.BaseModelHash,
        newModelHash = round.NewModelHash,
        transactionHash = round.TransactionHash,
        gasUsed = commits.TryGetValue(round.Round, out var commit) ? commit.GasUsed : (long?)null,
        openedAt = round.Deadline - roundTimeout,
        committedAt = commit?.CommittedAt,
        selectedWorkers = round.SelectedWorkers,
        deadline = round.Deadline,
        result = round.ResultJson is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(round.ResultJson),
        updates = store.GetUpdates(round.RunId, round.Round).Select(u => new { workerId = u.WorkerId, address = u.Address, updateHash = u.UpdateHash, samples = u.NumSamples }),
    };
}
