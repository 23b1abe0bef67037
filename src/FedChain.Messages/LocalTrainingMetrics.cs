namespace FedChain.Messages;

/// <summary>What a worker measured while training locally (on its own data; reported, not trusted).</summary>
/// <param name="TrainLoss">Mean training loss of the last local epoch.</param>
/// <param name="TrainAccuracy">Training accuracy of the last local epoch, 0..1.</param>
/// <param name="Steps">Optimizer steps taken.</param>
/// <param name="DurationSeconds">Wall time of local training.</param>
public sealed record LocalTrainingMetrics(double TrainLoss, double TrainAccuracy, long Steps, double DurationSeconds)
{
    /// <summary>Epsilon the site spent on this round under client-side DP, in millionths (0: no DP); signed in its UpdateCommitment and recorded on-chain with its contribution.</summary>
    public uint EpsilonMicros { get; init; }
}
