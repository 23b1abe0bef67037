using System.Numerics;
using FedChain.Ethereum.Abi;
using FedChain.Ethereum.Rpc;
using FedChain.Ethereum.Signing;

namespace FedChain.Ethereum.Transactions;

/// <summary>
/// Signs and sends EIP-1559 transactions for one account: checks the node's chain id, manages nonces
/// (recovering from "nonce too low"), estimates gas with a margin, prices from eth_feeHistory, waits for
/// the receipt and its confirmations, and turns a revert into a decoded <see cref="ContractRevertException"/>.
/// </summary>
public sealed class TransactionSender
{
    private readonly EthRpcClient _rpc;
    private readonly EthereumKey _key;
    private readonly TransactionSenderOptions _options;
    private readonly NonceManager _nonces;
    private bool _chainChecked;

    /// <summary>Creates a sender; share a <see cref="NonceManager"/> between senders of the same account.</summary>
    public TransactionSender(EthRpcClient rpc, EthereumKey key, TransactionSenderOptions options, NonceManager? nonces = null)
    {
        if (options.ChainId <= 0)
        {
            throw new ArgumentException($"{nameof(TransactionSenderOptions)}.{nameof(options.ChainId)} must be set (got {options.ChainId}).", nameof(options));
        }
        _rpc = rpc;
        _key = key;
        _options = options;
        _nonces = nonces ?? new NonceManager(rpc);
    }

    /// <summary>The sending account.</summary>
    public Address Account => _key.Address;

    /// <summary>The RPC client used.</summary>
    public EthRpcClient Rpc => _rpc;

    /// <summary>The options in force.</summary>
    public TransactionSenderOptions Options => _options;

    /// <summary>Throws <see cref="ChainIdMismatchException"/> unless the node serves the configured chain.</summary>
    public async Task EnsureChainAsync(CancellationToken ct = default)
    {
        if (_chainChecked)
        {
            return;
        }
        var actual = await _rpc.ChainIdAsync(ct).ConfigureAwait(false);
        if (actual != _options.ChainId)
        {
            throw new ChainIdMismatchException(_rpc.EndpointDisplay, _options.ChainId, actual);
        }
        _chainChecked = true;
    }

    /// <summary>
    /// Sends a transaction and waits for its confirmed receipt. <paramref name="abi"/> decodes reverts
    /// (pre-flight during estimation, or after mining); <paramref name="context"/> names the call in errors.
    /// </summary>
    public async Task<TransactionReceipt> SendAndWaitAsync(TransactionRequest request, ContractAbi? abi = null, string? context = null, CancellationToken ct = default)
    {
        var hash = await SendAsync(request, abi, context, ct).ConfigureAwait(false);
        var receipt = await WaitForReceiptAsync(hash, ct).ConfigureAwait(false);
        if (!receipt.Succeeded)
        {
            throw await ExplainRevertAsync(request, receipt, abi, context, ct).ConfigureAwait(false);
        }
        return receipt;
    }

