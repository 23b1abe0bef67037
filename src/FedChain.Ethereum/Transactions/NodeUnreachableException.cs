namespace FedChain.Ethereum.Transactions;

/// <summary>The node at an RPC endpoint did not answer (refused, unresolvable, or timed out).</summary>
public sealed class NodeUnreachableException : Exception
{
    /// <summary>Creates the exception naming the endpoint, the call and the transport's reason.</summary>
    public NodeUnreachableException(string endpoint, string method, string reason, Exception inner)
        : base($"the Ethereum node at {endpoint} does not answer ({method}): {reason.Split('\n', 2)[0].Trim()}", inner) =>
        Endpoint = endpoint;

    /// <summary>The endpoint (without credentials).</summary>
    public string Endpoint { get; }
}
