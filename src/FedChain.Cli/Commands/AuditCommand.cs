using System.CommandLine;
using System.Globalization;
using FedChain.Cli.Audit;
using FedChain.Cli.Infrastructure;

namespace FedChain.Cli.Commands;

/// <summary>`fedchain audit export`: writes a round's audit bundle from the aggregator's state, for `fedchain verify scores --bundle`.</summary>
public static class AuditCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create()
    {
        var group = new Command("audit", "Export what an auditor needs to recompute a round without access to the aggregator");
        var run = new Option<string>("--run") { Description = "The run (0x bytes32 id)", Required = true };
        var round = new Option<int>("--round") { Description = "The round", Required = true };
        var state = new Option<string>("--state") { Description = "The aggregator's state directory (its SQLite store and blobs)", Required = true };
        var output = new Option<string>("--out") { Description = "The bundle folder to write", Required = true };
        var export = new Command("export", "Write a round's bundle: its updates, the run's spec, the base model, the validation set's hash and source") { run, round, state, output };
        export.SetAction((result, cancellationToken) => CommandActions.RunAsync(token =>
        {
            var runId = ChainOptions.ParseHash(result.GetValue(run), "--run");
            var manifest = AuditBundle.Export(result.GetValue(state)!, runId.ToString(), result.GetValue(round), result.GetValue(output)!);
            Output.Pairs("audit bundle written", [("run", manifest.RunId), ("round", manifest.Round.ToString(CultureInfo.InvariantCulture)),
                ("updates", manifest.Updates.Count.ToString(CultureInfo.InvariantCulture)), ("bundle", result.GetValue(output)!)]);
            return Task.FromResult(0);
        }, cancellationToken));
        group.Subcommands.Add(export);
        return group;
    }
}
