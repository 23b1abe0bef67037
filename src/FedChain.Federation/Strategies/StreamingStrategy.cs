using FedChain.Federation.Aggregation;
using FedChain.Federation.Numerics;

namespace FedChain.Federation.Strategies;

/// <summary>
/// Strategies whose aggregate is a weighted mean of the (optionally clipped) updates, folded as they
/// arrive with a <see cref="FedAvgAccumulator"/>; subclasses choose the weight and turn the mean
/// update into the next model.
/// </summary>
public abstract class StreamingStrategy : StrategyBase
{
    /// <summary>Validates and keeps the options.</summary>
    protected StreamingStrategy(StrategyOptions options)
        : base(options)
    {
    }

    /// <inheritdoc />
    public override bool RequiresAllUpdates => false;

    /// <summary>The clip bound applied to each update (null: none).</summary>
    protected virtual double? EffectiveClipNorm => Options.ClipNorm;

    /// <inheritdoc />
    public override IRoundAggregation BeginAggregate(long round, ReadOnlySpan<float> globalModel) =>
        new Aggregation(this, round, globalModel.ToArray());

    /// <summary>The weight of a result in the mean: n_k for FedAvg.</summary>
    protected virtual double WeightOf(ClientResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.NumSamples;
    }

    /// <summary>
    /// Turns the round's mean update into the new model, adding metrics if it likes. The default is
    /// FedAvg's server step: model + mean update.
    /// </summary>
    protected virtual float[] ApplyUpdate(long round, float[] globalModel, float[] meanUpdate, int resultCount, IDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(globalModel);
        System.Numerics.Tensors.TensorPrimitives.Add(globalModel, meanUpdate, globalModel);
        return globalModel;
    }

    private sealed class Aggregation(StreamingStrategy strategy, long round, float[] globalModel) : IRoundAggregation
    {
        private readonly FedAvgAccumulator _accumulator = new(globalModel.Length);
        private readonly List<(ClientResult Result, double Weight, double Norm, double Scale)> _entries = [];
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
            var weight = strategy.WeightOf(result);
            var clip = strategy.EffectiveClipNorm;
            var norm = result.UpdateNorm ?? (clip is null ? double.NaN : VectorMath.L2Norm(update));
            var scale = clip is { } bound ? NormClipping.ClipFactor(norm, bound) : 1.0;
            lock (_lock)
            {
                if (_completed)
                {
                    throw new InvalidOperationException($"round {round} is already aggregated: result of '{result.ClientId}' arrived too late");
                }

                _accumulator.Fold(update, weight, (float)scale);
                _entries.Add((result, weight, norm, scale));
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
                var total = _accumulator.TotalWeight;
                var contributions = _entries
                    .Select(e => new ClientContribution(e.Result.ClientId, e.Result.NumSamples, total > 0 ? e.Weight / total : 0, e.Norm, e.Scale))
                    .ToArray();
                var metrics = BaseMetrics(contributions, failures);
                if (_entries.Count < strategy.MinimumResults || total <= 0)
                {
                    return new AggregationOutcome(round, false, null, contributions, failures, metrics,
                        $"{strategy.Name} round {round}: {_entries.Count} results with total weight {total}, at least {strategy.MinimumResults} needed");
                }

                var mean = _accumulator.Result();
                metrics["update_norm"] = VectorMath.L2Norm(mean);
                var model = strategy.ApplyUpdate(round, globalModel, mean, _entries.Count, metrics);
                return new AggregationOutcome(round, true, model, contributions, failures, metrics,
                    $"{strategy.Name} round {round}: aggregated {_entries.Count} results ({failures.Count} failures)");
            }
        }
    }
}
