using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using FedChain.Cli.Export;
using FedChain.Cli.Infrastructure;
using FedChain.Ethereum;
using FedChain.Learning.Torch;
using FedChain.Learning.Torch.Export;
using FedChain.Ledger;

namespace FedChain.Cli.Commands;

/// <summary>`fedchain models export`: a committed global model in a format PyTorch loads, checked against the chain first.</summary>
public static class ModelsCommand
{
    private static readonly string[] Formats = ["torchscript", "safetensors"];

    /// <summary>Builds the command group.</summary>
    public static Command Create()
    {
        var group = new Command("models", "Take committed models out of FedChain");
        group.Subcommands.Add(Export());
        return group;
    }

    private static Command Export()
    {
        var chain = new ChainOptions();
        var run = new Option<string>("--run") { Description = "The run (0x bytes32 id)", Required = true };
        var round = new Option<int?>("--round") { Description = "The committed round whose model to export (default: the last committed round)" };
        var state = new Option<string>("--state") { Description = "The aggregator's state directory (its SQLite store and blobs)", Required = true };
        var format = new Option<string>("--format") { Description = "torchscript (torch.jit.load, no class needed) | safetensors (a state dict by parameter name)", Required = true };
        var output = new Option<string>("--out") { Description = "The file to write", Required = true };
        var modelFile = new Option<string?>("--model-file") { Description = "The task's TorchScript file, for a state that does not hold it (checked against the task's hash)" };
        var offline = new Option<bool>("--offline") { Description = "Check the model against the aggregator's record only, without the chain" };
        var command = new Command("export", "Write a round's committed global model for PyTorch, after checking its hash against the chain's record of the round")
        {
            run, round, state, format, output, modelFile, offline,
        };
        chain.AddTo(command, writes: false);
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var runId = ChainOptions.ParseHash(result.GetValue(run), "--run");
            var kind = result.GetValue(format)!;
            if (!Formats.Contains(kind, StringComparer.Ordinal))
            {
                throw new CliException($"--format '{kind}' is not one of: {string.Join(", ", Formats)}", 2);
            }

            var destination = Path.GetFullPath(result.GetValue(output)!);
            CheckWritable(destination);

            using var committed = CommittedModel.Load(result.GetValue(state)!, runId.ToString(), result.GetValue(round), result.GetValue(modelFile));
            var checkedAgainst = result.GetValue(offline)
                ? "the aggregator's record (--offline)"
                : await CheckChainAsync(chain, result, runId, committed, token);

            var written = Write(committed, kind, destination);
            var sha256 = "0x" + Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(destination, token)));
            if (result.GetValue(chain.Json))
            {
                Output.Json(new { runId = committed.RunId, round = committed.Round, modelHash = committed.ModelHash, model = committed.Description, checkedAgainst,
                    format = kind, file = destination, sha256, tensors = committed.Model.Layout.Slices.Count, parameters = committed.Parameters.Length, readBack = written });
            }
            else
            {
                Output.Pairs("model exported", [("run", committed.RunId), ("round", committed.Round.ToString(CultureInfo.InvariantCulture)),
                    ("model", committed.Description), ("model hash", committed.ModelHash), ("checked against", checkedAgainst),
                    ("format", kind), ("file", destination), ("file SHA-256", sha256), ("read back", written),
                    ("tensors", committed.Model.Layout.Slices.Count.ToString(CultureInfo.InvariantCulture)),
                    ("parameters", committed.Parameters.Length.ToString(CultureInfo.InvariantCulture))]);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static void CheckWritable(string destination)
    {
        if (Directory.Exists(destination))
        {
            throw new CliException($"--out '{destination}' is a directory, expected a file path", 2);
        }

        var folder = Path.GetDirectoryName(destination)!;
        if (!Directory.Exists(folder))
        {
            throw new CliException($"--out '{destination}' cannot be written: folder '{folder}' does not exist", 2);
        }
    }

    /// <summary>The chain must record the run with this spec and the round with this model hash; returns what was checked.</summary>
    private static async Task<string> CheckChainAsync(ChainOptions chain, ParseResult result, Bytes32 runId, CommittedModel committed, CancellationToken token)
    {
        var ledger = await chain.ConnectAsync(result, writes: false, token);
        var where = $"the ledger {ledger.LedgerAddress.ToChecksumString()} at {chain.RpcUri(result)}";
        Ledger.RunRecord onChain;
        try
        {
            onChain = await ledger.RunOfAsync(runId, token);
        }
        catch (LedgerRevertException e) when (e.ErrorName == "UnknownRun")
        {
            throw new CliException($"run {runId} is not on {where}: check --ledger and --rpc");
        }

        if (onChain.SpecHash.ToString() != committed.SpecHash())
        {
            throw new CliException($"run {runId}: the state's spec hashes to {committed.SpecHash()}, {where} records spec {onChain.SpecHash}");
        }

        var last = await ledger.LastRoundAsync(runId, token);
        if ((ulong)committed.Round > last)
        {
            throw new CliException($"round {committed.Round} of run {runId} is not on {where} (last committed round there: {last})");
        }

        var record = await ledger.RoundOfAsync(runId, (ulong)committed.Round, token);
        return record.NewModelHash.ToString() == committed.ModelHash.ToLowerInvariant()
            ? $"{where}: round {committed.Round} records model {record.NewModelHash}, run spec {onChain.SpecHash}"
            : throw new CliException($"round {committed.Round} of run {runId}: the state's model is {committed.ModelHash}, {where} records {record.NewModelHash}");
    }

    /// <summary>
    /// Writes beside the destination (a TorchScript run's own module with the parameters put in, or a built-in architecture's
    /// archive), reads the file back with TorchSharp and compares it with the committed vector, then moves it into place.
    /// </summary>
    private static string Write(CommittedModel committed, string kind, string destination)
    {
        var temporary = destination + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            float[] readBack;
            if (kind == "safetensors")
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                {
                    SafetensorsFile.Write(committed.Model.Layout, committed.Parameters, stream);
                }

                readBack = SafetensorsFile.Read(committed.Model.Layout, temporary);
            }
            else
            {
                if (committed.BuiltIn is { } spec)
                {
                    using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
                    BuiltInTorchScript.Write(spec, committed.Model.Layout, committed.Parameters, stream);
                }
                else
                {
                    TorchEngine.SaveTorchScript(committed.Model, committed.Parameters, temporary);
                }

                var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(temporary)));
                using var reloaded = TorchEngine.LoadTorchScript(temporary, sha256, committed.Model.InputShape, committed.Model.NumClasses);
                readBack = reloaded.InitialParameters();
            }

            if (!readBack.AsSpan().SequenceEqual(committed.Parameters))
            {
                throw new CliException($"the {kind} file written for round {committed.Round} of run {committed.RunId} does not read back as the committed model");
            }

            File.Move(temporary, destination, overwrite: true);
            return $"{committed.Parameters.Length} values equal to the committed model's";
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException && e is not FileNotFoundException)
        {
            throw new CliException($"--out '{destination}' cannot be written: {e.Message}", 2);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
