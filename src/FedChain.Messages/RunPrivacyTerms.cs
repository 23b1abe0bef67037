namespace FedChain.Messages;

/// <summary>
/// A run's differential-privacy terms, part of its configuration and so of its spec hash: each site clips its update to
/// <paramref name="ClipNorm"/>, adds Gaussian noise of std <paramref name="NoiseMultiplier"/> x clip norm before it signs
/// (client-side DP-FedAvg), and takes part while its spent epsilon stays within <paramref name="Epsilon"/> at
/// <paramref name="Delta"/>. A site may apply stronger settings of its own (a smaller clip norm, more noise, a smaller budget).
/// </summary>
/// <param name="Epsilon">The most epsilon a site spends on the whole run.</param>
/// <param name="Delta">The delta the epsilon holds for.</param>
/// <param name="ClipNorm">L2 norm every update is clipped to.</param>
/// <param name="NoiseMultiplier">Noise std as a multiple of the clip norm.</param>
public sealed record RunPrivacyTerms(double Epsilon, double Delta, double ClipNorm, double NoiseMultiplier);
