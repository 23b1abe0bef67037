using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using FedChain.Ethereum;
using FedChain.IntegrationTests.Federation;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Ledger;
using FedChain.Messages;
using FedChain.Testing;

namespace FedChain.IntegrationTests.Observability;

/// <summary>
/// What an operator sees of a run driven over RabbitMQ with worker processes: a real Prometheus scraping the
/// aggregator's /metrics answers the committed rounds and accepted updates the chain holds, and the rejections the
/// aggregator published; the hosts' OTLP exporters deliver one trace per round that crosses worker and aggregator.
/// </summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ObservabilityTests(RabbitMqFixture rabbit, AnvilFixture anvil)
{
    private const int Rounds = 2;
    private const int Workers = 3;

    [Fact]
    public async Task PrometheusAndTraces_OfARunOverRabbitMq_AgreeWithTheChainAndCrossProcesses()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: Workers);
        using var collector = new OtlpTraceCollector(FreeTcpPort.Next());
        var httpPort = FreeTcpPort.Next();
        var telemetry = new Dictionary<string, string>
        {
            ["Telemetry__OtlpEndpoint"] = collector.Endpoint,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200", // export spans within a fraction of a second, not the default 5 s
        };
        system.StartAggregator(extra: new Dictionary<string, string>(telemetry) { ["Http__Url"] = $"http://127.0.0.1:{httpPort}" });
        for (var i = 0; i < Workers; i++)
        {
            system.StartWorker(i, Workers, telemetry);
        }

        await system.WaitForHostsAsync(Workers);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        var ready = await http.GetAsync("/health/ready");
        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"/health/ready: {ready.StatusCode} {await ready.Content.ReadAsStringAsync()}");
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{httpPort}");

        var runId = RunIds.Format(RandomNumberGenerator.GetBytes(32));
        await system.Publisher.PublishAsync(new StartRun(runId, 0, FederationSystem.Configuration(Rounds, Workers, Workers, TimeSpan.FromSeconds(90)), "observability test"));
        var started = await system.Events.WaitForAsync<RoundStarted>(runId, _ => true, TimeSpan.FromMinutes(4), system.Diagnostics);

        // Two updates for a round that is not open: rejected with RoundNotOpen before anything else is looked at.
        foreach (var round in new[] { 0, 7 })
        {
            await system.Publisher.PublishAsync(new UpdateSubmitted(runId, round, "worker-1", system.WorkerKey(0).Address.ToLowerString(), started.GlobalModelHash,
                [1, 2, 3], "0x" + new string('0', 64), new byte[65], 10, new LocalTrainingMetrics(0, 0, 0, 0)));
            await system.Events.WaitForAsync<UpdateRejected>(runId, r => r.Round == round && r.Reason == RejectionReason.RoundNotOpen, TimeSpan.FromMinutes(1), system.Diagnostics);
        }

        await system.Events.WaitForAsync<RunFinished>(runId, _ => true, TimeSpan.FromMinutes(6), system.Diagnostics);

        // The chain's figures, read through the ledger client.
        var chainRun = Bytes32.FromBytes(RunIds.Parse(runId));
        var chainRounds = (double)await system.Ledger.LastRoundAsync(chainRun);
        double chainContributions = 0;
        for (var round = 1UL; round <= (ulong)chainRounds; round++)
        {
            chainContributions += (await system.Ledger.Ledger.ContributorsOfAsync(chainRun, round)).Count;
        }

        Assert.Equal(Rounds, chainRounds);
        var published = system.Events.Of<UpdateRejected>(runId).Count;
        Assert.Equal(chainRounds, await prometheus.WaitForValueAsync("sum(fedchain_rounds_committed_total)", chainRounds, TimeSpan.FromMinutes(1)));
        Assert.Equal(chainContributions, await prometheus.WaitForValueAsync("sum(fedchain_updates_accepted_total)", chainContributions, TimeSpan.FromMinutes(1)));
        Assert.Equal(published, await prometheus.WaitForValueAsync("sum(fedchain_updates_rejected_total{reason=\"RoundNotOpen\"})", published, TimeSpan.FromMinutes(1)));
        Assert.Equal(Rounds, await prometheus.WaitForValueAsync("sum(fedchain_commit_gas_count)", Rounds, TimeSpan.FromMinutes(1)));
        Assert.True(await prometheus.QueryAsync("sum(fedchain_commit_gas_sum)") > 0);

        // One round's trace: the aggregator's validation of a worker's update descends, through MassTransit's
        // publish and consume spans, from that worker's consumption of RoundStarted, the span its training hangs under.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        string? explanation = null;
        while (DateTime.UtcNow < deadline && (explanation = CrossProcessTrace(collector.Spans)) is not null)
        {
            await Task.Delay(250);
        }

        Assert.True(explanation is null, explanation);
    }

    // Null when some fedchain.validate span (aggregator) has a fedchain.train span's parent (worker) among its ancestors.
    private static string? CrossProcessTrace(IReadOnlyList<OtlpSpan> spans)
    {
        var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        var trainings = spans.Where(s => s.Name == "fedchain.train" && s.Service == "FedChain.Worker").ToArray();
        var validations = spans.Where(s => s.Name == "fedchain.validate" && s.Service == "FedChain.Aggregator").ToArray();
        foreach (var validation in validations)
        {
            var ancestors = new List<OtlpSpan>();
            for (var current = validation; byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
            {
                ancestors.Add(parent);
            }

            if (trainings.Any(t => t.TraceId == validation.TraceId && ancestors.Any(a => a.SpanId == t.ParentSpanId && a.Service == "FedChain.Worker"))
                && ancestors.Count > 0 && ancestors[^1].Service == "FedChain.Aggregator")
            {
                return null;
            }
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"no aggregator validation span descends from a worker's training parent: {spans.Count} spans, {trainings.Length} trainings, {validations.Length} validations; services {string.Join(", ", spans.Select(s => s.Service).Distinct())}");
    }
}
