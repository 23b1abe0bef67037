namespace FedChain.Ethereum.Rpc;

/// <summary>The node answered a JSON-RPC call with an error object.</summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RpcException(string method, long code, string rpcMessage, string? dataJson, string endpoint)
        : base($"JSON-RPC {method} at {endpoint} failed with error {code}: {rpcMessage}")
    {
        Method = method;
        Code = code;
        RpcMessage = rpcMessage;
        DataJson = dataJson;
    }

    /// <summary>The RPC method that failed.</summary>
    public string Method { get; }

    /// <summary>JSON-RPC error code (3 = execution reverted on geth/anvil).</summary>
    public long Code { get; }

    /// <summary>The node's error message.</summary>
    public string RpcMessage { get; }

    /// <summary>The raw JSON of the error's "data" member, if any.</summary>
    public string? DataJson { get; }

    /// <summary>The revert data when the error carries it (a 0x hex string in "data"), else null.</summary>
    public byte[]? RevertData
    {
        get
        {
            if (DataJson is null)
            {
                return null;
            }
            var text = DataJson.Trim().Trim('"');
            if (!text.StartsWith("0x", StringComparison.Ordinal))
            {
                return null;
            }
            try
            {
                return Hex.Decode(text, "revert data");
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }

    /// <summary>True when the node reports an EVM revert (a revert with or without data).</summary>
    public bool IsExecutionReverted =>
        Code == 3 || RpcMessage.Contains("revert", StringComparison.OrdinalIgnoreCase);
}
