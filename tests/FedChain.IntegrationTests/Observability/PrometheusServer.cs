using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using FedChain.Testing;

namespace FedChain.IntegrationTests.Observability;

/// <summary>A real Prometheus (Debian's package) scraping one target every half second, on a free port, with its own storage.</summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/prometheus";
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (host:port) at /metrics.</summary>
    public static async Task<PrometheusServer> StartAsync(string target)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install Debian's 'prometheus' package (tests/scripts/prerequisites.sh does)");
        }

        var directory = Directory.CreateTempSubdirectory("fedchain-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 500ms
              scrape_timeout: 400ms
            scrape_configs:
              - job_name: fedchain-aggregator
                static_configs:
                  - targets: ['{target}']
            """);
        var port = FreeTcpPort.Next();
        var start = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Binary}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, port);
        await server.WaitForTargetUpAsync(TimeSpan.FromMinutes(1));
        return server;
    }

    /// <summary>The value of an instant PromQL query that returns one sample, or null while it returns none.</summary>
    public async Task<double?> QueryAsync(string promql)
    {
        var response = await _http.GetFromJsonAsync<JsonElement>($"/api/v1/query?query={Uri.EscapeDataString(promql)}");
        var result = response.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? null : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until <paramref name="promql"/> answers <paramref name="expected"/>; returns the last answer either way.</summary>
    public async Task<double?> WaitForValueAsync(string promql, double expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        double? value;
        while ((value = await QueryAsync(promql)) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        return value;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Prometheus may still hold its lock file for a moment.
        }
    }

    private async Task WaitForTargetUpAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var targets = await _http.GetFromJsonAsync<JsonElement>("/api/v1/targets");
                var active = targets.GetProperty("data").GetProperty("activeTargets");
                if (active.GetArrayLength() > 0)
                {
                    last = active[0].GetProperty("health").GetString() + " " + active[0].GetProperty("lastError").GetString();
                    if (active[0].GetProperty("health").GetString() == "up")
                    {
                        return;
                    }
                }
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Prometheus's target is not up after {timeout.TotalSeconds} s: {last}");
    }
}