    /// <summary>Signs and submits a transaction; returns its hash without waiting.</summary>
    public async Task<string> SendAsync(TransactionRequest request, ContractAbi? abi = null, string? context = null, CancellationToken ct = default)
    {
        await EnsureChainAsync(ct).ConfigureAwait(false);
        var call = new CallRequest(request.To, request.Data, _key.Address, request.Value);
        var gasLimit = request.GasLimit ?? await EstimateGasAsync(call, abi, context, ct).ConfigureAwait(false);
        var (tip, feeCap) = await SuggestFeesAsync(ct).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var nonce = await _nonces.ReserveAsync(_key.Address, ct).ConfigureAwait(false);
            var signed = new Eip1559Transaction(_options.ChainId, nonce, tip, feeCap, gasLimit, request.To, request.Value ?? BigInteger.Zero, request.Data).Sign(_key);
            try
            {
                return await _rpc.SendRawTransactionAsync(signed.RawTransaction, ct).ConfigureAwait(false);
            }
            catch (RpcException ex) when (ex.RpcMessage.Contains("already known", StringComparison.OrdinalIgnoreCase))
            {
                // The node already holds exactly this signed transaction: it was submitted, do not send another.
                return signed.HashHex;
            }
            catch (RpcException ex) when (IsNonceError(ex) && attempt < _options.NonceRetries)
            {
                await _nonces.ResyncAsync(_key.Address, ct).ConfigureAwait(false);
            }
            catch
            {
                // The nonce may or may not be consumed; re-read it before the next transaction.
                await _nonces.ResyncAsync(_key.Address, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Polls for the receipt, then for the configured number of confirmations.</summary>
    public async Task<TransactionReceipt> WaitForReceiptAsync(string transactionHash, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + _options.ReceiptTimeout;
        TransactionReceipt? receipt;
        while ((receipt = await _rpc.GetTransactionReceiptAsync(transactionHash, ct).ConfigureAwait(false)) is null)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new ReceiptTimeoutException(transactionHash, _options.ReceiptTimeout, "mined");
            }
            await Task.Delay(_options.PollInterval, ct).ConfigureAwait(false);
        }
        while (await _rpc.BlockNumberAsync(ct).ConfigureAwait(false) - receipt.BlockNumber + 1 < _options.Confirmations)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new ReceiptTimeoutException(transactionHash, _options.ReceiptTimeout, $"confirmed by {_options.Confirmations} blocks");
            }
            await Task.Delay(_options.PollInterval, ct).ConfigureAwait(false);
        }
        return receipt;
    }

    /// <summary>Suggests (tip, fee cap): the median tip of recent blocks and twice the next base fee plus the tip.</summary>
    public async Task<(BigInteger MaxPriorityFeePerGas, BigInteger MaxFeePerGas)> SuggestFeesAsync(CancellationToken ct = default)
    {
        var history = await _rpc.FeeHistoryAsync(5, BlockParameter.Latest, [50], ct).ConfigureAwait(false);
        var nextBaseFee = history.BaseFeePerGas.Count > 0 ? history.BaseFeePerGas[^1] : BigInteger.Zero;
        var tips = history.Reward.Where(r => r.Count > 0).Select(r => r[0]).Order().ToArray();
        BigInteger tip;
        if (tips.Length > 0)
        {
            tip = tips[tips.Length / 2];
        }
        else
        {
            try
            {
                tip = await _rpc.MaxPriorityFeePerGasAsync(ct).ConfigureAwait(false);
            }
            catch (RpcException)
            {
                tip = _options.FallbackPriorityFeeWei;
            }
        }
        if (tip.IsZero)
        {
            tip = BigInteger.Min(_options.FallbackPriorityFeeWei, BigInteger.Max(nextBaseFee, BigInteger.One));
        }
        return (tip, 2 * nextBaseFee + tip);
    }

    private async Task<BigInteger> EstimateGasAsync(CallRequest call, ContractAbi? abi, string? context, CancellationToken ct)
    {
        try
        {
            var estimate = await _rpc.EstimateGasAsync(call, ct).ConfigureAwait(false);
            return estimate * (100 + _options.GasMarginPercent) / 100;
        }
        catch (RpcException ex) when (ex.IsExecutionReverted)
        {
            throw (abi ?? EmptyAbi).DecodeRevert(ex.RevertData ?? [], context);
        }
    }

    private async Task<Exception> ExplainRevertAsync(TransactionRequest request, TransactionReceipt receipt, ContractAbi? abi, string? context, CancellationToken ct)
    {
        // Replaying on the parent block's state reproduces the revert data the receipt does not carry.
        var replay = new CallRequest(request.To, request.Data, _key.Address, request.Value, request.GasLimit);
        byte[] data = [];
        try
        {
            await _rpc.CallAsync(replay, BlockParameter.Number(receipt.BlockNumber - 1), ct).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.IsExecutionReverted)
        {
            data = ex.RevertData ?? [];
        }
        return (abi ?? EmptyAbi).DecodeRevert(data, context).WithTransaction(receipt.TransactionHash, context ?? "transaction");
    }

    private static bool IsNonceError(RpcException ex) =>
        ex.RpcMessage.Contains("nonce too low", StringComparison.OrdinalIgnoreCase)
        || ex.RpcMessage.Contains("nonce is too low", StringComparison.OrdinalIgnoreCase)
        || ex.RpcMessage.Contains("replacement transaction underpriced", StringComparison.OrdinalIgnoreCase);

    private static readonly ContractAbi EmptyAbi = ContractAbi.Parse("[]");
}
