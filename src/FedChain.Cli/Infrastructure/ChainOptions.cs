using System.CommandLine;
using System.Text.Json;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Ethereum.Transactions;
using FedChain.Ledger;

namespace FedChain.Cli.Infrastructure;

/// <summary>
/// The options every chain command shares (--rpc, --ledger, --key-file, --json) and the connection
/// they make. The ledger address falls back to FEDCHAIN_LEDGER, then to the deployment file that
/// `fedchain contracts deploy` wrote.
/// </summary>
public sealed class ChainOptions
{
    /// <summary>Where `contracts deploy` records what it deployed, relative to the working directory.</summary>
    public const string DeploymentFile = ".fedchain/deployment.json";

    /// <summary>--rpc.</summary>
    public Option<string> Rpc { get; } = new("--rpc")
    {
        Description = "JSON-RPC URL of the chain (default: $FEDCHAIN_RPC or http://127.0.0.1:8545)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FEDCHAIN_RPC") ?? "http://127.0.0.1:8545",
    };

    /// <summary>--ledger.</summary>
    public Option<string?> Ledger { get; } = new("--ledger") { Description = $"FedChainLedger address (default: $FEDCHAIN_LEDGER or {DeploymentFile})" };

    /// <summary>--key-file.</summary>
    public Option<string?> KeyFile { get; } = new("--key-file") { Description = "Key file (raw 0x hex) of the account that signs transactions" };

    /// <summary>--key-password-file.</summary>
    public Option<string?> KeyPasswordFile { get; } = new("--key-password-file") { Description = "Password file of a keystore (Web3 Secret Storage v3) --key-file" };

    /// <summary>--json.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON for scripts instead of tables" };

    /// <summary>Adds the read options (and --key-file when <paramref name="writes"/>) to a command.</summary>
    public void AddTo(Command command, bool writes)
    {
        command.Options.Add(Rpc);
        command.Options.Add(Ledger);
        command.Options.Add(Json);
        if (writes)
        {
            command.Options.Add(KeyFile);
            command.Options.Add(KeyPasswordFile);
        }
    }

    /// <summary>The RPC endpoint, validated.</summary>
    public Uri RpcUri(ParseResult result)
    {
        var text = result.GetValue(Rpc)!;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliException($"--rpc '{text}' is not an http(s) URL", 2);
    }

    /// <summary>Connects to the ledger for reading (and writing, with --key-file).</summary>
    public async Task<LedgerService> ConnectAsync(ParseResult result, bool writes, CancellationToken cancellationToken)
    {
        var rpcUri = RpcUri(result);
        var rpc = new ChainConnection(rpcUri, TimeSpan.FromSeconds(15));
        var address = LedgerAddress(result);
        TransactionSender? sender = null;
        if (writes)
        {
            var chainId = await rpc.ChainIdAsync(cancellationToken);
            sender = LedgerService.CreateSender(new LedgerOptions { RpcUrl = rpcUri.ToString(), ChainId = chainId }, LoadKey(result));
        }

        if ((await rpc.GetCodeAsync(address, cancellationToken)).Length == 0)
        {
            throw new CliException($"no contract at {address} on {rpcUri}: check --ledger and --rpc");
        }

        return await LedgerService.ConnectAsync(address, rpc, sender, cancellationToken);
    }

    /// <summary>The key named by --key-file (a keystore with --key-password-file, or a raw hex key), through the one key loader.</summary>
    public EthereumKey LoadKey(ParseResult result)
    {
        try
        {
            return KeySource.Load(new KeyLocation(result.GetValue(KeyFile), result.GetValue(KeyPasswordFile), null,
                "--key-file", "--key-password-file", null, "this command sends a transaction"));
        }
        catch (KeyLoadException e)
        {
            throw new CliException(e.Message, 2);
        }
    }

    /// <summary>Parses an address argument, naming the option on error.</summary>
    public static Address ParseAddress(string? text, string what) =>
        Address.TryParse(text, out var address) && address is not null
            ? address
            : throw new CliException($"{what} '{text}' is not an Ethereum address (0x followed by 40 hex digits, EIP-55 checksum if mixed case)", 2);

    /// <summary>Parses a 32-byte hash argument, naming the option on error.</summary>
    public static Bytes32 ParseHash(string? text, string what)
    {
        try
        {
            return text is { Length: 66 } && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? Bytes32.Parse(text)
                : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new CliException($"{what} '{text}' is not a 32-byte hash (0x followed by 64 hex digits)", 2);
        }
    }

    private Address LedgerAddress(ParseResult result)
    {
        var text = result.GetValue(Ledger) ?? Environment.GetEnvironmentVariable("FEDCHAIN_LEDGER");
        if (text is null && File.Exists(DeploymentFile))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(DeploymentFile));
            text = document.RootElement.TryGetProperty("ledger", out var ledger) ? ledger.GetString() : null;
        }

        return text is null
            ? throw new CliException($"no ledger address: pass --ledger, set FEDCHAIN_LEDGER, or run `fedchain contracts deploy` (which writes {DeploymentFile})", 2)
            : ParseAddress(text, "--ledger");
    }
}
