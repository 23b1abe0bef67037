namespace FedChain.Ethereum.Abi;

/// <summary>A value did not fit its ABI type, or encoded data was malformed; the message names the path and offset.</summary>
public sealed class AbiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AbiException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public AbiException(string message, Exception inner) : base(message, inner)
    {
    }
}
