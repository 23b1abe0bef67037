namespace FedChain.Federation.Rounds;

/// <summary>How many clients a round asks for (Flower's fraction_fit, min_fit_clients, min_available_clients) and the seed.</summary>
/// <param name="FractionFit">Fraction of available clients to sample, in (0, 1].</param>
/// <param name="MinFitClients">Sample at least this many.</param>
/// <param name="MinAvailableClients">Do not start a round with fewer clients available.</param>
/// <param name="Seed">Seed of the run; round r uses stream r, so every round's sample can be recomputed.</param>
public sealed record ClientSampling(double FractionFit = 1.0, int MinFitClients = 2, int MinAvailableClients = 2, ulong Seed = 0)
{
    /// <summary>Throws when the settings cannot hold, naming the field.</summary>
    public void Validate()
    {
        if (!(FractionFit > 0 && FractionFit <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(FractionFit), FractionFit, "fraction_fit must be in (0, 1]");
        }

        if (MinFitClients < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinFitClients), MinFitClients, "min_fit_clients must be at least 1");
        }

        if (MinAvailableClients < MinFitClients)
        {
            throw new ArgumentOutOfRangeException(nameof(MinAvailableClients), MinAvailableClients, $"min_available_clients must be at least min_fit_clients ({MinFitClients})");
        }
    }
}
