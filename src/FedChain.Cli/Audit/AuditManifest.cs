namespace FedChain.Cli.Audit;

/// <summary>What an audit bundle holds: the run and round, its files, and where the validation set comes from.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Round">The round.</param>
/// <param name="SpecFile">The spec's file (its SHA-256 is the on-chain spec hash).</param>
/// <param name="BaseModelFile">The round's base model's file.</param>
/// <param name="BaseModelHash">Its SHA-256.</param>
/// <param name="ValidationSetHash">The validation set's hash, as the spec names it.</param>
/// <param name="ValidationSamples">Its size.</param>
/// <param name="ValidationSource">Where the auditor gets it.</param>
/// <param name="Updates">Every accepted update of the round, in arrival order.</param>
/// <param name="EarlierRounds">The accepted updates of the rounds the free-rider screen looks back on (at most 50).</param>
public sealed record AuditManifest(
    string RunId, int Round, string SpecFile, string BaseModelFile, string BaseModelHash, string ValidationSetHash, int ValidationSamples, string ValidationSource,
    IReadOnlyList<AuditUpdate> Updates, IReadOnlyList<AuditEarlierRound> EarlierRounds);
