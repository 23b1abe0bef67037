using System.Numerics;
using FedChain.Ethereum.Signing;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using Nethereum.Contracts.CQS;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using TransactionReceipt = FedChain.Ethereum.Transactions.TransactionReceipt;
using Nethereum.RPC.NonceServices;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace FedChain.Ethereum.Transactions;

/// <summary>
/// Sends transactions for one account the way a production sender must, over Nethereum: the node's chain id checked
/// before anything is signed, EIP-1559 fees, the gas estimate plus a margin (a revert found while estimating surfaces
/// as Nethereum's revert exception, nothing is sent), nonces from Nethereum's nonce service reset after a failed send
/// (its in-memory counter never goes back on its own, so one refused transaction would leave a gap every later one
/// waits behind), and the receipt awaited with a timeout and its status checked.
/// </summary>
public sealed class TransactionSender
{
    private readonly Account _account;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private bool _chainChecked;

    /// <summary>Creates a sender for <paramref name="key"/> over <paramref name="connection"/>.</summary>
    public TransactionSender(ChainConnection connection, EthereumKey key, TransactionSenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(key);
        if (options.ChainId <= 0)
        {
            throw new ArgumentException($"{nameof(TransactionSenderOptions)}.{nameof(options.ChainId)} must be set (got {options.ChainId}).", nameof(options));
        }
        Connection = connection;
        Options = options;
        _account = new Account(key.EcKey, options.ChainId);
        _account.NonceService = new InMemoryNonceService(_account.Address, connection.Client);
        var web3 = new Web3(_account, connection.Client);
        web3.TransactionManager.UseLegacyAsDefault = false;
        Web3 = web3;
        Account = key.Address;
    }

    /// <summary>The sending account.</summary>
    public Address Account { get; }

    /// <summary>The connection used.</summary>
    public ChainConnection Connection { get; }

    /// <summary>Nethereum's Web3 bound to this account (for the typed contract handlers).</summary>
    public IWeb3 Web3 { get; }

    /// <summary>The options in force.</summary>
    public TransactionSenderOptions Options { get; }

    /// <summary>Throws <see cref="ChainIdMismatchException"/> unless the node serves the configured chain.</summary>
    public async Task EnsureChainAsync(CancellationToken ct = default)
    {
        if (_chainChecked)
        {
            return;
        }
        var actual = await Connection.ChainIdAsync(ct).ConfigureAwait(false);
        if (actual != Options.ChainId)
        {
            throw new ChainIdMismatchException(Connection.EndpointDisplay, Options.ChainId, actual);
        }
        _chainChecked = true;
    }

    /// <summary>Sends <paramref name="message"/> to the contract at <paramref name="contract"/> and waits for its successful receipt.</summary>
    public Task<TransactionReceipt> SendAsync<TFunction>(Address contract, TFunction message, CancellationToken ct = default)
        where TFunction : FunctionMessage, new()
    {
        var handler = Web3.Eth.GetContractTransactionHandler<TFunction>();
        var to = contract.ToLowerString();
        return SendCoreAsync(
            message,
            () => handler.EstimateGasAsync(to, message),
            () => handler.SendRequestAsync(to, message),
            () => message.CreateCallInput(to),
            typeof(TFunction).Name,
            ct);
    }

    /// <summary>Deploys a contract and waits for its successful receipt (its <see cref="TransactionReceipt.ContractAddress"/>).</summary>
    public Task<TransactionReceipt> DeployAsync<TDeployment>(TDeployment deployment, CancellationToken ct = default)
        where TDeployment : ContractDeploymentMessage, new()
    {
        var handler = Web3.Eth.GetContractDeploymentHandler<TDeployment>();
        return SendCoreAsync(
            deployment,
            () => handler.EstimateGasAsync(deployment),
            () => handler.SendRequestAsync(deployment),
            () => deployment.CreateCallInput(),
            typeof(TDeployment).Name,
            ct);
    }

