using System.Text.Json;
using FedChain.Aggregator.Runs;
using FedChain.Aggregator.State;
using FedChain.Aggregator.Web;

namespace FedChain.Aggregator.Tests.Web;

public sealed class ParticipantViewTests : IDisposable
{
    private const string DpRun = "0x1111111111111111111111111111111111111111111111111111111111111111";
    private const string PlainRun = "0x2222222222222222222222222222222222222222222222222222222222222222";
    private const string Hospital = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private const string Other = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private readonly string _folder = Directory.CreateTempSubdirectory("fedchain-participants-").FullName;

    [Fact]
    public void EpsilonByRun_CommittedRoundsOfTwoRuns_SumsEachRunsEpsilonAndIgnoresUncommittedRounds()
    {
        using var store = new AggregatorStore(Path.Combine(_folder, "aggregator.db"));
        store.SaveRun(new RunRecord(DpRun, "{}", "0x00", 2, RunStatus.Aborted, "aborted: test"));
        store.SaveRun(new RunRecord(PlainRun, "{}", "0x00", 1, RunStatus.Finished, null));
        SaveRound(store, DpRun, 1, RoundStatus.Committed, (Hospital, 2_526_293u), (Other, 2_526_293u));
        SaveRound(store, DpRun, 2, RoundStatus.Committed, (Hospital, 1_118_411u), (Other, 1_118_411u));
        // Sent but not yet on-chain: not part of anyone's ledger.
        SaveRound(store, DpRun, 3, RoundStatus.CommitSent, (Hospital, 899_117u));
        SaveRound(store, PlainRun, 1, RoundStatus.Committed, (Hospital, 0u));

        var hospital = ParticipantView.All(store).Single(p => p.Address == Hospital);

        Assert.Equal([new RunEpsilon(DpRun, 2, 3_644_704), new RunEpsilon(PlainRun, 1, 0)], hospital.EpsilonByRun.OrderBy(e => e.RunId, StringComparer.Ordinal));
        Assert.Equal([2_526_293u, 1_118_411u, 0u], hospital.Rounds.Select(r => r.EpsilonMicros));
        var ofRun = ParticipantView.OfRun(store, store.GetRun(DpRun)!);
        Assert.Equal([Other, Hospital], ofRun.Select(p => p.Address));
        Assert.All(ofRun, p => Assert.Equal([new RunEpsilon(DpRun, 2, 3_644_704)], p.EpsilonByRun));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void SaveRound(AggregatorStore store, string runId, int round, RoundStatus status, params (string Address, uint EpsilonMicros)[] contributions)
    {
        var scored = contributions.Select((c, i) => new ScoredContribution($"worker-{i + 1}", c.Address, "0x" + new string('a', 64), 100, 0.5, 500_000, "1000", "0x" + new string('b', 130), c.EpsilonMicros)).ToArray();
        var result = new RoundResult("0x" + new string('c', 64), "0x" + new string('d', 64), "{}", 0.9, 0.1, 0.9, scored, new Dictionary<string, double>());
        store.SaveRound(new RoundRecord(runId, round, "0x" + new string('e', 64), ["worker-1", "worker-2"], DateTimeOffset.UnixEpoch, status,
            "0x" + new string('c', 64), "0x" + new string('f', 64), JsonSerializer.Serialize(result)));
    }
}
