using System.Numerics;

namespace FedChain.Ethereum.Rpc;

/// <summary>eth_feeHistory: base fees (one more than blocks: the last is the next block's) and tip percentiles.</summary>
/// <param name="OldestBlock">First block covered.</param>
/// <param name="BaseFeePerGas">Base fee per block, plus the next block's.</param>
/// <param name="GasUsedRatio">Fullness per block.</param>
/// <param name="Reward">Per block, the requested tip percentiles.</param>
public sealed record FeeHistory(BigInteger OldestBlock, IReadOnlyList<BigInteger> BaseFeePerGas, IReadOnlyList<double> GasUsedRatio, IReadOnlyList<IReadOnlyList<BigInteger>> Reward);
