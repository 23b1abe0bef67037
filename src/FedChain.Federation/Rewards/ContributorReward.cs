using System.Numerics;

namespace FedChain.Federation.Rewards;

/// <summary>
/// One contributor's outcome for a round: its scores, the ppm the ledger records, whether it reached the
/// minimum to be paid, and the token base units minted to it.
/// </summary>
public sealed record ContributorReward(
    string ContributorId,
    double RawScore,
    double PayableScore,
    uint ScorePpm,
    bool Eligible,
    BigInteger Amount);
