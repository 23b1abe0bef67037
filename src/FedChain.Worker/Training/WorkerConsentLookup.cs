using FedChain.Ethereum;
using FedChain.Ledger;
using Microsoft.Extensions.Logging;

namespace FedChain.Worker.Training;

/// <summary>Asks the ledger (read-only, Ledger:RpcUrl) whether this site's consent covers a round; a node that cannot be reached counts as no consent.</summary>
public static class WorkerConsentLookup
{
    /// <summary>A lookup (runId, address, round) over the configured ledger.</summary>
    public static Func<byte[], string, int, bool> Create(LedgerOptions options, ILogger logger) => (runId, address, round) =>
    {
        try
        {
            var ledger = LedgerService.ConnectAsync(options).GetAwaiter().GetResult();
            return ledger.Ledger.HasConsentAsync(Bytes32.FromBytes(runId), Address.Parse(address), (ulong)round).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("could not read this site's consent from the ledger at {Rpc}: {Message}", options.RpcUrl, e.Message);
            return false;
        }
    };
}
