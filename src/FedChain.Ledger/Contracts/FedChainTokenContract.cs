using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ethereum.Contracts;
using FedChain.Ethereum.Rpc;
using static FedChain.Ledger.Contracts.Decoded;

namespace FedChain.Ledger.Contracts;

/// <summary>Typed read binding of FedChainToken (ERC-20; only the ledger mints).</summary>
public sealed class FedChainTokenContract
{
    /// <summary>Binds the token at <paramref name="address"/>.</summary>
    public FedChainTokenContract(Address address, EthRpcClient rpc) =>
        Contract = new Contract(ContractArtifact.FedChainToken.Abi, address, rpc);

    /// <summary>The untyped contract.</summary>
    public Contract Contract { get; }

    /// <summary>The token's address.</summary>
    public Address Address => Contract.Address;

    /// <summary>balanceOf(account).</summary>
    public async Task<BigInteger> BalanceOfAsync(Address account, CancellationToken ct = default) =>
        Big((await Contract.CallAsync("balanceOf", [account], ct: ct).ConfigureAwait(false))[0]);

    /// <summary>totalSupply().</summary>
    public async Task<BigInteger> TotalSupplyAsync(CancellationToken ct = default) =>
        Big((await Contract.CallAsync("totalSupply", [], ct: ct).ConfigureAwait(false))[0]);

    /// <summary>symbol().</summary>
    public async Task<string> SymbolAsync(CancellationToken ct = default) =>
        (string)(await Contract.CallAsync("symbol", [], ct: ct).ConfigureAwait(false))[0]!;

    /// <summary>ledger(): the only minter.</summary>
    public async Task<Address> LedgerAsync(CancellationToken ct = default) =>
        Addr((await Contract.CallAsync("ledger", [], ct: ct).ConfigureAwait(false))[0]);
}
