using System.Net.Http.Json;
using FedChain.Ledger;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FedChain.Aggregator.Web;

/// <summary>Ready when the chain node answers eth_chainId with the configured chain id.</summary>
internal sealed class ChainHealthCheck(IHttpClientFactory clients, IOptions<LedgerOptions> ledger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var options = ledger.Value;
        try
        {
            using var client = clients.CreateClient(nameof(ChainHealthCheck));
            client.Timeout = TimeSpan.FromSeconds(3);
            using var response = await client.PostAsJsonAsync(options.RpcUrl, new { jsonrpc = "2.0", id = 1, method = "eth_chainId", @params = Array.Empty<object>() }, cancellationToken);
            var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancellationToken);
            var chainId = Convert.ToInt64(body.GetProperty("result").GetString(), 16);
            return chainId == options.ChainId
                ? HealthCheckResult.Healthy($"chain {chainId} at {options.RpcUrl}")
                : HealthCheckResult.Unhealthy($"the node at {options.RpcUrl} is chain {chainId}, Ledger:ChainId is {options.ChainId}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"the chain node at {options.RpcUrl} does not answer: {e.Message}");
        }
    }
}
