namespace FedChain.Cli.Audit;

/// <summary>One update in an audit bundle.</summary>
/// <param name="Address">The contributor's address.</param>
/// <param name="WorkerId">The worker that sent it.</param>
/// <param name="NumSamples">Its signed sample count.</param>
/// <param name="UpdateHash">Its SHA-256, as the aggregator stored it.</param>
/// <param name="File">Its file inside the bundle.</param>
/// <param name="Arrival">Its place in the round's arrival order at the aggregator (0 first): the free-rider screen keeps the first of two identical updates.</param>
public sealed record AuditUpdate(string Address, string WorkerId, long NumSamples, string UpdateHash, string File, int Arrival);
