using Nethereum.KeyStore;
using Nethereum.KeyStore.Crypto;
using Nethereum.KeyStore.Model;

namespace FedChain.Ethereum.Signing;

/// <summary>
/// The one place that decides how a signing key is loaded: a keystore v3 file (decrypted with Nethereum's key store
/// service), a file holding a hex key, or an environment variable. Every host (coordinator, worker, console,
/// simulation) loads its key here; errors name the setting, never the key or password.
/// </summary>
public static class KeySource
{
    /// <summary>Loads the key at <paramref name="location"/>: the key file when set (keystore when it is JSON), else the environment variable.</summary>
    public static EthereumKey Load(KeyLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!string.IsNullOrWhiteSpace(location.KeyFile))
        {
            var path = location.KeyFile;
            if (!File.Exists(path))
            {
                throw new KeyLoadException($"{location.KeyFileSetting} '{path}' does not exist");
            }
            var text = File.ReadAllText(path);
            if (!text.TrimStart().StartsWith('{'))
            {
                return FromHex(text, $"{location.KeyFileSetting} '{path}'");
            }
            if (string.IsNullOrWhiteSpace(location.PasswordFile))
            {
                throw new KeyLoadException($"{location.KeyFileSetting} '{path}' is a keystore: set {location.PasswordFileSetting} to its password file");
            }
            if (!File.Exists(location.PasswordFile))
            {
                throw new KeyLoadException($"{location.PasswordFileSetting} '{location.PasswordFile}' does not exist");
            }
            // Secret files usually end with a newline that is not part of the password.
            var password = File.ReadAllText(location.PasswordFile).TrimEnd('\r', '\n');
            return FromKeystoreJson(text, password, $"{location.KeyFileSetting} '{path}'");
        }
        if (!string.IsNullOrWhiteSpace(location.EnvironmentVariable))
        {
            var value = Environment.GetEnvironmentVariable(location.EnvironmentVariable);
            return string.IsNullOrWhiteSpace(value)
                ? throw new KeyLoadException($"{location.EnvironmentVariableSetting}: environment variable '{location.EnvironmentVariable}' holding the private key is not set")
                : FromHex(value, $"{location.EnvironmentVariableSetting}: environment variable '{location.EnvironmentVariable}'");
        }
        var settings = location.EnvironmentVariableSetting is null ? location.KeyFileSetting : $"{location.KeyFileSetting} or {location.EnvironmentVariableSetting}";
        throw new KeyLoadException($"set {settings}: {location.Purpose}");
    }

    /// <summary>Decrypts keystore v3 JSON (scrypt or pbkdf2) with Nethereum's key store service; <paramref name="what"/> names its source in errors.</summary>
    public static EthereumKey FromKeystoreJson(string json, string password, string what)
    {
        byte[] key;
        try
        {
            key = new KeyStoreService().DecryptKeyStoreFromJson(password, json);
        }
        catch (DecryptionException e)
        {
            throw new KeyLoadException($"{what}: wrong keystore password (the MAC does not match)", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nethereum reports a malformed file with whatever its parser threw (often a bare Exception).
            throw new KeyLoadException($"{what} is not a valid keystore v3 file: {FirstLine(e.Message)}", e);
        }
        try
        {
            return EthereumKey.FromBytes(key);
        }
        catch (ArgumentException e)
        {
            throw new KeyLoadException($"{what}: the keystore holds an invalid key: {e.Message}", e);
        }
        finally
        {
            Array.Clear(key);
        }
    }

    /// <summary>Encrypts <paramref name="key"/> as keystore v3 JSON (scrypt), e.g. for operators creating a key.</summary>
    public static string ToKeystoreJson(EthereumKey key, string password)
    {
        var raw = key.ExportPrivateKey();
        try
        {
            // geth's standard scrypt cost (n = 2^18, r = 8, p = 1): Nethereum's default (r = 1, p = 8) is refused by
            // other clients (cast: "scrypt InvalidParams"), and a hospital's key file must open in any of them.
            return new KeyStoreScryptService().EncryptAndGenerateKeyStoreAsJson(password, raw, key.Address.ToString(), new ScryptParams { N = 262144, R = 8, P = 1, Dklen = 32 });
        }
        finally
        {
            Array.Clear(raw);
        }
    }

    private static EthereumKey FromHex(string text, string what)
    {
        try
        {
            return EthereumKey.FromHex(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new KeyLoadException($"{what}: {e.Message}", e);
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
