namespace FedChain.Aggregator.Web;

/// <summary>One committed contribution as the console shows it, with the round's lineage and commit.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Round">The round.</param>
/// <param name="WorkerId">The worker that delivered the update.</param>
/// <param name="Address">The contributor's address (lowercase 0x hex).</param>
/// <param name="UpdateHash">The signed update hash.</param>
/// <param name="NumSamples">The signed sample count.</param>
/// <param name="Score">The raw contribution score.</param>
/// <param name="ScorePpm">The score recorded on-chain, parts per million.</param>
/// <param name="Reward">The reward, token base units (decimal).</param>
/// <param name="BaseModelHash">The model the round started from.</param>
/// <param name="NewModelHash">The model the round produced.</param>
/// <param name="TransactionHash">The commitRound transaction.</param>
/// <param name="GasUsed">Gas that transaction used, when recorded.</param>
/// <param name="EpsilonMicros">Epsilon the site spent on the round, in millionths (0: no DP), as the aggregator committed it.</param>
internal sealed record ParticipantRound(
    string RunId,
    int Round,
    string WorkerId,
    string Address,
    string UpdateHash,
    long NumSamples,
    double Score,
    uint ScorePpm,
    string Reward,
    string BaseModelHash,
    string? NewModelHash,
    string? TransactionHash,
    long? GasUsed,
    uint EpsilonMicros);
