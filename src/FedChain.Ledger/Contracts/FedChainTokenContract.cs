using System.Numerics;
using FedChain.Ethereum;
using FedChain.Ledger.Bindings.FedChainToken;
using Nethereum.Contracts;
using Nethereum.Contracts.ContractHandlers;

namespace FedChain.Ledger.Contracts;

/// <summary>Typed read binding of FedChainToken (ERC-20; only the ledger mints), through Bindings/FedChainToken.</summary>
public sealed class FedChainTokenContract
{
    private readonly ChainConnection _connection;
    private readonly ContractHandler _handler;

    /// <summary>Binds the token at <paramref name="address"/>.</summary>
    public FedChainTokenContract(Address address, ChainConnection connection)
    {
        Address = address;
        _connection = connection;
        _handler = connection.Web3.Eth.GetContractHandler(address.ToLowerString());
    }

    /// <summary>The token's address.</summary>
    public Address Address { get; }

    /// <summary>balanceOf(account).</summary>
    public Task<BigInteger> BalanceOfAsync(Address account, CancellationToken ct = default) =>
        QueryAsync<BalanceOfFunction, BigInteger>(new() { Account = account.ToLowerString() }, ct);

    /// <summary>totalSupply().</summary>
    public Task<BigInteger> TotalSupplyAsync(CancellationToken ct = default) => QueryAsync<TotalSupplyFunction, BigInteger>(new(), ct);

    /// <summary>symbol().</summary>
    public Task<string> SymbolAsync(CancellationToken ct = default) => QueryAsync<SymbolFunction, string>(new(), ct);

    /// <summary>ledger(): the only minter.</summary>
    public async Task<Address> LedgerAsync(CancellationToken ct = default) =>
        Address.Parse((await QueryAsync<LedgerFunction, string>(new(), ct).ConfigureAwait(false)).ToLowerInvariant());

    private Task<TReturn> QueryAsync<TFunction, TReturn>(TFunction message, CancellationToken ct)
        where TFunction : FunctionMessage, new() =>
        LedgerReverts.GuardAsync(typeof(TFunction).Name, () => _connection.CallAsync("eth_call", () => _handler.QueryAsync<TFunction, TReturn>(message), ct));
}
