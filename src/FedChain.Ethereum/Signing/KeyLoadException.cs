namespace FedChain.Ethereum.Signing;

/// <summary>A signing key could not be loaded; the one-line message names the setting and what was wrong, never the secret.</summary>
public sealed class KeyLoadException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public KeyLoadException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
