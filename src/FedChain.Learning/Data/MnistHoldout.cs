namespace FedChain.Learning.Data;

/// <summary>
/// The one definition of MNIST's held-out split, used by the aggregator, the workers, the simulation and
/// verification alike: the last <see cref="ValidationSamples"/> images of the training set are the
/// aggregator's validation set and every worker partitions only what comes before them. A constant, not a
/// setting per host, so no configuration can make a worker train on the validation data.
/// </summary>
public static class MnistHoldout
{
    /// <summary>Images at the end of MNIST's training set held out for the aggregator's validation.</summary>
    public const int ValidationSamples = 1000;

    /// <summary>The aggregator's validation set: the last <paramref name="samples"/> images of <paramref name="train"/>.</summary>
    /// <param name="train">MNIST's training set.</param>
    /// <param name="samples">Held-out size; other than <see cref="ValidationSamples"/> only to re-check a past run whose spec recorded another.</param>
    public static Dataset Validation(Dataset train, int samples = ValidationSamples)
    {
        ArgumentNullException.ThrowIfNull(train);
        Check(train, samples);
        return train.Subset(Enumerable.Range(train.Count - samples, samples).ToArray(), train.Source + " (server validation)");
    }

    /// <summary>What the workers may hold: every training image before the validation tail.</summary>
    public static Dataset WorkerPool(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        Check(train, ValidationSamples);
        return train.Subset(Enumerable.Range(0, train.Count - ValidationSamples).ToArray(), train.Source);
    }

    private static void Check(Dataset train, int samples)
    {
        if (samples < 1 || samples >= train.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), $"{train.Source}: a validation hold-out of {samples} from {train.Count} samples, expected 1..{train.Count - 1}");
        }
    }
}
