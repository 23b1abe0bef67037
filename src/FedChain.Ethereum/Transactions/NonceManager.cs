using System.Numerics;
using FedChain.Ethereum.Rpc;

namespace FedChain.Ethereum.Transactions;

/// <summary>
/// Hands out nonces per account from a local counter seeded by the node's pending count, so several
/// transactions can be in flight; <see cref="ResyncAsync"/> re-reads the node after a nonce error.
/// </summary>
public sealed class NonceManager
{
    private readonly EthRpcClient _rpc;
    private readonly Dictionary<Address, BigInteger> _next = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Creates a manager reading nonces from <paramref name="rpc"/>.</summary>
    public NonceManager(EthRpcClient rpc) => _rpc = rpc;

    /// <summary>Reserves the next nonce for <paramref name="account"/>.</summary>
    public async Task<BigInteger> ReserveAsync(Address account, CancellationToken ct = default)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_next.TryGetValue(account, out var nonce))
            {
                nonce = await _rpc.GetTransactionCountAsync(account, BlockParameter.Pending, ct).ConfigureAwait(false);
            }
            _next[account] = nonce + 1;
            return nonce;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Forgets the local counter so the next reservation re-reads the node's pending nonce.</summary>
    public async Task ResyncAsync(Address account, CancellationToken ct = default)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _next.Remove(account);
        }
        finally
        {
            _lock.Release();
        }
    }
}
