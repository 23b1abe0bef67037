using FedChain.Cli.Infrastructure;
using FedChain.Ethereum;
using FedChain.Ethereum.DevNode;
using FedChain.Ethereum.Signing;
using FedChain.Ledger;
using Spectre.Console;

namespace FedChain.Cli.Simulation;

/// <summary>
/// The chain a simulation commits to: a local anvil it starts (and stops), or an existing node with the
/// coordinator's key; the contracts deployed fresh, and every simulated worker registered as a participant.
/// </summary>
public sealed class SimulationChain : IDisposable
{
    private readonly AnvilNode? _anvil;

    private SimulationChain(AnvilNode? anvil, LedgerService ledger, Uri rpc, long chainId)
    {
        _anvil = anvil;
        Ledger = ledger;
        Rpc = rpc;
        ChainId = chainId;
    }

    /// <summary>The deployed contracts, with the coordinator's sender.</summary>
    public LedgerService Ledger { get; }

    /// <summary>The node's endpoint.</summary>
    public Uri Rpc { get; }

    /// <summary>The chain id.</summary>
    public long ChainId { get; }

    /// <summary>Starts or connects to the chain, deploys the contracts and registers the workers.</summary>
    public static async Task<SimulationChain> CreateAsync(SimulationSettings settings, string repository, IReadOnlyList<EthereumKey> workerKeys, IAnsiConsole console, CancellationToken cancellationToken)
    {
        AnvilNode? anvil = null;
        try
        {
            Uri rpc;
            long chainId;
            EthereumKey coordinator;
            if (settings.Rpc is null)
            {
                var binary = Path.Combine(repository, "contracts", "node_modules", ".bin", "anvil");
                anvil = await AnvilNode.StartAsync(new AnvilOptions { BinaryPath = binary }, cancellationToken);
                rpc = anvil.RpcUrl;
                chainId = anvil.ChainId;
                coordinator = anvil.DevAccountKey(0);
                console.MarkupLineInterpolated($"[grey]started a local anvil at {rpc} (chain {chainId})[/]");
            }
            else
            {
                rpc = settings.Rpc;
                coordinator = LoadKey(settings);
                chainId = await new ChainConnection(rpc, TimeSpan.FromSeconds(15)).ChainIdAsync(cancellationToken);
            }

            var sender = LedgerService.CreateSender(new LedgerOptions { RpcUrl = rpc.ToString(), ChainId = chainId }, coordinator);
            var ledger = await LedgerService.DeployAsync(sender, ct: cancellationToken);
            console.MarkupLineInterpolated($"[grey]deployed FedChainLedger at {ledger.LedgerAddress}, token at {ledger.Token.Address}[/]");
            foreach (var key in workerKeys)
            {
                await ledger.RegisterParticipantAsync(key.Address, Bytes32.Keccak("fedchain-simulation-worker"), cancellationToken);
            }

            console.MarkupLineInterpolated($"[grey]registered {workerKeys.Count} participants[/]");
            return new SimulationChain(anvil, ledger, rpc, chainId);
        }
        catch
        {
            anvil?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _anvil?.Dispose();

    private static EthereumKey LoadKey(SimulationSettings settings)
    {
        try
        {
            return KeySource.Load(new KeyLocation(settings.CoordinatorKeyFile, settings.CoordinatorKeyPasswordFile, null,
                "--coordinator-key-file", "--coordinator-key-password-file", null, "that account deploys the contracts and pays for the commits"));
        }
        catch (KeyLoadException e)
        {
            throw new CliException(e.Message, 2);
        }
    }
}
