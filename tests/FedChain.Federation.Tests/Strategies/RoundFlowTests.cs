using FedChain.Federation.Encoding;
using FedChain.Federation.Rounds;
using FedChain.Federation.Strategies;
using FedChain.Federation.Validation;

namespace FedChain.Federation.Tests.Strategies;

/// <summary>The sequence an aggregator host runs for one round, end to end on the pure types.</summary>
public class RoundFlowTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Round_SampleValidateFoldDecide_ProducesFedAvgModelAndTypedFailures()
    {
        var layout = TestData.SmallLayout;
        var global = TestData.RandomVector(layout.TotalLength, 1);
        var strategy = new FedAvgStrategy(new StrategyOptions(new ClientSampling(0.5, 3, 4, Seed: 9), new RoundPlan()));
        var available = Enumerable.Range(0, 8).Select(i => $"w{i}").ToArray();

        var config = strategy.ConfigureFit(1, available);
        var selected = config.Selection.Selected;
        var tracker = new RoundTracker(1, selected, Start, new RoundRules(TimeSpan.FromMinutes(2), MinResults: 2), strategy.MinimumResults);
        var validator = new UpdateValidator("run", 1, layout, selected, maxNorm: 100);
        var aggregation = strategy.BeginAggregate(1, global);
        var failures = new List<ClientFailure>();
        var updates = selected.Select((id, k) => TestData.RandomVector(layout.TotalLength, (ulong)k + 20)).ToArray();
        updates[^1][0] = float.NaN;

        for (var k = 0; k < selected.Count; k++)
        {
            var payload = VectorEncoding.Encode(layout, updates[k], PayloadKind.Update);
            var verdict = validator.Validate(new IncomingUpdate("run", 1, selected[k], 10 * (k + 1), payload, VectorEncoding.ContentHash(payload)));
            if (verdict.IsAccepted)
            {
                aggregation.Add(new ClientResult(selected[k], 10 * (k + 1), verdict.Norm), verdict.Vector!.Values);
                tracker.RecordResult(selected[k]);
            }
            else
            {
                failures.Add(new ClientFailure(selected[k], verdict.Reason.ToString()!));
                tracker.RecordFailure(selected[k], verdict.Message);
            }
        }

        var decision = tracker.Decide(Start.AddSeconds(30));
        var outcome = aggregation.Complete(failures);

        Assert.Equal(4, selected.Count);
        Assert.Equal(RoundVerdict.Aggregate, decision.Verdict);
        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(nameof(UpdateRejectionReason.NonFinite), Assert.Single(outcome.Failures).Reason);
        var expected = FedChain.Federation.Aggregation.Aggregates.WeightedAverage(updates[..3], [10, 20, 30]);
        TestData.AssertClose(global.Select((g, i) => g + expected[i]).ToArray(), outcome.Model, 1e-5);
    }
}
