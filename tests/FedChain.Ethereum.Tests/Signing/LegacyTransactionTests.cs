using System.Numerics;
using FedChain.Ethereum.Signing;

namespace FedChain.Ethereum.Tests.Signing;

public class LegacyTransactionTests
{
    // The example from EIP-155.
    private static readonly LegacyTransaction Example = new(
        Nonce: 9,
        GasPrice: BigInteger.Parse("20000000000"),
        GasLimit: 21000,
        To: Address.Parse("0x3535353535353535353535353535353535353535"),
        Value: BigInteger.Parse("1000000000000000000"),
        Data: [],
        ChainId: 1);

    [Fact]
    public void SigningHash_Eip155Example_MatchesSpec() =>
        Assert.Equal("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53", Hex.Encode(Example.SigningHash()));

    [Fact]
    public void Sign_Eip155Example_MatchesSpecSignedTransaction()
    {
        using var key = EthereumKey.FromHex("0x4646464646464646464646464646464646464646464646464646464646464646");
        var signed = Example.Sign(key);
        Assert.Equal(
            "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
            signed.RawHex);
        Assert.Equal(key.Address, TransactionDecoder.RecoverSender(signed.RawTransaction));
    }
}
