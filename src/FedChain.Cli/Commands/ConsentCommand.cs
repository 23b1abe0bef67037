using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FedChain.Cli.Infrastructure;
using FedChain.Ethereum;
using FedChain.Ledger;

namespace FedChain.Cli.Commands;

/// <summary>`fedchain consent show|give|withdraw`: a hospital's operator decides which runs its site takes part in, on the ledger.</summary>
public static class ConsentCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create()
    {
        var group = new Command("consent", "Show, give or withdraw a hospital's consent to a run (recorded on the ledger)");
        group.Subcommands.Add(Show());
        group.Subcommands.Add(Give());
        group.Subcommands.Add(Withdraw());
        return group;
    }

    private static Option<string> RunOption() => new("--run") { Description = "The run id (0x + 64 hex digits)", Required = true };

    private static Option<string?> SpecOption() => new("--spec") { Description = "The run's spec JSON file (from the aggregator); checked against the on-chain spec hash and shown" };

    private static Command Show()
    {
        var chain = new ChainOptions();
        var run = RunOption();
        var spec = SpecOption();
        var participant = new Option<string?>("--participant") { Description = "The hospital's signing address" };
        var command = new Command("show", "Show a run's spec hash (and, with --spec, its terms) and a hospital's consent to it") { run, spec, participant };
        chain.AddTo(command, writes: false);
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var runId = ChainOptions.ParseHash(result.GetValue(run), "--run");
            var ledger = await chain.ConnectAsync(result, writes: false, token);
            var record = await ledger.RunOfAsync(runId, token);
            var terms = SpecTerms(result.GetValue(spec), record.SpecHash);
            var who = result.GetValue(participant) is { } text ? ChainOptions.ParseAddress(text, "--participant") : null;
            var consent = who is null ? null : await ledger.ConsentOfAsync(runId, who, token);
            if (result.GetValue(chain.Json))
            {
                Output.Json(new { run = runId.ToString(), specHash = record.SpecHash.ToString(), latestRound = record.LatestRound, terms, participant = who?.ToChecksumString(), consentFromRound = consent?.FromRound, consentUntilRound = consent?.UntilRound });
            }
            else
            {
                var rows = new List<(string, string)> { ("spec hash", record.SpecHash.ToString()), ("latest round", record.LatestRound.ToString(CultureInfo.InvariantCulture)) };
                if (terms is not null)
                {
                    rows.Add(("terms", terms));
                }

                if (who is not null)
                {
                    rows.Add(("participant", who.ToChecksumString()));
                    rows.Add(("consent", consent!.Describe()));
                }

                Output.Pairs($"run {runId}", rows);
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Give()
    {
        var chain = new ChainOptions();
        var run = RunOption();
        var spec = SpecOption();
        var signOnly = new Option<bool>("--sign-only") { Description = "Print the EIP-712 RunConsent signature for someone else to relay, send nothing" };
        var command = new Command("give", "Consent to a run with the hospital's key (counts from the next round committed)") { run, spec, signOnly };
        chain.AddTo(command, writes: true);
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var runId = ChainOptions.ParseHash(result.GetValue(run), "--run");
            var reader = await chain.ConnectAsync(result, writes: false, token);
            var record = await reader.RunOfAsync(runId, token);
            SpecTerms(result.GetValue(spec), record.SpecHash);
            if (result.GetValue(signOnly))
            {
                using var key = chain.LoadKey(result);
                var signature = reader.Consents.Sign(runId, record.SpecHash, key);
                Output.Pairs("consent signed", [("run", runId.ToString()), ("spec hash", record.SpecHash.ToString()), ("participant", key.Address.ToChecksumString()), ("signature", "0x" + Convert.ToHexStringLower(signature))]);
                return 0;
            }

            var ledger = await chain.ConnectAsync(result, writes: true, token);
            var receipt = await ledger.GiveConsentAsync(runId, token);
            Output.Pairs("consent given", [("run", runId.ToString()), ("spec hash", record.SpecHash.ToString()), ("from round", (record.LatestRound + 1).ToString(CultureInfo.InvariantCulture)), ("transaction", receipt.TransactionHash)]);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Withdraw()
    {
        var chain = new ChainOptions();
        var run = RunOption();
        var command = new Command("withdraw", "Withdraw the hospital's consent: its contributions are refused from the next round committed") { run };
        chain.AddTo(command, writes: true);
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var runId = ChainOptions.ParseHash(result.GetValue(run), "--run");
            var ledger = await chain.ConnectAsync(result, writes: true, token);
            var receipt = await ledger.WithdrawConsentAsync(runId, token);
            var consent = await ledger.ConsentOfAsync(runId, ledger.Sender!.Account, token);
            Output.Pairs("consent withdrawn", [("run", runId.ToString()), ("refused from round", consent.UntilRound.ToString(CultureInfo.InvariantCulture)), ("transaction", receipt.TransactionHash)]);
            return 0;
        }, cancellationToken));
        return command;
    }

    /// <summary>The terms in a spec file, after checking it is the run's (null without a file).</summary>
    private static string? SpecTerms(string? path, Bytes32 onChain)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new CliException($"--spec '{path}' does not exist", 2);
        }

        var bytes = File.ReadAllBytes(path);
        var hash = Bytes32.FromBytes(SHA256.HashData(bytes));
        if (hash != onChain)
        {
            throw new CliException($"--spec '{path}' hashes to {hash}, but the run's on-chain spec hash is {onChain}: this is not the spec of this run", 2);
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            var configuration = document.RootElement.GetProperty("Configuration");
            var privacy = configuration.TryGetProperty("Privacy", out var p) ? p.GetRawText() : "none";
            return $"model {configuration.GetProperty("ModelName").GetString()}, strategy {configuration.GetProperty("StrategyName").GetString()}, " +
                   $"{configuration.GetProperty("Rounds").GetInt32()} rounds, contribution policy {document.RootElement.GetProperty("ContributionPolicy").GetString()}, privacy {privacy}";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CliException($"--spec '{path}' is not a FedChain run spec: {e.Message}", 2);
        }
    }
}
