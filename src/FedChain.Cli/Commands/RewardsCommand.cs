using System.CommandLine;
using System.Globalization;
using FedChain.Cli.Infrastructure;
using FedChain.Ethereum;

namespace FedChain.Cli.Commands;

/// <summary>`fedchain rewards ADDRESS [--run RUN]`: a contributor's token balance and per-round contributions, from the chain only.</summary>
public static class RewardsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var chain = new ChainOptions();
        var address = new Argument<string>("address") { Description = "The contributor's address" };
        var run = new Option<string?>("--run") { Description = "Only this run (0x bytes32 id)" };
        var command = new Command("rewards", "Show a contributor's token balance and its rewarded contributions") { address, run };
        chain.AddTo(command, writes: false);
        command.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var account = ChainOptions.ParseAddress(result.GetValue(address), "address");
            Bytes32? runId = result.GetValue(run) is { } text ? ChainOptions.ParseHash(text, "--run") : null;
            var ledger = await chain.ConnectAsync(result, writes: false, token);
            var balance = await ledger.TokenBalanceAsync(account, token);
            var contributions = (await ledger.GetContributionRecordedEventsAsync(runId, token))
                .Where(e => e.Contributor == account)
                .OrderBy(e => e.BlockNumber)
                .ToArray();
            var total = contributions.Aggregate(System.Numerics.BigInteger.Zero, (sum, e) => sum + e.Reward);
            if (result.GetValue(chain.Json))
            {
                Output.Json(new
                {
                    address = account.ToChecksumString(),
                    token = ledger.Token.Address.ToChecksumString(),
                    balance = balance.ToString(CultureInfo.InvariantCulture),
                    rewarded = total.ToString(CultureInfo.InvariantCulture),
                    contributions = contributions.Select(e => new
                    {
                        runId = e.RunId.ToString(),
                        round = e.Round,
                        updateHash = e.UpdateHash.ToString(),
                        numSamples = e.NumSamples,
                        scorePpm = e.ScorePpm,
                        reward = e.Reward.ToString(CultureInfo.InvariantCulture),
                        transaction = e.TransactionHash,
                    }),
                });
            }
            else
            {
                Output.Pairs($"rewards of {account.ToChecksumString()}", [("token balance", balance.ToString(CultureInfo.InvariantCulture)),
                    ("rewarded in listed rounds", total.ToString(CultureInfo.InvariantCulture)), ("contributions", contributions.Length.ToString(CultureInfo.InvariantCulture))]);
                Output.Rows("contributions", ["run", "round", "update hash", "samples", "score (ppm)", "reward"],
                    contributions.Select(e => new[]
                    {
                        e.RunId.ToString()[..10] + "…", e.Round.ToString(CultureInfo.InvariantCulture), e.UpdateHash.ToString(),
                        e.NumSamples.ToString(CultureInfo.InvariantCulture), e.ScorePpm.ToString(CultureInfo.InvariantCulture), e.Reward.ToString(CultureInfo.InvariantCulture),
                    }));
            }

            return 0;
        }, cancellationToken));
        return command;
    }
}
