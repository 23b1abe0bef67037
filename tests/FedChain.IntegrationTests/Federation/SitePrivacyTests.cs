using System.Security.Cryptography;
using FedChain.Federation.Privacy;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Messages;

namespace FedChain.IntegrationTests.Federation;

/// <summary>
/// Privacy is enforced at the site, over the real broker with worker processes and a real chain: a worker whose policy
/// demands ε ≤ 3 refuses a run offering ε = 8 and says why; a worker whose own budget (ε = 4 at noise 2) runs out stops
/// after the round its RDP accountant says, and the ε recorded on-chain with its contributions adds up to the accountant's.
/// Sites that refuse say so, signed (RoundDeclined), and each round commits with the others as soon as every site has answered.
/// </summary>
[Collection(FederationCollection.Name)]
[Trait("Category", "Integration")]
[Trait("Category", "Slow")]
public sealed class SitePrivacyTests(RabbitMqFixture rabbit, AnvilFixture anvil)
{
    private const double Delta = 1e-5;

    [Fact]
    public async Task SitePolicies_RefuseWeakerTerms_AndStopWhenTheBudgetIsSpent_WithOnChainEpsilonEqualToTheAccountant()
    {
        await using var system = await FederationSystem.StartAsync(rabbit, anvil, registeredWorkers: 4);
        system.StartAggregator();
        system.StartWorker(0, 10);
        system.StartWorker(1, 10);
        var demanding = system.StartWorker(2, 10, new Dictionary<string, string>
        {
            ["Worker__Privacy__Enabled"] = "true",
            ["Worker__Privacy__MaxRunEpsilon"] = "3",
            ["Worker__Privacy__EpsilonBudget"] = "3",
        });
        var budgeted = system.StartWorker(3, 10, new Dictionary<string, string>
        {
            ["Worker__Privacy__Enabled"] = "true",
            ["Worker__Privacy__MaxRunEpsilon"] = "8",
            ["Worker__Privacy__EpsilonBudget"] = "4",
            ["Worker__Privacy__NoiseMultiplier"] = "2",
            ["Worker__Privacy__ClipNorm"] = "1",
        });
        await system.WaitForHostsAsync(4);

        var runId = RunIds.Format(RandomNumberGenerator.GetBytes(32));
        // Logistic regression: its gradients stay bounded on a noise-swamped global model, so every update is a trained one;
        // the mlp's local training can diverge by round 3 (its site then sends a zeroed update, noised: docs/privacy.md).
        var configuration = FederationSystem.Configuration(3, 4, 2, TimeSpan.FromSeconds(120), model: "logreg") with { Privacy = new RunPrivacyTerms(8, Delta, 1, 2), Engine = "native" };
        await system.Publisher.PublishAsync(new StartRun(runId, 0, configuration, "integration test"));
        for (var round = 1; round <= 3; round++)
        {
            var started = await system.Events.WaitForAsync<RoundStarted>(runId, r => r.Round == round, TimeSpan.FromMinutes(4), system.Diagnostics);
            await system.Events.WaitForAsync<RoundCommitted>(runId, r => r.Round == round, TimeSpan.FromMinutes(4), system.Diagnostics);
            // The sites that refuse say so, signed, so the round closes when every selected site has answered; without
            // their declines it could only close at its deadline.
            Assert.True(DateTimeOffset.UtcNow < started.Deadline, $"round {round} committed after its deadline {started.Deadline:O}: it waited for a site that had declined");
        }

        await system.Events.WaitForAsync<RunFinished>(runId, _ => true, TimeSpan.FromMinutes(4), system.Diagnostics);
        var declines = system.Events.Of<RoundDeclined>(runId);
        Assert.Equal([1, 2, 3], declines.Where(d => d.WorkerId == "worker-3").Select(d => d.Round).Order());
        Assert.Equal([3], declines.Where(d => d.WorkerId == "worker-4").Select(d => d.Round));
        Assert.All(declines, d => Assert.Equal(system.WorkerKey(d.WorkerId == "worker-3" ? 2 : 3).Address.ToLowerString(), d.Address));
        Assert.StartsWith("privacy budget spent: round 3 would bring ε to", declines.Single(d => d.WorkerId == "worker-4").Reason, StringComparison.Ordinal);

        Assert.Contains($"run {runId} offers ε = 8 at δ = 1E-05; this site accepts at most ε = 3 (Worker:Privacy:MaxRunEpsilon)", demanding.RecentOutput(400), StringComparison.Ordinal);

        // The accountant's figures for one Gaussian mechanism per round at noise 2 (sampling rate 1), at δ = 1e-5.
        static long Micros(int rounds)
        {
            var accountant = new RdpAccountant();
            accountant.Step(2, 1.0, rounds);
            return (long)Math.Round(accountant.GetEpsilon(Delta).Epsilon * 1e6, MidpointRounding.AwayFromZero);
        }

        Assert.True(Micros(2) / 1e6 <= 4 && Micros(3) / 1e6 > 4, "noise 2, budget 4: the accountant allows exactly two rounds");
        var contributions = await system.Ledger.GetContributionRecordedEventsAsync(Ethereum.Bytes32.FromBytes(RunIds.Parse(runId)));
        var byWorker = contributions.GroupBy(c => c.Contributor).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Round).ToArray());
        Assert.False(byWorker.ContainsKey(system.WorkerKey(2).Address));
        var spent = byWorker[system.WorkerKey(3).Address];
        Assert.Equal([1UL, 2UL], spent.Select(c => c.Round));
        Assert.Equal(Micros(2), spent.Sum(c => (long)c.EpsilonMicros));
        foreach (var index in new[] { 0, 1 })
        {
            var honest = byWorker[system.WorkerKey(index).Address];
            Assert.Equal([1UL, 2UL, 3UL], honest.Select(c => c.Round));
            Assert.Equal(Micros(3), honest.Sum(c => (long)c.EpsilonMicros));
        }

        Assert.Contains("privacy budget spent: round 3 would bring ε to", budgeted.RecentOutput(400), StringComparison.Ordinal);
    }
}
