using System.CommandLine;
using FedChain.Cli.Commands;

namespace FedChain.Cli;

/// <summary>The `fedchain` command tree.</summary>
public static class CliApplication
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("FedChain: federated learning with on-chain contribution accounting");
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ContractsCommand.Create());
        root.Subcommands.Add(ParticipantsCommand.Create());
        root.Subcommands.Add(RewardsCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(ConsentCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        return root;
    }
}
