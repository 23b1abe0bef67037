using FedChain.Ethereum.Signing;
using FedChain.IntegrationTests.Fixtures;

namespace FedChain.IntegrationTests.Cli;

/// <summary>Bad key material given to the console (malformed keystore, wrong password, bad key file) is one line naming the option and the file.</summary>
[Collection(AnvilCollection.Name)]
[Trait("Category", "Integration")]
public sealed class KeyInputTests(AnvilFixture anvil) : IDisposable
{
    private static readonly TimeSpan Short = TimeSpan.FromMinutes(2);
    private readonly string _directory = Directory.CreateTempSubdirectory("fedchain-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private Task<Testing.ProcessRunner.Result> DeployAsync(params string[] keyArguments) =>
        FedChainCli.RunAsync(_directory, Short, ["contracts", "deploy", "--rpc", anvil.Node.RpcUrl.ToString(), .. keyArguments]);

    [Fact]
    public async Task ContractsDeploy_BadKeyMaterial_OneLineNamingOptionAndFile()
    {
        var malformed = Write("malformed.json", "{\"version\":3,\"crypto\":");
        FedChainCli.AssertOneLineError(await DeployAsync("--key-file", malformed, "--key-password-file", Write("pw", "pw")), 2,
            $"--key-file '{malformed}' is not a valid keystore v3 file");

        using var key = anvil.Node.DevAccountKey(6);
        var keystore = Write("keystore.json", KeySource.ToKeystoreJson(key, "right"));
        FedChainCli.AssertOneLineError(await DeployAsync("--key-file", keystore, "--key-password-file", Write("wrong", "wrong\n")), 2,
            $"--key-file '{keystore}': wrong keystore password");
        FedChainCli.AssertOneLineError(await DeployAsync("--key-file", keystore), 2, "is a keystore: set --key-password-file");

        var badHex = Write("bad.key", "0x12345");
        FedChainCli.AssertOneLineError(await DeployAsync("--key-file", badHex), 2, $"--key-file '{badHex}': Private key must be 64 hex digits");

        // The right password deploys: the keystore FedChain writes is the one it reads.
        var deployed = await DeployAsync("--key-file", keystore, "--key-password-file", Write("right", "right\n"), "--json");
        Assert.True(deployed.ExitCode == 0, deployed.Output);
    }
}
