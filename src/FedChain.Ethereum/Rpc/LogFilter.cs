namespace FedChain.Ethereum.Rpc;

/// <summary>An eth_getLogs filter.</summary>
/// <param name="Address">Contract whose logs to return.</param>
/// <param name="Topics">Per position: null matches anything, otherwise the topic (or any of several) to match.</param>
/// <param name="FromBlock">First block (default earliest).</param>
/// <param name="ToBlock">Last block (default latest).</param>
public sealed record LogFilter(Address Address, IReadOnlyList<IReadOnlyList<byte[]>?> Topics, BlockParameter? FromBlock = null, BlockParameter? ToBlock = null);
