using FedChain.Federation.Rounds;

namespace FedChain.Federation.Strategies;

/// <summary>The strategy's answer to "configure round r": who trains, and how.</summary>
/// <param name="Round">The round.</param>
/// <param name="Selection">The sampled clients (or why none).</param>
/// <param name="Plan">What the selected clients are told to do.</param>
public sealed record FitConfiguration(long Round, ClientSelection Selection, RoundPlan Plan);
