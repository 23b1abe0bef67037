namespace FedChain.Federation.Contribution;

/// <summary>
/// One contributor's accepted update for a round: its id (lower-case 0x address), the sample count it
/// trained on, and its delta (local model minus the round's base model), exactly as it was aggregated.
/// </summary>
public sealed record ContributorUpdate(string ContributorId, long NumSamples, ReadOnlyMemory<float> Delta)
{
    /// <summary>An update from a local model: delta = local - base, element by element in float32.</summary>
    public static ContributorUpdate FromLocalModel(string contributorId, long numSamples, ReadOnlySpan<float> localModel, ReadOnlySpan<float> baseModel)
    {
        if (localModel.Length != baseModel.Length)
        {
            throw new ArgumentException(
                $"local model of '{contributorId}' has {localModel.Length} values, the base model has {baseModel.Length}", nameof(localModel));
        }

        var delta = GC.AllocateUninitializedArray<float>(localModel.Length);
        for (var i = 0; i < delta.Length; i++)
        {
            delta[i] = localModel[i] - baseModel[i];
        }

        return new ContributorUpdate(contributorId, numSamples, delta);
    }
}
