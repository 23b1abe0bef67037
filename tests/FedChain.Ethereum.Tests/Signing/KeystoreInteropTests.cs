using System.Diagnostics;
using FedChain.Ethereum.Signing;
using FedChain.Ethereum.Tests.DevNode;

namespace FedChain.Ethereum.Tests.Signing;

/// <summary>Keystores round-trip with Foundry's cast, an independent implementation.</summary>
[Trait("Category", "Integration")]
public class KeystoreInteropTests
{
    private const string DevKey1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    [Fact]
    public void FromKeystoreFile_WrittenByCast_DecryptsToSameAccount()
    {
        var dir = Directory.CreateTempSubdirectory("fedchain-cast-ks-");
        try
        {
            Cast("wallet", "import", "dev1", "--private-key", DevKey1, "--keystore-dir", dir.FullName, "--unsafe-password", "pw");
            using var key = KeySource.FromKeystoreJson(File.ReadAllText(Path.Combine(dir.FullName, "dev1")), "pw", "cast keystore");
            Assert.Equal("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", key.Address.ToString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Encrypt_ReadByCast_GivesSameAddress()
    {
        var path = Path.GetTempFileName();
        try
        {
            using var key = EthereumKey.FromHex(DevKey1);
            File.WriteAllText(path, KeySource.ToKeystoreJson(key, "pw"));
            Assert.Equal(key.Address.ToString(), Cast("wallet", "address", "--keystore", path, "--password", "pw"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Cast(params string[] arguments)
    {
        var path = AnvilFixture.ToolPath("cast");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"cast binary not found at '{path}' (run `npm ci` in contracts/).", path);
        }
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cast {arguments[0]} {arguments[1]} did not finish within 60 s.");
        }
        Assert.True(process.ExitCode == 0, $"cast {arguments[0]} {arguments[1]} exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result.Trim();
    }
}
