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
            var origin = await ledger.ModelOriginAsync(hash, token);
            if (origin.Round == 0)
            {
                throw new CliException($"model {hash} ({path}) was not produced by any round recorded on this ledger");
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
