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

    /// <summary>Loads the key described by <paramref name="options"/> (validated first).</summary>
    public static EthereumKey Load(SigningKeyOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }
        if (!string.IsNullOrWhiteSpace(options.PrivateKeyEnvironmentVariable))
        {
            return FromEnvironment(options.PrivateKeyEnvironmentVariable);
        }
        if (!string.IsNullOrWhiteSpace(options.PrivateKeyFile))
        {
            return FromHexFile(options.PrivateKeyFile);
        }
        string password;
        if (!string.IsNullOrWhiteSpace(options.KeystorePasswordEnvironmentVariable))
        {
            password = Environment.GetEnvironmentVariable(options.KeystorePasswordEnvironmentVariable)
                ?? throw new InvalidOperationException($"Environment variable '{options.KeystorePasswordEnvironmentVariable}' holding the keystore password is not set.");
        }
        else
        {
            var file = options.KeystorePasswordFile!;
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"Keystore password file '{file}' does not exist.", file);
            }
            // Secret files usually end with a newline that is not part of the password.
            password = File.ReadAllText(file).TrimEnd('\r', '\n');
        }
        return FromKeystoreFile(options.KeystorePath!, password);
    }
}
