using System.CommandLine;
using System.Globalization;
using FedChain.Cli.Infrastructure;
using FedChain.Ethereum;

namespace FedChain.Cli.Commands;

/// <summary>`fedchain participants register|deactivate|list`: who may contribute (admin writes, anyone reads).</summary>
public static class ParticipantsCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create()
    {
        var group = new Command("participants", "Register, deactivate and list contributing organisations");
        group.Subcommands.Add(Register());
        group.Subcommands.Add(Deactivate());
        group.Subcommands.Add(List());
        return group;
    }

    private static Command Register()
    {
        var chain = new ChainOptions();
        var address = new Argument<string>("address") { Description = "The participant's signing address" };
        var metadata = new Option<string>("--metadata") { Description = "Who it is (e.g. the hospital's name); its keccak256 goes on-chain", DefaultValueFactory = _ => "" };
        var command = new Command("register", "Register a participant (admin)") { address, metadata };
        chain.AddTo(command, writes: true);
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var account = ChainOptions.ParseAddress(result.GetValue(address), "address");
            var ledger = await chain.ConnectAsync(result, writes: true, token);
            var receipt = await ledger.RegisterParticipantAsync(account, Bytes32.Keccak(result.GetValue(metadata)!), token);
            Report(result, chain, "registered", account, receipt.TransactionHash);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Deactivate()
    {
        var chain = new ChainOptions();
        var address = new Argument<string>("address") { Description = "The participant's signing address" };
        var command = new Command("deactivate", "Deactivate a participant (admin); its future signatures stop counting") { address };
        chain.AddTo(command, writes: true);
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var account = ChainOptions.ParseAddress(result.GetValue(address), "address");
            var ledger = await chain.ConnectAsync(result, writes: true, token);
            var receipt = await ledger.DeactivateParticipantAsync(account, token);
            Report(result, chain, "deactivated", account, receipt.TransactionHash);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command List()
    {
        var chain = new ChainOptions();
        var command = new Command("list", "List participants from the ledger's events, with their current status");
        chain.AddTo(command, writes: false);
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var ledger = await chain.ConnectAsync(result, writes: false, token);
            var events = await ledger.Ledger.GetParticipantRegisteredEventsAsync(ct: token);
            var accounts = events.Select(e => e.Account).Distinct().ToArray();
            var rows = new List<(string Address, bool Active, string Metadata, ulong Since)>();
            foreach (var account in accounts)
            {
                var record = await ledger.Ledger.ParticipantOfAsync(account, token);
                rows.Add((account.ToChecksumString(), record.Active, record.MetadataHash.ToString(), record.RegisteredAt));
            }

            if (result.GetValue(chain.Json))
            {
                Output.Json(rows.Select(r => new { address = r.Address, active = r.Active, metadataHash = r.Metadata, registeredAt = r.Since }));
            }
            else
            {
                Output.Rows($"{rows.Count} participants", ["address", "active", "metadata hash", "registered at"],
                    rows.Select(r => new[] { r.Address, r.Active ? "yes" : "no", r.Metadata, r.Since.ToString(CultureInfo.InvariantCulture) }));
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static void Report(ParseResult result, ChainOptions chain, string what, Address account, string transaction)
    {
        if (result.GetValue(chain.Json))
        {
            Output.Json(new { address = account.ToChecksumString(), status = what, transaction });
        }
        else
        {
            Output.Pairs(what, [("address", account.ToChecksumString()), ("transaction", transaction)]);
        }
    }
}