    /// <summary>Polls for the receipt until it has the configured confirmations; throws <see cref="ReceiptTimeoutException"/> after the timeout.</summary>
    public async Task<TransactionReceipt> WaitForReceiptAsync(string transactionHash, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + Options.ReceiptTimeout;
        TransactionReceipt? receipt;
        while ((receipt = await Connection.GetReceiptAsync(transactionHash, ct).ConfigureAwait(false)) is null)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new ReceiptTimeoutException(transactionHash, Options.ReceiptTimeout, "mined");
            }
            await Task.Delay(Options.PollInterval, ct).ConfigureAwait(false);
        }
        while (await Connection.BlockNumberAsync(ct).ConfigureAwait(false) - receipt.BlockNumber + 1 < Options.Confirmations)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new ReceiptTimeoutException(transactionHash, Options.ReceiptTimeout, $"confirmed by {Options.Confirmations} blocks");
            }
            await Task.Delay(Options.PollInterval, ct).ConfigureAwait(false);
        }
        return receipt;
    }

    private async Task<TransactionReceipt> SendCoreAsync(
        ContractMessageBase message,
        Func<Task<HexBigInteger>> estimate,
        Func<Task<string>> send,
        Func<CallInput> replay,
        string context,
        CancellationToken ct)
    {
        await EnsureChainAsync(ct).ConfigureAwait(false);
        message.FromAddress = _account.Address;
        if (message.Gas is null)
        {
            // A revert found here throws SmartContractCustomErrorRevertException / SmartContractRevertException: nothing is sent.
            var estimated = await Connection.CallAsync("eth_estimateGas", estimate, ct).ConfigureAwait(false);
            message.Gas = estimated.Value * (100 + Options.GasMarginPercent) / 100;
        }
        var fee = await Connection.CallAsync("eth_feeHistory", () => Web3.FeeSuggestion.GetSimpleFeeSuggestionStrategy().SuggestFeeAsync(), ct).ConfigureAwait(false);
        message.MaxFeePerGas = fee.MaxFeePerGas;
        message.MaxPriorityFeePerGas = fee.MaxPriorityFeePerGas;
        message.TransactionType = 2;

        string hash;
        await _sending.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                message.Nonce = (await Connection.CallAsync("eth_getTransactionCount", () => _account.NonceService.GetNextNonceAsync(), ct).ConfigureAwait(false)).Value;
                try
                {
                    hash = await Connection.CallAsync("eth_sendRawTransaction", send, ct).ConfigureAwait(false);
                    break;
                }
                catch (Exception e)
                {
                    // The node refused (or may not have seen) this nonce: forget the local counter so the next
                    // transaction re-reads the node's pending count instead of leaving a gap.
                    await _account.NonceService.ResetNonceAsync().ConfigureAwait(false);
                    if (!(e is NodeRefusedException refused && IsNonceError(refused.NodeMessage) && attempt < Options.NonceRetries))
                    {
                        throw;
                    }
                }
            }
        }
        finally
        {
            _sending.Release();
        }

        var receipt = await WaitForReceiptAsync(hash, ct).ConfigureAwait(false);
        if (!receipt.Succeeded)
        {
            throw await ExplainRevertAsync(receipt, replay(), context, ct).ConfigureAwait(false);
        }
        return receipt;
    }

    private async Task<Exception> ExplainRevertAsync(TransactionReceipt receipt, CallInput call, string context, CancellationToken ct)
    {
        // Replaying on the parent block's state reproduces the revert data the receipt does not carry.
        call.From = _account.Address;
        try
        {
            await Connection.CallAsync("eth_call", () => Web3.Eth.Transactions.Call.SendRequestAsync(call, new BlockParameter(new HexBigInteger(receipt.BlockNumber - 1))), ct).ConfigureAwait(false);
            return new TransactionRevertedException(receipt.TransactionHash, context, null, "the replay did not revert (out of gas?)");
        }
        catch (SmartContractCustomErrorRevertException e)
        {
            return new TransactionRevertedException(receipt.TransactionHash, context, e.ExceptionEncodedData, null);
        }
        catch (SmartContractRevertException e)
        {
            return new TransactionRevertedException(receipt.TransactionHash, context, e.EncodedData, e.RevertMessage);
        }
        catch (NodeRefusedException e)
        {
            return new TransactionRevertedException(receipt.TransactionHash, context, e.ErrorData, e.NodeMessage);
        }
    }

    private static bool IsNonceError(string? message) =>
        message is not null
        && (message.Contains("nonce too low", StringComparison.OrdinalIgnoreCase)
            || message.Contains("nonce is too low", StringComparison.OrdinalIgnoreCase)
            || message.Contains("replacement transaction underpriced", StringComparison.OrdinalIgnoreCase));
}
