namespace FedChain.Federation.Validation;

/// <summary>An update as it arrives from a worker, before any check.</summary>
/// <param name="RunId">The run the sender says it belongs to.</param>
/// <param name="Round">The round the sender says it answers.</param>
/// <param name="ClientId">The sender (its address, once signatures are checked by the host).</param>
/// <param name="NumSamples">Local training samples the sender claims.</param>
/// <param name="Payload">The encoded update (see <see cref="Encoding.VectorEncoding"/>).</param>
/// <param name="ClaimedHash">The 32-byte SHA-256 the sender computed (and signed) over <paramref name="Payload"/>.</param>
public sealed record IncomingUpdate(string RunId, long Round, string ClientId, long NumSamples, ReadOnlyMemory<byte> Payload, ReadOnlyMemory<byte> ClaimedHash);
