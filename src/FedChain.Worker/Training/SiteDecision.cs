namespace FedChain.Worker.Training;

/// <summary>What the site agreed to for one round: its consent signature to attach (if any) and the DP it applies.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Round">The round.</param>
/// <param name="ConsentSignature">RunConsent signature for the aggregator to relay (null when the ledger already has it).</param>
/// <param name="ClipNorm">L2 clip norm applied to the update (null: no DP).</param>
/// <param name="NoiseMultiplier">Noise std as a multiple of the clip norm.</param>
/// <param name="Delta">The delta epsilon is accounted at.</param>
public sealed record SiteDecision(string RunId, int Round, byte[]? ConsentSignature, double? ClipNorm, double NoiseMultiplier, double Delta);
