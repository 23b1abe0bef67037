using FedChain.Ethereum.Abi;
using FedChain.Ethereum.Rpc;
using FedChain.Ethereum.Transactions;

namespace FedChain.Ethereum.Contracts;

/// <summary>
/// A deployed contract driven by its JSON ABI: read calls via eth_call, writes via a <see cref="TransactionSender"/>,
/// reverts decoded into <see cref="ContractRevertException"/>, events decoded from receipts and eth_getLogs.
/// </summary>
public sealed class Contract
{
    /// <summary>Binds an ABI to an address; <paramref name="sender"/> is needed only for writes.</summary>
    public Contract(ContractAbi abi, Address address, EthRpcClient rpc, TransactionSender? sender = null)
    {
        Abi = abi;
        Address = address;
        Rpc = rpc;
        Sender = sender;
    }

    /// <summary>The contract's ABI.</summary>
    public ContractAbi Abi { get; }

    /// <summary>The contract's address.</summary>
    public Address Address { get; }

    /// <summary>RPC client for reads.</summary>
    public EthRpcClient Rpc { get; }

    /// <summary>Sender for writes (null for a read-only binding).</summary>
    public TransactionSender? Sender { get; }

    /// <summary>Deploys init code + constructor arguments and returns the bound contract.</summary>
    public static async Task<Contract> DeployAsync(ContractAbi abi, byte[] bytecode, TransactionSender sender, object?[] constructorArguments, string name = "contract", CancellationToken ct = default)
    {
        var data = abi.EncodeDeployment(bytecode, constructorArguments);
        var receipt = await sender.SendAndWaitAsync(new TransactionRequest(null, data), abi, $"deploying {name}", ct).ConfigureAwait(false);
        var address = receipt.ContractAddress ?? throw new InvalidOperationException($"Deploying {name}: receipt {receipt.TransactionHash} has no contract address.");
        return new Contract(abi, address, sender.Rpc, sender);
    }

    /// <summary>Calls a function with eth_call and decodes its outputs; reverts throw <see cref="ContractRevertException"/>.</summary>
    public async Task<object?[]> CallAsync(string function, object?[] arguments, BlockParameter? block = null, CancellationToken ct = default)
    {
        var f = Abi.GetFunction(function);
        var request = new CallRequest(Address, f.EncodeCall(arguments), Sender?.Account);
        byte[] output;
        try
        {
            output = await Rpc.CallAsync(request, block, ct).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.IsExecutionReverted)
        {
            throw Abi.DecodeRevert(ex.RevertData ?? [], f.Signature);
        }
        return f.DecodeOutput(output);
    }

    /// <summary>Sends a transaction calling <paramref name="function"/> and waits for its confirmed receipt.</summary>
    public Task<TransactionReceipt> SendAsync(string function, object?[] arguments, System.Numerics.BigInteger? gasLimit = null, CancellationToken ct = default)
    {
        var sender = Sender ?? throw new InvalidOperationException($"Contract {Address} is bound read-only; a TransactionSender is needed to call {function}.");
        var f = Abi.GetFunction(function);
        return sender.SendAndWaitAsync(new TransactionRequest(Address, f.EncodeCall(arguments), GasLimit: gasLimit), Abi, f.Signature, ct);
    }

    /// <summary>Decodes this contract's events from a receipt (other contracts' logs are skipped).</summary>
    public IReadOnlyList<DecodedEvent> DecodeEvents(TransactionReceipt receipt) =>
        receipt.Logs.Where(l => l.Address == Address)
            .Select(l => Abi.TryDecodeEvent(l.Topics, l.Data))
            .OfType<DecodedEvent>()
            .ToArray();

    /// <summary>Fetches and decodes one event's logs; <paramref name="indexedFilters"/> match indexed parameters by position.</summary>
    public async Task<IReadOnlyList<(DecodedEvent Event, LogEntry Log)>> GetEventsAsync(string eventName, IReadOnlyList<byte[]?>? indexedFilters = null, BlockParameter? fromBlock = null, BlockParameter? toBlock = null, CancellationToken ct = default)
    {
        var e = Abi.GetEvent(eventName);
        var topics = new List<IReadOnlyList<byte[]>?> { new[] { e.Topic } };
        foreach (var filter in indexedFilters ?? [])
        {
            topics.Add(filter is null ? null : new[] { filter });
        }
        var logs = await Rpc.GetLogsAsync(new LogFilter(Address, topics, fromBlock, toBlock), ct).ConfigureAwait(false);
        return logs.Select(l => (e.Decode(l.Topics, l.Data), l)).ToArray();
    }
}
