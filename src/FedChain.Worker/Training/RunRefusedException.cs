namespace FedChain.Worker.Training;

/// <summary>The site refuses to train for a round: no consent, privacy terms weaker than its policy, or its budget spent. The message says why.</summary>
public sealed class RunRefusedException(string message) : Exception(message);
