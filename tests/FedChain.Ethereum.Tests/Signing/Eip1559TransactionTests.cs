using System.Numerics;
using FedChain.Ethereum.Signing;

namespace FedChain.Ethereum.Tests.Signing;

public class Eip1559TransactionTests
{
    private const string AnvilKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    [Fact]
    public void Sign_Transfer_RecoversSenderAndStartsWithType2()
    {
        using var key = EthereumKey.FromHex(AnvilKey0);
        var tx = new Eip1559Transaction(31337, 0, 1_000_000_000, 3_000_000_000, 21000,
            Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), BigInteger.Pow(10, 18), []);
        var signed = tx.Sign(key);
        Assert.Equal(0x02, signed.RawTransaction[0]);
        Assert.Equal(key.Address, TransactionDecoder.RecoverSender(signed.RawTransaction));
        Assert.Equal(Keccak256.Hash(signed.RawTransaction), signed.Hash);
    }

    [Fact]
    public void Sign_SameInputs_IsDeterministic()
    {
        using var key = EthereumKey.FromHex(AnvilKey0);
        var tx = new Eip1559Transaction(1, 5, 2, 100, 50_000, null, 0, [0x60, 0x80]);
        Assert.Equal(tx.Sign(key).RawHex, tx.Sign(key).RawHex);
    }

    [Fact]
    public void Sign_WithAccessList_RecoversSender()
    {
        using var key = EthereumKey.FromHex(AnvilKey0);
        var tx = new Eip1559Transaction(1, 1, 2, 100, 50_000, Address.Zero, 0, [],
            [new AccessListEntry(Address.Zero, [Bytes32.Zero])]);
        Assert.Equal(key.Address, TransactionDecoder.RecoverSender(tx.Sign(key).RawTransaction));
    }
}
