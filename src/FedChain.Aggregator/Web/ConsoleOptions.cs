namespace FedChain.Aggregator.Web;

/// <summary>What the web console tells browsers (section "Console").</summary>
public sealed class ConsoleOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Console";

    /// <summary>
    /// The chain's JSON-RPC URL as contributors' browsers reach it, where they check the console's figures. Empty: the
    /// aggregator's own Ledger:RpcUrl without user info or query, which suits a local node; set it when that URL carries
    /// an API key or is not reachable from outside.
    /// </summary>
    public string? ChainRpcUrl { get; set; }

    /// <summary>How often the console's pages poll the API while a run goes, in milliseconds.</summary>
    public int RefreshMilliseconds { get; set; } = 1000;
}
