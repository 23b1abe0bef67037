namespace FedChain.Ethereum.Transactions;

/// <summary>
/// The node answered a call with a JSON-RPC error: it refused the transaction or the request (a nonce it will not
/// take, too low a fee, an unsupported method). A contract's revert is not this: it surfaces as the revert.
/// </summary>
public sealed class NodeRefusedException : Exception
{
    /// <summary>Creates the exception naming the endpoint, the call and the node's reason.</summary>
    public NodeRefusedException(string endpoint, string method, int code, string nodeMessage, string? errorData, Exception inner)
        : base($"the Ethereum node at {endpoint} refused {method}: {nodeMessage.Split('\n', 2)[0].Trim()} (JSON-RPC error {code})", inner)
    {
        Endpoint = endpoint;
        Method = method;
        Code = code;
        NodeMessage = nodeMessage;
        ErrorData = errorData;
    }

    /// <summary>The endpoint (without credentials).</summary>
    public string Endpoint { get; }

    /// <summary>The JSON-RPC method the node refused.</summary>
    public string Method { get; }

    /// <summary>The JSON-RPC error code.</summary>
    public int Code { get; }

    /// <summary>The node's own message.</summary>
    public string NodeMessage { get; }

    /// <summary>The error's data as the node sent it (for a call that reverted: the revert data, 0x hex), or null.</summary>
    public string? ErrorData { get; }
}
