using System.Numerics;
using FedChain.Ethereum.Signing;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Model;
using Nethereum.Signer;

namespace FedChain.Ethereum.Tests.Vectors;

/// <summary>The EIP-155 example, signed and recovered the way FedChain does: through Nethereum's signer.</summary>
public class Eip155VectorTests
{
    private const string Key = "0x4646464646464646464646464646464646464646464646464646464646464646";

    private const string Signed = "f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";

    [Fact]
    public void SigningHash_Eip155Example_MatchesSpec()
    {
        var transaction = new LegacyTransactionChainId("0x3535353535353535353535353535353535353535", BigInteger.Parse("1000000000000000000"), 9, BigInteger.Parse("20000000000"), 21000, 1);
        Assert.Equal("daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53", transaction.RawHash.ToHex());
    }

    [Fact]
    public void Sign_Eip155Example_MatchesSpecSignedTransaction()
    {
        var signed = new LegacyTransactionSigner().SignTransaction(Key, new BigInteger(1), "0x3535353535353535353535353535353535353535",
            BigInteger.Parse("1000000000000000000"), 9, BigInteger.Parse("20000000000"), 21000);
        Assert.Equal(Signed, signed.Replace("0x", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Recover_Eip155Example_GivesKeysAddress()
    {
        using var key = EthereumKey.FromHex(Key);
        var transaction = TransactionFactory.CreateTransaction(Signed.HexToByteArray());
        Assert.Equal(key.Address.ToLowerString(), TransactionVerificationAndRecovery.GetSenderAddress(transaction).ToLowerInvariant());
    }
}
