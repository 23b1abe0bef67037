namespace FedChain.Federation.Contribution;

/// <summary>
/// Everything a contribution policy needs for one round: the base (global) model w0, the accepted updates,
/// the evaluator for candidate models and how a coalition's model is built. Updates are put in canonical
/// order (ordinal by contributor id) so scores do not depend on arrival order.
/// </summary>
public sealed class ContributionRound
{
    /// <summary>Validates and canonicalises a round; <paramref name="aggregator"/> defaults to FedAvg.</summary>
    public ContributionRound(
        long round,
        ReadOnlyMemory<float> baseModel,
        IEnumerable<ContributorUpdate> updates,
        IModelEvaluator? evaluator,
        ICoalitionAggregator? aggregator = null)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (round < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(round), round, "round must be >= 0");
        }

        var sorted = updates.ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            var u = sorted[i] ?? throw new ArgumentException($"update #{i} is null", nameof(updates));
            if (string.IsNullOrEmpty(u.ContributorId))
            {
                throw new ArgumentException($"update #{i} has an empty contributor id", nameof(updates));
            }

            if (u.NumSamples <= 0)
            {
                throw new ArgumentException($"update #{i} ('{u.ContributorId}') has NumSamples {u.NumSamples}, expected > 0", nameof(updates));
            }

            if (u.Delta.Length != baseModel.Length)
            {
                throw new ArgumentException(
                    $"update #{i} ('{u.ContributorId}') has {u.Delta.Length} values, the base model has {baseModel.Length}", nameof(updates));
            }
        }

        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.ContributorId, b.ContributorId));
        for (var i = 1; i < sorted.Length; i++)
        {
            if (string.Equals(sorted[i - 1].ContributorId, sorted[i].ContributorId, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"contributor '{sorted[i].ContributorId}' appears twice in round {round}", nameof(updates));
            }
        }

        Round = round;
        BaseModel = baseModel;
        Updates = sorted;
        Evaluator = evaluator;
        Aggregator = aggregator ?? FedAvgCoalitionAggregator.Instance;
    }

    /// <summary>The round number (also mixed into the Monte-Carlo seed).</summary>
    public long Round { get; }

    /// <summary>The round's base (global) model w0; the empty coalition's model.</summary>
    public ReadOnlyMemory<float> BaseModel { get; }

    /// <summary>The accepted updates, ordinal by contributor id; indices into this list name coalition members.</summary>
    public IReadOnlyList<ContributorUpdate> Updates { get; }

    /// <summary>The validation-set evaluator; utility-based policies require it.</summary>
    public IModelEvaluator? Evaluator { get; }

    /// <summary>How a coalition's model is built.</summary>
    public ICoalitionAggregator Aggregator { get; }

    /// <summary>Number of contributors.</summary>
    public int Count => Updates.Count;

    /// <summary>Number of model parameters.</summary>
    public int ParameterCount => BaseModel.Length;
}
