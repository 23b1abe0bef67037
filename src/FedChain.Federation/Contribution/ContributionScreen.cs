using System.Globalization;

namespace FedChain.Federation.Contribution;

/// <summary>
/// The free-rider screen run before contributions are scored: an update earns nothing, and is left out
/// of the contribution game (so whoever it copied is not diluted), when it is
/// (1) zero, or negligible next to the round's median norm (no training);
/// (2) the global model sent back as the update;
/// (3) identical or near-identical (same hash, or estimated relative distance below
///     <see cref="NearIdenticalDistance"/>) to an update that arrived earlier in the same round (a copy under
///     another key: the first to arrive keeps its score, so a pair does not gain by copying);
/// (4) identical or near-identical to an update of an earlier round (a stale replay).
/// Honest updates trained on different data are about sqrt(2) apart; the threshold is far below that.
/// </summary>
public static class ContributionScreen
{
    /// <summary>Relative distance under which two updates count as the same (cosine above ~0.9999995).</summary>
    public const double NearIdenticalDistance = 1e-3;

    /// <summary>A norm below this share of the round's median norm counts as no training.</summary>
    public const double NegligibleNormShare = 1e-6;

    /// <summary>Screens one round's updates; verdicts come back in the input order.</summary>
    public static IReadOnlyList<ScreenVerdict> Screen(
        IReadOnlyList<ScreenedUpdate> updates,
        UpdateSketch? globalModel,
        IReadOnlyList<(long Round, string ContributorId, UpdateSketch Sketch)> earlier)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(earlier);
        var norms = updates.Select(u => u.Sketch.Norm).Order().ToArray();
        var median = norms.Length == 0 ? 0 : norms[norms.Length / 2];
        var byArrival = updates.OrderBy(u => u.Arrival).ThenBy(u => u.ContributorId, StringComparer.Ordinal).ToArray();
        var verdicts = new Dictionary<string, ScreenVerdict>(StringComparer.Ordinal);
        for (var k = 0; k < byArrival.Length; k++)
        {
            var u = byArrival[k];
            verdicts[u.ContributorId] = Judge(u, byArrival.AsSpan(0, k), median, globalModel, earlier);
        }

        return updates.Select(u => verdicts[u.ContributorId]).ToArray();
    }

    private static ScreenVerdict Judge(ScreenedUpdate u, ReadOnlySpan<ScreenedUpdate> before, double median, UpdateSketch? globalModel,
        IReadOnlyList<(long Round, string ContributorId, UpdateSketch Sketch)> earlier)
    {
        var id = u.ContributorId;
        var norm = u.Sketch.Norm;
        if (norm == 0 || norm < NegligibleNormShare * median)
        {
            return new ScreenVerdict(id, Invariant($"free-rider: zero update (norm {norm:G3}, round median {median:G3})"));
        }

        if (globalModel is not null && u.Sketch.RelativeDistance(globalModel) < NearIdenticalDistance)
        {
            return new ScreenVerdict(id, "free-rider: sent the global model back as its update");
        }

        foreach (var other in before)
        {
            var distance = u.Sketch.RelativeDistance(other.Sketch);
            if (distance < NearIdenticalDistance)
            {
                return new ScreenVerdict(id, Invariant($"copy: identical to the update {other.ContributorId} sent earlier this round (relative distance {distance:G3})"), other.ContributorId);
            }
        }

        for (var e = earlier.Count - 1; e >= 0; e--)
        {
            var (round, source, sketch) = earlier[e];
            var distance = u.Sketch.RelativeDistance(sketch);
            if (distance < NearIdenticalDistance)
            {
                return new ScreenVerdict(id, Invariant($"stale: replays the update {source} sent in round {round} (relative distance {distance:G3})"), source);
            }
        }

        return new ScreenVerdict(id, null);
    }

    /// <summary>
    /// Scores the kept updates with <paramref name="policy"/> and gives each excluded contributor a zero score;
    /// the result is in canonical (ordinal id) order like any policy's.
    /// </summary>
    public static ContributionScores ScoreKept(
        IContributionPolicy policy,
        long round,
        ReadOnlyMemory<float> baseModel,
        IReadOnlyList<ContributorUpdate> updates,
        IReadOnlyList<ScreenVerdict> verdicts,
        IModelEvaluator? evaluator,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(verdicts);
        var excluded = verdicts.Where(v => v.Excluded).Select(v => v.ContributorId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var kept = updates.Where(u => !excluded.Contains(u.ContributorId)).ToArray();
        var scores = policy.Score(new ContributionRound(round, baseModel, kept, evaluator), cancellationToken);
        if (excluded.Count == 0)
        {
            return scores;
        }

        var all = scores.Scores
            .Concat(updates.Where(u => excluded.Contains(u.ContributorId)).Select(u => new ContributorScore(u.ContributorId, u.NumSamples, 0, 0)))
            .OrderBy(s => s.ContributorId, StringComparer.Ordinal)
            .ToArray();
        return scores with { Scores = all };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
