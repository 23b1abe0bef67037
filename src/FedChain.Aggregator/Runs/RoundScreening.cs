using FedChain.Aggregator.State;
using FedChain.Federation.Contribution;
using FedChain.Federation.Encoding;
using FedChain.Learning;

namespace FedChain.Aggregator.Runs;

/// <summary>
/// Runs the free-rider screen on a round the same way for the aggregator and for an auditor recomputing
/// it from the store: arrival order from the store, the base model, and the fingerprints of the updates
/// of up to <see cref="SketchHistory.Rounds"/> earlier rounds (filled from the store when missing, e.g.
/// after a restart), so both get the same verdicts.
/// </summary>
internal static class RoundScreening
{
    /// <summary>Screens round <paramref name="round"/>; <paramref name="sketches"/> are the round's fingerprints by address.</summary>
    public static IReadOnlyList<ScreenVerdict> Screen(
        AggregatorStore store, ContentStore blobs, string runId, int round, ParameterLayout layout,
        ReadOnlySpan<float> baseModel, IReadOnlyDictionary<string, UpdateSketch> sketches, SketchHistory history)
    {
        Fill(store, blobs, runId, round, layout, history);
        var arrival = store.GetUpdates(runId, round);
        var screened = arrival.Select((u, i) => new ScreenedUpdate(u.Address, i, sketches[u.Address])).ToArray();
        return ContributionScreen.Screen(screened, UpdateSketch.Of(baseModel), history.Before(round));
    }

    /// <summary>Fingerprints every update of a round, by address.</summary>
    public static Dictionary<string, UpdateSketch> Sketch(AggregatorStore store, ContentStore blobs, string runId, int round, ParameterLayout layout) =>
        store.GetUpdates(runId, round).ToDictionary(
            u => u.Address,
            u => UpdateSketch.Of(VectorEncoding.Decode(blobs.Get(u.UpdateHash), layout, PayloadKind.Update).Values),
            StringComparer.Ordinal);

    private static void Fill(AggregatorStore store, ContentStore blobs, string runId, int round, ParameterLayout layout, SketchHistory history)
    {
        for (var earlier = Math.Max(1, round - history.Rounds); earlier < round; earlier++)
        {
            if (!history.Contains(earlier))
            {
                history.Record(earlier, Sketch(store, blobs, runId, earlier, layout).Select(e => (e.Key, e.Value)));
            }
        }
    }
}
