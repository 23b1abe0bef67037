namespace FedChain.Messages;

/// <summary>One contributor's part in a committed round, as recorded on-chain.</summary>
/// <param name="WorkerId">The worker's id.</param>
/// <param name="Address">The worker's Ethereum address ("0x" + 40 hex digits), the signer of its update.</param>
/// <param name="UpdateHash">SHA-256 of the encoded update, "0x" + 64 hex digits.</param>
/// <param name="SampleCount">Samples the update was trained on.</param>
/// <param name="Score">Contribution score as a decimal string (fixed point as on-chain, e.g. 1e18 = 1.0).</param>
/// <param name="Reward">Tokens minted to the worker, base units as a decimal string.</param>
public sealed record ContributionRecord(
    string WorkerId,
    string Address,
    string UpdateHash,
    long SampleCount,
    string Score,
    string Reward);
