using FedChain.Ethereum.Signing;
using Nethereum.KeyStore;
using Nethereum.KeyStore.Model;

namespace FedChain.Ethereum.Tests.Signing;

/// <summary>The one key loader: every source loads, and every bad input is one line naming the setting and what was wrong.</summary>
public sealed class KeySourceTests : IDisposable
{
    private const string AnvilKey1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private const string AnvilAddress1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("fedchain-keys-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static KeyLocation At(string? keyFile, string? passwordFile = null, string? environment = null) =>
        new(keyFile, passwordFile, environment, "Worker:KeyFile", "Worker:KeyPasswordFile", "Worker:KeyEnvironmentVariable", "a worker must sign its updates");

    private string Keystore(string password)
    {
        using var key = EthereumKey.FromHex(AnvilKey1);
        // A small scrypt cost keeps the test fast; decryption reads the parameters from the file.
        var json = new KeyStoreScryptService().EncryptAndGenerateKeyStoreAsJson(password, key.ExportPrivateKey(), key.Address.ToString(), new ScryptParams { N = 1024, R = 8, P = 1, Dklen = 32 });
        return Write("key.json", json);
    }

    private static void AssertOneLine(KeyLoadException ex, params string[] expected)
    {
        Assert.DoesNotContain('\n', ex.Message);
        foreach (var part in expected)
        {
            Assert.Contains(part, ex.Message);
        }
    }

    [Fact]
    public void Load_HexKeyFileWithTrailingNewline_LoadsKey()
    {
        using var key = KeySource.Load(At(Write("key.hex", AnvilKey1 + "\n")));
        Assert.Equal(AnvilAddress1, key.Address.ToString());
    }

    [Fact]
    public void Load_KeystoreWithPasswordFile_DecryptsWithNethereumKeyStore()
    {
        using var key = KeySource.Load(At(Keystore("correct horse"), Write("password", "correct horse\n")));
        Assert.Equal(AnvilAddress1, key.Address.ToString());
    }

    [Fact]
    public void Load_Environment_LoadsKey()
    {
        var name = "FEDCHAIN_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, AnvilKey1);
        try
        {
            using var key = KeySource.Load(At(null, null, name));
            Assert.Equal(AnvilAddress1, key.Address.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Load_WrongPassword_SaysWrongPasswordNamingTheFile()
    {
        var keystore = Keystore("correct horse");
        var ex = Assert.Throws<KeyLoadException>(() => KeySource.Load(At(keystore, Write("password", "battery staple"))));
        AssertOneLine(ex, "Worker:KeyFile", keystore, "wrong keystore password");
        Assert.DoesNotContain("battery", ex.Message);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"version\":3}")]
    [InlineData("{\"version\":3,\"crypto\":{\"kdf\":\"argon2\"}}")]
    public void Load_MalformedKeystore_SaysNotAKeystore(string content)
    {
        var path = Write("broken.json", content);
        var ex = Assert.Throws<KeyLoadException>(() => KeySource.Load(At(path, Write("password", "pw"))));
        AssertOneLine(ex, "Worker:KeyFile", path, "is not a valid keystore v3 file");
    }

    [Theory]
    [InlineData("0x1234", "64 hex digits")]
    [InlineData("0xzz0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "non-hex")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000", "not a valid secp256k1")]
    public void Load_BadKeyFile_NamesFileAndProblemNotTheKey(string content, string problem)
    {
        var path = Write("bad.hex", content);
        var ex = Assert.Throws<KeyLoadException>(() => KeySource.Load(At(path)));
        AssertOneLine(ex, "Worker:KeyFile", path, problem);
        Assert.DoesNotContain("bec39a17", ex.Message);
    }

    [Fact]
    public void Load_MissingKeyFile_NamesIt()
    {
        var ex = Assert.Throws<KeyLoadException>(() => KeySource.Load(At("/nonexistent/key.json")));
        AssertOneLine(ex, "Worker:KeyFile '/nonexistent/key.json' does not exist");
    }

    [Fact]
    public void Load_KeystoreWithoutPasswordSetting_NamesThePasswordSetting()
    {
        var ex = Assert.Throws<KeyLoadException>(() => KeySource.Load(At(Keystore("pw"))));
        AssertOneLine(ex, "is a keystore", "Worker:KeyPasswordFile");
    }

    [Fact]
    public void Load_MissingPasswordFile_NamesIt()
    {
        var ex = Assert.Throws<KeyLoadException>(() => KeySource.Load(At(Keystore("pw"), "/nonexistent/password")));
        AssertOneLine(ex, "Worker:KeyPasswordFile '/nonexistent/password' does not exist");
    }

    [Fact]
    public void Load_UnsetEnvironmentVariable_NamesIt()
    {
        var ex = Assert.Throws<KeyLoadException>(() => KeySource.Load(At(null, null, "FEDCHAIN_SURELY_UNSET_VARIABLE")));
        AssertOneLine(ex, "Worker:KeyEnvironmentVariable", "FEDCHAIN_SURELY_UNSET_VARIABLE", "is not set");
    }

    [Fact]
    public void Load_NothingConfigured_NamesTheSettings()
    {
        var ex = Assert.Throws<KeyLoadException>(() => KeySource.Load(At(null)));
        AssertOneLine(ex, "set Worker:KeyFile or Worker:KeyEnvironmentVariable");
    }

    [Fact]
    public void ToKeystoreJson_RoundTripsThroughLoad()
    {
        using var key = EthereumKey.FromHex(AnvilKey1);
        var path = Write("roundtrip.json", KeySource.ToKeystoreJson(key, "pw"));
        using var loaded = KeySource.Load(At(path, Write("password", "pw")));
        Assert.Equal(key.Address, loaded.Address);
    }
}
