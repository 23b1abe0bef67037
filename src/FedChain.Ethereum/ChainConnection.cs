using System.Net.Http;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using TransactionReceipt = FedChain.Ethereum.Transactions.TransactionReceipt;
using Nethereum.Web3;
using FedChain.Ethereum.Transactions;

namespace FedChain.Ethereum;

/// <summary>
/// A JSON-RPC connection to one node through Nethereum, with FedChain's error messages: a node that does not answer
/// is reported as such, naming the endpoint (credentials in the URL are never printed).
/// </summary>
public sealed class ChainConnection
{
    /// <summary>Connects to <paramref name="rpcUrl"/>; each call times out after <paramref name="timeout"/>.</summary>
    public ChainConnection(Uri rpcUrl, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        RpcUrl = rpcUrl;
        Timeout = timeout;
        EndpointDisplay = new UriBuilder(rpcUrl) { UserName = string.Empty, Password = string.Empty }.Uri.ToString();
        Client = new RpcClient(rpcUrl, new HttpClient { Timeout = timeout }, null, null, null);
        Web3 = new Web3(Client);
        AllowCallsOf(timeout);
    }

    private static readonly Lock NethereumTimeoutLock = new();

    // Nethereum also cancels every call after one process-wide ClientBase.ConnectionTimeout (20 s by default), which
    // silently cut a connection configured for longer (Ledger:RpcTimeoutSeconds is 30 by default) at 20 s. The cap is
    // raised to the longest timeout a connection asked for, so each connection's own HttpClient timeout is what applies.
    private static void AllowCallsOf(TimeSpan timeout)
    {
        lock (NethereumTimeoutLock)
        {
            if (ClientBase.ConnectionTimeout < timeout)
            {
                ClientBase.ConnectionTimeout = timeout;
            }
        }
    }

    /// <summary>The node's endpoint.</summary>
    public Uri RpcUrl { get; }

    /// <summary>The endpoint without credentials, for messages.</summary>
    public string EndpointDisplay { get; }

    /// <summary>Per-call timeout.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Nethereum's RPC client (shared by senders on this connection).</summary>
    public IClient Client { get; }

    /// <summary>A read-only Nethereum Web3 over <see cref="Client"/>.</summary>
    public IWeb3 Web3 { get; }

    /// <summary>The chain id the node serves.</summary>
    public Task<long> ChainIdAsync(CancellationToken ct = default) =>
        CallAsync("eth_chainId", async () => (long)(await Web3.Eth.ChainId.SendRequestAsync().ConfigureAwait(false)).Value, ct);

    /// <summary>The latest block number.</summary>
    public Task<long> BlockNumberAsync(CancellationToken ct = default) =>
        CallAsync("eth_blockNumber", async () => (long)(await Web3.Eth.Blocks.GetBlockNumber.SendRequestAsync().ConfigureAwait(false)).Value, ct);

    /// <summary>The runtime code at <paramref name="address"/> (empty when none).</summary>
    public Task<byte[]> GetCodeAsync(Address address, CancellationToken ct = default) =>
        CallAsync("eth_getCode", async () => (await Web3.Eth.GetCode.SendRequestAsync(address.ToLowerString()).ConfigureAwait(false)).HexToByteArray(), ct);

    /// <summary>The receipt of a transaction, or null while it is not mined.</summary>
    public Task<Transactions.TransactionReceipt?> GetReceiptAsync(string transactionHash, CancellationToken ct = default) =>
        CallAsync("eth_getTransactionReceipt", async () =>
        {
            var receipt = await Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(transactionHash).ConfigureAwait(false);
            return receipt is null ? null : TransactionReceipt.FromNethereum(receipt);
        }, ct);

    /// <summary>The account's transaction count (its next nonce) at <paramref name="block"/> ("pending" when null).</summary>
    public Task<long> TransactionCountAsync(Address account, BlockParameter? block = null, CancellationToken ct = default) =>
        CallAsync("eth_getTransactionCount", async () =>
            (long)(await Web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(account.ToLowerString(), block ?? BlockParameter.CreatePending()).ConfigureAwait(false)).Value, ct);

    /// <summary>
    /// Runs one RPC call, turning "the node did not answer" (connection refused, DNS, timeout) into a
    /// <see cref="NodeUnreachableException"/> and a JSON-RPC error into a <see cref="NodeRefusedException"/>, each
    /// naming the endpoint and the method, so no caller sees the client library's own exceptions.
    /// </summary>
    public async Task<T> CallAsync<T>(string method, Func<Task<T>> call, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcClientUnknownException or RpcClientTimeoutException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new NodeUnreachableException(EndpointDisplay, method, Innermost(e).Message, e);
        }
        catch (RpcResponseException e)
        {
            throw new NodeRefusedException(EndpointDisplay, method, e.RpcError?.Code ?? 0, e.RpcError?.Message ?? e.Message, e.RpcError?.GetDataAsString(), e);
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e;
    }
}
