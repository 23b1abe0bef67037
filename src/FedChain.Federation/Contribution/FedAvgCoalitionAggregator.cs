namespace FedChain.Federation.Contribution;

/// <summary>
/// FedAvg over a coalition S: w0 + (sum over k in S, ascending, of n_k * delta_k) * (1 / sum n_k), in float32.
/// Policies recognise this aggregator and build coalitions incrementally (one axpy per added member).
/// </summary>
public sealed class FedAvgCoalitionAggregator : ICoalitionAggregator
{
    /// <summary>The shared instance (the aggregator is stateless).</summary>
    public static FedAvgCoalitionAggregator Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "fedavg";

    /// <inheritdoc />
    public void Aggregate(ContributionRound round, ReadOnlySpan<int> members, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (members.IsEmpty)
        {
            throw new ArgumentException("a coalition passed to an aggregator must have at least one member", nameof(members));
        }

        if (destination.Length != round.ParameterCount)
        {
            throw new ArgumentException($"destination has {destination.Length} values, the round's model has {round.ParameterCount}", nameof(destination));
        }

        // The weighted sum goes in the destination itself, then is turned into the model in place.
        long total = 0;
        for (var i = 0; i < members.Length; i++)
        {
            var update = round.Updates[members[i]];
            total += update.NumSamples;
            if (i == 0)
            {
                VectorKernels.Scale(destination, update.Delta.Span, update.NumSamples);
            }
            else
            {
                VectorKernels.AddScaled(destination, update.Delta.Span, update.NumSamples);
            }
        }

        VectorKernels.ModelFromSum(destination, round.BaseModel.Span, destination, InverseWeight(total));
    }

    /// <summary>The float32 factor turning a coalition's weighted sum into its mean delta.</summary>
    internal static float InverseWeight(long totalSamples) => (float)(1.0 / totalSamples);
}
