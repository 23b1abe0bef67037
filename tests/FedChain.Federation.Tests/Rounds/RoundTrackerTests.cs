using FedChain.Federation.Rounds;

namespace FedChain.Federation.Tests.Rounds;

public class RoundTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Selected = ["a", "b", "c", "d"];

    private static RoundTracker Tracker(int minResults = 2, bool closeAtQuorum = false, int strategyMinimum = 1) =>
        new(1, Selected, Start, new RoundRules(TimeSpan.FromMinutes(5), minResults, 0, closeAtQuorum), strategyMinimum);

    [Fact]
    public void Decide_BeforeAnything_WaitsUntilDeadline()
    {
        var decision = Tracker().Decide(Start);

        Assert.Equal(RoundVerdict.Wait, decision.Verdict);
        Assert.Equal(Start.AddMinutes(5), decision.WakeAt);
    }

    [Fact]
    public void Decide_AllAnsweredWithQuorum_Aggregates()
    {
        var tracker = Tracker();
        tracker.RecordResult("a");
        tracker.RecordResult("b");
        tracker.RecordFailure("c", "crashed");
        tracker.RecordResult("d");

        var decision = tracker.Decide(Start.AddSeconds(1));

        Assert.Equal(RoundVerdict.Aggregate, decision.Verdict);
        Assert.Equal(3, decision.Results);
        Assert.Equal(1, decision.Failures);
    }

    [Fact]
    public void Decide_DeadlineWithQuorum_AggregatesWhatItHas()
    {
        var tracker = Tracker();
        tracker.RecordResult("a");
        tracker.RecordResult("b");

        Assert.Equal(RoundVerdict.Wait, tracker.Decide(Start.AddMinutes(4)).Verdict);
        var decision = tracker.Decide(Start.AddMinutes(5));

        Assert.Equal(RoundVerdict.Aggregate, decision.Verdict);
        Assert.Contains("deadline", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_DeadlineWithoutQuorum_FailsWithReason()
    {
        var tracker = Tracker(minResults: 3);
        tracker.RecordResult("a");

        var decision = tracker.Decide(Start.AddMinutes(6));

        Assert.Equal(RoundVerdict.Fail, decision.Verdict);
        Assert.Contains("1 results, quorum 3", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_FailuresMakeQuorumUnreachable_FailsBeforeDeadline()
    {
        var tracker = Tracker(minResults: 3);
        tracker.RecordFailure("a", "timeout");
        tracker.RecordFailure("b", "rejected: NonFinite");

        Assert.Equal(RoundVerdict.Fail, tracker.Decide(Start).Verdict);
    }

    [Fact]
    public void Decide_CloseAtQuorum_AggregatesEarly()
    {
        var tracker = Tracker(closeAtQuorum: true);
        tracker.RecordResult("a");
        Assert.Equal(RoundVerdict.Wait, tracker.Decide(Start).Verdict);
        tracker.RecordResult("c");

        Assert.Equal(RoundVerdict.Aggregate, tracker.Decide(Start).Verdict);
    }

    [Fact]
    public void Decide_StrategyMinimumAboveSelected_FailsAtOnce()
    {
        var decision = Tracker(strategyMinimum: 5).Decide(Start);

        Assert.Equal(RoundVerdict.Fail, decision.Verdict);
        Assert.Contains("quorum 5 exceeds the 4 selected", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_AfterClose_OrUnknownOrTwice_IsRefused()
    {
        var tracker = Tracker();
        Assert.False(tracker.RecordResult("zed"));
        Assert.True(tracker.RecordResult("a"));
        Assert.False(tracker.RecordResult("a"));
        Assert.False(tracker.RecordFailure("a", "late failure"));
        tracker.RecordResult("b");
        tracker.Decide(Start.AddHours(1));

        Assert.False(tracker.RecordResult("c"));
        Assert.Equal(RoundVerdict.Aggregate, tracker.Decide(Start.AddHours(2)).Verdict);
    }

    [Fact]
    public void RecordResult_AfterAFailure_ReplacesIt()
    {
        var tracker = Tracker();
        Assert.True(tracker.RecordFailure("a", "declined: no consent"));

        Assert.True(tracker.RecordResult("a"));

        Assert.Contains("a", tracker.Results);
        Assert.False(tracker.Failures.ContainsKey("a"));
        Assert.False(tracker.RecordFailure("a", "declined again"));
    }

    [Fact]
    public void Constructor_QuorumFraction_RoundsUp()
    {
        var tracker = new RoundTracker(1, Selected, Start, new RoundRules(TimeSpan.FromMinutes(1), 1, 0.6));

        Assert.Equal(3, tracker.Quorum);
    }
}
