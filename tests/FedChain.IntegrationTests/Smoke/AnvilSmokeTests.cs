using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Testing;

namespace FedChain.IntegrationTests.Smoke;

[Collection(AnvilCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AnvilSmokeTests(AnvilFixture fixture)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task ChainId_OnRealAnvil_IsTheConfiguredOne()
    {
        var chainId = await RpcAsync("eth_chainId");
        Assert.Equal(TestChain.ChainId, ParseQuantity(chainId.GetValue<string>()));
    }

    [Fact]
    public async Task Deploy_ProbeContract_RunsItsConstructorOnChain()
    {
        var artifact = JsonNode.Parse(await File.ReadAllTextAsync(
            RepositoryRoot.Combine("src", "FedChain.Ledger", "Artifacts", "ToolchainProbe.json")))!;
        var bytecode = artifact["bytecode"]!.GetValue<string>();
        const int initial = 1234;
        var constructorArgument = initial.ToString("x64", CultureInfo.InvariantCulture);
        var from = (await RpcAsync("eth_accounts"))[0]!.GetValue<string>();

        var txHash = (await RpcAsync("eth_sendTransaction", new JsonObject
        {
            ["from"] = from,
            ["data"] = bytecode + constructorArgument,
        })).GetValue<string>();
        // eth_sendTransaction returns when the node has the transaction, not when it is mined: wait for the receipt.
        var receipt = await WaitForReceiptAsync(txHash, TimeSpan.FromSeconds(60));

        Assert.Equal("0x1", receipt["status"]!.GetValue<string>());
        var address = receipt["contractAddress"]!.GetValue<string>();
        var code = (await RpcAsync("eth_getCode", address, "latest")).GetValue<string>();
        Assert.Equal(artifact["deployedBytecode"]!.GetValue<string>(), code);

        // value() is selector 0x3fa4f245; the constructor stored the argument there.
        var value = (await RpcAsync("eth_call", new JsonObject { ["to"] = address, ["data"] = "0x3fa4f245" }, "latest")).GetValue<string>();
        Assert.Equal(initial, ParseQuantity(value));
    }

    private static long ParseQuantity(string hex) =>
        long.Parse(hex.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private async Task<JsonNode> WaitForReceiptAsync(string txHash, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await RpcOrNullAsync("eth_getTransactionReceipt", txHash) is { } receipt)
            {
                return receipt;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"transaction {txHash} was not mined within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(50);
        }
    }

    private async Task<JsonNode> RpcAsync(string method, params JsonNode?[] parameters) =>
        await RpcOrNullAsync(method, parameters) ?? throw new InvalidOperationException($"{method} returned no result");

    private async Task<JsonNode?> RpcOrNullAsync(string method, params JsonNode?[] parameters)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 1,
            ["method"] = method,
            ["params"] = new JsonArray(parameters),
        };
        using var response = await Http.PostAsJsonAsync(fixture.Node.RpcUrl, request);
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (body["error"] is { } error)
        {
            throw new InvalidOperationException($"{method} failed: {error.ToJsonString(new JsonSerializerOptions())}");
        }

        return body["result"];
    }
}
