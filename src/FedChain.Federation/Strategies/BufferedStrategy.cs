using FedChain.Federation.Aggregation;
using FedChain.Federation.Numerics;

namespace FedChain.Federation.Strategies;

/// <summary>
/// Strategies that need every update of the round at once (median, trimmed mean, Krum): each update
/// is copied (clipped if configured) as it arrives, so memory is O(clients x parameters).
/// </summary>
public abstract class BufferedStrategy : StrategyBase
{
    /// <summary>Validates and keeps the options.</summary>
    protected BufferedStrategy(StrategyOptions options)
        : base(options)
    {
    }

    /// <inheritdoc />
    public override bool RequiresAllUpdates => true;

    /// <inheritdoc />
    public override IRoundAggregation BeginAggregate(long round, ReadOnlySpan<float> globalModel) =>
        new Aggregation(this, round, globalModel.ToArray());

    /// <summary>
    /// Combines the round's updates into one; the round's <see cref="BufferedRound.Weights"/> receive each
    /// update's share (summing to 1, or all 0 when nothing was kept) and <see cref="BufferedRound.Notes"/>
    /// say why an update was filtered or down-weighted, for the contribution record.
    /// </summary>
    protected abstract float[] Combine(BufferedRound round);

    private sealed class Aggregation(BufferedStrategy strategy, long round, float[] globalModel) : IRoundAggregation
    {
        private readonly List<(ClientResult Result, float[] Update, double Norm, double Scale)> _entries = [];
        private readonly Lock _lock = new();
        private bool _completed;

        public long Round => round;

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _entries.Count;
                }
            }
        }

        public void Add(ClientResult result, ReadOnlySpan<float> update)
        {
            ArgumentNullException.ThrowIfNull(result);
            if (update.Length != globalModel.Length)
            {
                throw new ArgumentException($"update of '{result.ClientId}' has {update.Length} values, the model has {globalModel.Length}", nameof(update));
            }

            var copy = update.ToArray();
            var norm = result.UpdateNorm ?? VectorMath.L2Norm(copy);
            var scale = strategy.Options.ClipNorm is { } bound ? NormClipping.ClipFactor(norm, bound) : 1.0;
            if (scale < 1)
            {
                VectorMath.Scale(copy, (float)scale);
            }

            lock (_lock)
            {
                if (_completed)
                {
                    throw new InvalidOperationException($"round {round} is already aggregated: result of '{result.ClientId}' arrived too late");
                }

                _entries.Add((result, copy, norm, scale));
            }
        }

        public AggregationOutcome Complete(IReadOnlyList<ClientFailure> failures)
        {
            ArgumentNullException.ThrowIfNull(failures);
            lock (_lock)
            {
                if (_completed)
                {
                    throw new InvalidOperationException($"round {round} was already completed");
                }

                _completed = true;
                var weights = new double[_entries.Count];
                var notes = new string?[_entries.Count];
                if (_entries.Count < strategy.MinimumResults)
                {
                    var none = Contributions(weights, notes);
                    return new AggregationOutcome(round, false, null, none, failures, BaseMetrics(none, failures),
                        $"{strategy.Name} round {round}: {_entries.Count} results, at least {strategy.MinimumResults} needed");
                }

                var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
                var combined = strategy.Combine(new BufferedRound(round, globalModel, _entries.Select(e => e.Update).ToArray(), _entries.Select(e => e.Result).ToArray(), weights, notes, metrics));
                var contributions = Contributions(weights, notes);
                foreach (var (key, value) in BaseMetrics(contributions, failures))
                {
                    metrics[key] = value;
                }

                metrics["update_norm"] = VectorMath.L2Norm(combined);
                System.Numerics.Tensors.TensorPrimitives.Add(globalModel, combined, globalModel);
                return new AggregationOutcome(round, true, globalModel, contributions, failures, metrics,
                    $"{strategy.Name} round {round}: aggregated {_entries.Count} results ({failures.Count} failures)");
            }
        }

        private ClientContribution[] Contributions(double[] weights, string?[] notes) =>
            _entries.Select((e, k) => new ClientContribution(e.Result.ClientId, e.Result.NumSamples, weights[k], e.Norm, e.Scale, notes[k])).ToArray();
    }
}
