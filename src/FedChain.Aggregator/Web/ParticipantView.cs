using System.Globalization;
using System.Numerics;
using System.Text.Json;
using FedChain.Aggregator.Runs;
using FedChain.Aggregator.State;

namespace FedChain.Aggregator.Web;

/// <summary>One participant as the aggregator's store tells it: every committed contribution of its address, over all runs.</summary>
/// <param name="Address">The signing address (lowercase 0x hex).</param>
/// <param name="WorkerIds">The worker ids that delivered its updates.</param>
/// <param name="Rounds">Its committed contributions in run and round order.</param>
/// <param name="TotalReward">The sum of its rewards (token base units): what its token balance should be.</param>
internal sealed record ParticipantView(string Address, IReadOnlyList<string> WorkerIds, IReadOnlyList<ParticipantRound> Rounds, BigInteger TotalReward)
{
    /// <summary>Its privacy ledger: per run, the epsilon its committed contributions recorded (runs in the order it took part).</summary>
    public IReadOnlyList<RunEpsilon> EpsilonByRun => Rounds.GroupBy(r => r.RunId)
        .Select(g => new RunEpsilon(g.Key, g.Count(), g.Sum(r => (long)r.EpsilonMicros)))
        .ToArray();

    /// <summary>Every address with a committed contribution, from the stored round results.</summary>
    public static IReadOnlyList<ParticipantView> All(AggregatorStore store) => Group(Contributions(store, store.ListRuns()));

    /// <summary>The addresses with a committed contribution to one run, with only that run's contributions.</summary>
    public static IReadOnlyList<ParticipantView> OfRun(AggregatorStore store, RunRecord run) => Group(Contributions(store, [run]));

    private static List<ParticipantRound> Contributions(AggregatorStore store, IEnumerable<RunRecord> runs)
    {
        var rounds = new List<ParticipantRound>();
        foreach (var run in runs)
        {
            var commits = store.GetCommits(run.RunId);
            foreach (var round in store.ListRounds(run.RunId).Where(r => r.Status == RoundStatus.Committed && r.ResultJson is not null))
            {
                var result = JsonSerializer.Deserialize<RoundResult>(round.ResultJson!);
                foreach (var c in result?.Contributions ?? [])
                {
                    rounds.Add(new ParticipantRound(run.RunId, round.Round, c.WorkerId, c.Address.ToLowerInvariant(), c.UpdateHash, c.NumSamples,
                        c.Score, c.ScorePpm, c.Reward, round.BaseModelHash, round.NewModelHash, round.TransactionHash,
                        commits.TryGetValue(round.Round, out var commit) ? commit.GasUsed : null, c.EpsilonMicros));
                }
            }
        }

        return rounds;
    }

    private static IReadOnlyList<ParticipantView> Group(List<ParticipantRound> rounds) => rounds.GroupBy(r => r.Address)
        .Select(g => new ParticipantView(g.Key, g.Select(r => r.WorkerId).Distinct().ToArray(), g.ToArray(),
            g.Aggregate(BigInteger.Zero, (sum, r) => sum + BigInteger.Parse(r.Reward, CultureInfo.InvariantCulture))))
        .OrderBy(p => p.Address, StringComparer.Ordinal)
        .ToArray();
}
