using FedChain.Ethereum.Signing;

namespace FedChain.Ethereum.Tests.Signing;

public class KeySourceTests
{
    private const string AnvilKey1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    [Fact]
    public void FromEnvironment_SetVariable_LoadsKey()
    {
        var name = "FEDCHAIN_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, AnvilKey1);
        try
        {
            using var key = KeySource.FromEnvironment(name);
            Assert.Equal("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", key.Address.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void FromEnvironment_Unset_NamesVariable()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => KeySource.FromEnvironment("FEDCHAIN_SURELY_UNSET_VARIABLE"));
        Assert.Contains("FEDCHAIN_SURELY_UNSET_VARIABLE", ex.Message);
    }

    [Fact]
    public void FromHexFile_WithTrailingNewline_LoadsKey()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, AnvilKey1 + "\n");
            using var key = KeySource.FromHexFile(path);
            Assert.Equal("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", key.Address.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FromKeystoreFile_Missing_NamesPath()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => KeySource.FromKeystoreFile("/nonexistent/key.json", "pw"));
        Assert.Contains("/nonexistent/key.json", ex.Message);
    }

    [Fact]
    public void Load_KeystoreWithPasswordFile_DecryptsKey()
    {
        var dir = Directory.CreateTempSubdirectory("fedchain-keys-");
        try
        {
            using var key = EthereumKey.FromHex(AnvilKey1);
            var keystore = Path.Combine(dir.FullName, "key.json");
            var passwordFile = Path.Combine(dir.FullName, "password");
            File.WriteAllText(keystore, KeystoreV3.Encrypt(key, "correct horse", scryptN: 1024));
            File.WriteAllText(passwordFile, "correct horse\n");
            using var loaded = KeySource.Load(new SigningKeyOptions { KeystorePath = keystore, KeystorePasswordFile = passwordFile });
            Assert.Equal(key.Address, loaded.Address);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_TwoSources_NamesTheKeys()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => KeySource.Load(new SigningKeyOptions { PrivateKeyFile = "/a", PrivateKeyEnvironmentVariable = "B" }));
        Assert.Contains("exactly one of KeystorePath, PrivateKeyEnvironmentVariable, PrivateKeyFile (found 2)", ex.Message);
    }
}
