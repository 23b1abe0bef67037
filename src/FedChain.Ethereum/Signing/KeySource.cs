namespace FedChain.Ethereum.Signing;

/// <summary>Loads signing keys from a keystore file, an environment variable, or a file holding a hex key.</summary>
public static class KeySource
{
    /// <summary>Decrypts a v3 keystore file.</summary>
    public static EthereumKey FromKeystoreFile(string path, string password)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Keystore file '{path}' does not exist.", path);
        }
        return KeystoreV3.Decrypt(File.ReadAllText(path), password, $"keystore '{path}'");
    }

    /// <summary>Reads a hex private key from an environment variable (its value is never echoed).</summary>
    public static EthereumKey FromEnvironment(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"Environment variable '{variable}' holding the private key is not set.");
        }
        try
        {
            return EthereumKey.FromHex(value);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"Environment variable '{variable}': {ex.Message}", ex);
        }
    }

    /// <summary>Reads a hex private key from a file (e.g. a mounted secret); surrounding whitespace is ignored.</summary>
    public static EthereumKey FromHexFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Private key file '{path}' does not exist.", path);
        }
        try
        {
            return EthereumKey.FromHex(File.ReadAllText(path));
        }
        catch (FormatException ex)
        {
            throw new FormatException($"Private key file '{path}': {ex.Message}", ex);
        }
    }
}
