namespace FedChain.Ethereum.Rpc;

/// <summary>The node could not be reached, timed out, or answered with something other than JSON-RPC.</summary>
public sealed class RpcTransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RpcTransportException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
