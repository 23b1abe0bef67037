namespace FedChain.Federation.Contribution;

/// <summary>
/// One contributor's accepted update for a round: its id (lower-case 0x address), the sample count it
/// trained on, and its delta (local model minus the round's base model), exactly as it was aggregated.
/// </summary>
public sealed record ContributorUpdate(string ContributorId, long NumSamples, ReadOnlyMemory<float> Delta);
