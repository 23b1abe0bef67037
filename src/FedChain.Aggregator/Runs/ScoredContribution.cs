namespace FedChain.Aggregator.Runs;

/// <summary>A counted update with its score and reward.</summary>
/// <param name="WorkerId">The worker.</param>
/// <param name="Address">Its signing address.</param>
/// <param name="UpdateHash">The update (0x hex).</param>
/// <param name="NumSamples">Signed sample count.</param>
/// <param name="Score">The raw score (may be negative).</param>
/// <param name="ScorePpm">The payable score in parts per million, as recorded on-chain.</param>
/// <param name="Reward">Token base units, decimal.</param>
/// <param name="Signature">The worker's EIP-712 signature (0x hex).</param>
/// <param name="EpsilonMicros">Epsilon the site signed it spent on the round, in millionths (0: no DP): the figure the commit records on-chain.</param>
public sealed record ScoredContribution(string WorkerId, string Address, string UpdateHash, long NumSamples, double Score, uint ScorePpm, string Reward, string Signature, uint EpsilonMicros = 0);
