namespace FedChain.Federation.Contribution;

/// <summary>One accepted update as the free-rider screen sees it: who sent it, when it arrived in the round, its fingerprint.</summary>
/// <param name="ContributorId">The contributor (lower-case address).</param>
/// <param name="Arrival">Its position in the round's arrival order (0 = first accepted).</param>
/// <param name="Sketch">Its fingerprint.</param>
public sealed record ScreenedUpdate(string ContributorId, int Arrival, UpdateSketch Sketch);
