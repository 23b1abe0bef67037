using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FedChain.Ethereum.Signing;

/// <summary>
/// Web3 Secret Storage v3 keystores (what geth, cast and clef write): scrypt or PBKDF2-HMAC-SHA256 key derivation,
/// AES-128-CTR encryption and a Keccak-256 MAC. Errors never include the password or key material.
/// </summary>
public static class KeystoreV3
{
    /// <summary>Decrypts a keystore JSON document with its password.</summary>
    public static EthereumKey Decrypt(string json, string password, string source = "keystore")
    {
        ArgumentNullException.ThrowIfNull(password);
        JsonNode root;
        try
        {
            root = JsonNode.Parse(json) ?? throw new FormatException($"{source}: empty JSON document.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: not valid JSON ({ex.Message}).", ex);
        }
        var version = root["version"]?.GetValue<int>();
        if (version != 3)
        {
            throw new FormatException($"{source}: unsupported keystore version {version?.ToString(CultureInfo.InvariantCulture) ?? "(missing)"}; expected 3.");
        }
        var crypto = root["crypto"] ?? root["Crypto"] ?? throw new FormatException($"{source}: missing \"crypto\".");
        var cipher = Text(crypto, "cipher", source);
        if (cipher != "aes-128-ctr")
        {
            throw new FormatException($"{source}: unsupported cipher '{cipher}'; expected aes-128-ctr.");
        }
        var ciphertext = Hex.Decode(Text(crypto, "ciphertext", source), $"{source} crypto.ciphertext");
        var iv = Hex.Decode(Text(crypto["cipherparams"] ?? throw new FormatException($"{source}: missing crypto.cipherparams."), "iv", source), $"{source} crypto.cipherparams.iv");
        var mac = Hex.Decode(Text(crypto, "mac", source), $"{source} crypto.mac");
        var kdfParams = crypto["kdfparams"] ?? throw new FormatException($"{source}: missing crypto.kdfparams.");
        var derived = DeriveKey(Text(crypto, "kdf", source), kdfParams, Encoding.UTF8.GetBytes(password), source);
        try
        {
            var expectedMac = Keccak256.HashConcat(derived[16..32], ciphertext);
            if (!CryptographicOperations.FixedTimeEquals(expectedMac, mac))
            {
                throw new CryptographicException($"{source}: MAC mismatch: wrong password or corrupted keystore.");
            }
            var privateKey = AesCtr(derived[..16], iv, ciphertext);
            try
            {
                return EthereumKey.FromBytes(privateKey);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(privateKey);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    /// <summary>
    /// Encrypts a key as a v3 keystore with scrypt (n, r, p as given; geth's "standard" is n=262144, r=8, p=1,
    /// its "light" n=4096, r=8, p=6).
    /// </summary>
    public static string Encrypt(EthereumKey key, string password, int scryptN = 262144, int scryptR = 8, int scryptP = 1)
    {
        var salt = RandomNumberGenerator.GetBytes(32);
        var iv = RandomNumberGenerator.GetBytes(16);
        var derived = Scrypt.DeriveKey(Encoding.UTF8.GetBytes(password), salt, scryptN, scryptR, scryptP, 32);
        var privateKey = key.ExportPrivateKey();
        try
        {
            var ciphertext = AesCtr(derived[..16], iv, privateKey);
            var mac = Keccak256.HashConcat(derived[16..32], ciphertext);
            var document = new JsonObject
            {
                ["address"] = key.Address.ToLowerString()[2..],
                ["crypto"] = new JsonObject
                {
                    ["cipher"] = "aes-128-ctr",
                    ["cipherparams"] = new JsonObject { ["iv"] = Convert.ToHexStringLower(iv) },
                    ["ciphertext"] = Convert.ToHexStringLower(ciphertext),
                    ["kdf"] = "scrypt",
                    ["kdfparams"] = new JsonObject
                    {
                        ["dklen"] = 32,
                        ["n"] = scryptN,
                        ["p"] = scryptP,
                        ["r"] = scryptR,
                        ["salt"] = Convert.ToHexStringLower(salt),
                    },
                    ["mac"] = Convert.ToHexStringLower(mac),
                },
                ["id"] = Guid.NewGuid().ToString(),
                ["version"] = 3,
            };
            return document.ToJsonString();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    private static byte[] DeriveKey(string kdf, JsonNode p, byte[] password, string source)
    {
        var dkLen = Int(p, "dklen", source);
        if (dkLen < 32)
        {
            throw new FormatException($"{source}: kdfparams.dklen is {dkLen}; at least 32 is required.");
        }
        var salt = Hex.Decode(Text(p, "salt", source), $"{source} kdfparams.salt");
        switch (kdf)
        {
            case "scrypt":
                {
                    var n = Int(p, "n", source);
                    if (n < 2 || (n & (n - 1)) != 0)
                    {
                        throw new FormatException($"{source}: scrypt n = {n} must be a power of two > 1.");
                    }
                    return Scrypt.DeriveKey(password, salt, n, Int(p, "r", source), Int(p, "p", source), dkLen);
                }
            case "pbkdf2":
                {
                    var prf = Text(p, "prf", source);
                    if (prf != "hmac-sha256")
                    {
                        throw new FormatException($"{source}: unsupported pbkdf2 prf '{prf}'; expected hmac-sha256.");
                    }
                    return Rfc2898DeriveBytes.Pbkdf2(password, salt, Int(p, "c", source), HashAlgorithmName.SHA256, dkLen);
                }
            default:
                throw new FormatException($"{source}: unsupported kdf '{kdf}'; expected scrypt or pbkdf2.");
        }
    }

    private static byte[] AesCtr(byte[] key, byte[] iv, byte[] input)
    {
        if (iv.Length != 16)
        {
            throw new FormatException($"Keystore iv must be 16 bytes, got {iv.Length}.");
        }
        // AES-CTR from ECB: encrypt the big-endian counter block, XOR with the input.
        using var aes = Aes.Create();
        aes.Key = key;
        var counter = (byte[])iv.Clone();
        var output = new byte[input.Length];
        var keystream = new byte[16];
        for (var offset = 0; offset < input.Length; offset += 16)
        {
            aes.EncryptEcb(counter, keystream, PaddingMode.None);
            for (var i = 0; i < 16 && offset + i < input.Length; i++)
            {
                output[offset + i] = (byte)(input[offset + i] ^ keystream[i]);
            }
            for (var i = 15; i >= 0 && ++counter[i] == 0; i--)
            {
            }
        }
        return output;
    }

    private static string Text(JsonNode node, string name, string source) =>
        node[name]?.GetValue<string>() ?? throw new FormatException($"{source}: missing \"{name}\".");

    private static int Int(JsonNode node, string name, string source) =>
        node[name]?.GetValue<int>() ?? throw new FormatException($"{source}: missing kdfparams \"{name}\".");
}
