using FedChain.Ethereum;

namespace FedChain.Ledger;

/// <summary>A participant's status (participantOf).</summary>
/// <param name="Active">Whether its signatures are accepted.</param>
/// <param name="MetadataHash">Hash of its registration metadata.</param>
/// <param name="RegisteredAt">Block time of the last registration (Unix seconds).</param>
public sealed record ParticipantRecord(bool Active, Bytes32 MetadataHash, ulong RegisteredAt);
