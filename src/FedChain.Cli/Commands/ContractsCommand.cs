using System.CommandLine;
using System.Text.Json;
using FedChain.Cli.Infrastructure;
using FedChain.Ledger;

namespace FedChain.Cli.Commands;

/// <summary>`fedchain contracts deploy`: deploys FedChainLedger (which deploys its token) from the embedded artifacts.</summary>
public static class ContractsCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create()
    {
        var chain = new ChainOptions();
        var coordinator = new Option<string?>("--coordinator") { Description = "Address granted COORDINATOR_ROLE (default: the deployer)" };
        var deploy = new Command("deploy", $"Deploy the FedChain contracts and record their addresses in {ChainOptions.DeploymentFile}") { coordinator };
        deploy.Options.Add(chain.Rpc);
        deploy.Options.Add(chain.KeyFile);
        deploy.Options.Add(chain.KeyPasswordFile);
        deploy.Options.Add(chain.Json);
        deploy.SetAction((result, cancellationToken) => CommandActions.RunAsync(async token =>
        {
            var rpc = chain.RpcUri(result);
            var chainId = await new Ethereum.ChainConnection(rpc, TimeSpan.FromSeconds(15)).ChainIdAsync(token);
            var sender = LedgerService.CreateSender(new LedgerOptions { RpcUrl = rpc.ToString(), ChainId = chainId }, chain.LoadKey(result));
            var coordinatorAddress = result.GetValue(coordinator) is { } text ? ChainOptions.ParseAddress(text, "--coordinator") : null;
            var ledger = await LedgerService.DeployAsync(sender, coordinatorAddress, token);
            var deployment = new
            {
                rpc = rpc.ToString(),
                chainId,
                ledger = ledger.LedgerAddress.ToChecksumString(),
                token = ledger.Token.Address.ToChecksumString(),
                admin = sender.Account.ToChecksumString(),
                coordinator = (coordinatorAddress ?? sender.Account).ToChecksumString(),
            };
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(ChainOptions.DeploymentFile))!);
            await File.WriteAllTextAsync(ChainOptions.DeploymentFile, JsonSerializer.Serialize(deployment, new JsonSerializerOptions { WriteIndented = true }), token);
            if (result.GetValue(chain.Json))
            {
                Output.Json(deployment);
            }
            else
            {
                Output.Pairs("deployed", [("chain", chainId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("ledger", deployment.ledger),
                    ("token", deployment.token), ("admin", deployment.admin), ("coordinator", deployment.coordinator), ("recorded in", ChainOptions.DeploymentFile)]);
            }

            return 0;
        }, cancellationToken));
        return new Command("contracts", "Deploy the FedChain contracts") { deploy };
    }
}
