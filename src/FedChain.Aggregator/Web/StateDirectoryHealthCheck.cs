using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FedChain.Aggregator.Web;

/// <summary>Ready when the aggregator can write to its state directory (a full or read-only disk would lose accepted updates).</summary>
internal sealed class StateDirectoryHealthCheck(IOptions<AggregatorOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var directory = options.Value.StateDirectory;
        var probe = Path.Combine(directory, $".health-{Environment.ProcessId}");
        try
        {
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy($"state directory {directory} is writable");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"state directory {directory} is not writable: {e.Message}");
        }
    }
}
