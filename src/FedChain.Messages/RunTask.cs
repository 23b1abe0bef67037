namespace FedChain.Messages;

/// <summary>The task a run is about, as every party can hash it: the task file's canonical JSON and its SHA-256.</summary>
/// <param name="Hash">"0x" + 64 hex digits: SHA-256 of <paramref name="CanonicalJson"/>'s UTF-8 bytes.</param>
/// <param name="CanonicalJson">The task definition in canonical form (fixed field order, no whitespace).</param>
public sealed record RunTask(string Hash, string CanonicalJson);
