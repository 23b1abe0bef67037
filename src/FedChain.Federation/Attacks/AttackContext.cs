namespace FedChain.Federation.Attacks;

/// <summary>
/// What an attacker has when it forms its update: its own honest update (as trained; empty for a
/// free-rider that did not train), the global model it was sent, and what only some attacks need.
/// </summary>
/// <param name="Round">The round (mixed into the noise seed).</param>
/// <param name="Honest">The attacker's honest update for this round (empty when it did not train).</param>
/// <param name="GlobalModel">The round's global model.</param>
/// <param name="Colluders">ALIE and IPM: the honest updates' moments the colluders share.</param>
/// <param name="TotalWorkers">ALIE: n, the round's contributors (honest and Byzantine).</param>
/// <param name="ByzantineWorkers">ALIE: f, the colluding attackers.</param>
/// <param name="Victim">Copy: the other worker's update of this round.</param>
/// <param name="Earlier">Stale: the update the attacker sent in an earlier round (null the first time).</param>
/// <param name="Seed">The attacker's seed (Gaussian noise).</param>
public sealed record AttackContext(
    long Round,
    ReadOnlyMemory<float> Honest,
    ReadOnlyMemory<float> GlobalModel,
    UpdateStatistics? Colluders = null,
    int TotalWorkers = 0,
    int ByzantineWorkers = 0,
    ReadOnlyMemory<float>? Victim = null,
    ReadOnlyMemory<float>? Earlier = null,
    ulong Seed = 0);
