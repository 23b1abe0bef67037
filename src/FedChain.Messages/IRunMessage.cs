namespace FedChain.Messages;

/// <summary>
/// What every FedChain message carries: the run it belongs to and the round it refers to.
/// </summary>
/// <remarks>
/// <see cref="RunId"/> is the run's on-chain bytes32 id as "0x" + 64 lowercase hex digits (see <see cref="RunIds"/>),
/// so it can be compared with the ledger without conversion. Rounds are numbered from 1; messages about the run as a
/// whole that precede any round (e.g. <see cref="StartRun"/>) carry round 0.
/// </remarks>
public interface IRunMessage
{
    /// <summary>The run's bytes32 id, "0x" + 64 lowercase hex digits.</summary>
    string RunId { get; }

    /// <summary>The round the message refers to (1-based; 0 = before the first round).</summary>
    int Round { get; }
}
