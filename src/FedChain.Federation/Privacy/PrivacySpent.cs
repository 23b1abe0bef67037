namespace FedChain.Federation.Privacy;

/// <summary>An (epsilon, delta) guarantee and the RDP order that gave it.</summary>
/// <param name="Epsilon">Epsilon spent so far.</param>
/// <param name="Delta">The delta it holds for.</param>
/// <param name="Order">The Renyi order alpha minimising epsilon.</param>
public sealed record PrivacySpent(double Epsilon, double Delta, int Order);
