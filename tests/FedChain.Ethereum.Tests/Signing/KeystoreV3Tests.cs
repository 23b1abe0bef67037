using System.Security.Cryptography;
using FedChain.Ethereum.Signing;

namespace FedChain.Ethereum.Tests.Signing;

// Test vectors from the Web3 Secret Storage definition (password "testpassword"); the scrypt one is the
// original wiki vector (n=262144, r=1, p=8) that geth, web3j and ethers test against.
public class KeystoreV3Tests
{
    private const string Secret = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";
    private const string ExpectedAddress = "0x008aeeda4d805471df9b2a5b0f38a0c3bcba786b";

    private const string Pbkdf2Vector = """
    {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},
     "ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2",
     "kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},
     "mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},
     "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
    """;

    private const string ScryptVector = """
    {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},
     "ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt",
     "kdfparams":{"dklen":32,"n":262144,"r":1,"p":8,"salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},
     "mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},
     "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
    """;

    [Fact]
    public void Decrypt_Pbkdf2Vector_GivesSpecAddress()
    {
        using var key = KeystoreV3.Decrypt(Pbkdf2Vector, "testpassword");
        Assert.Equal(ExpectedAddress, key.Address.ToLowerString());
        using var expected = EthereumKey.FromHex(Secret);
        Assert.Equal(expected.Address, key.Address);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Decrypt_ScryptVector_GivesSpecAddress()
    {
        using var key = KeystoreV3.Decrypt(ScryptVector, "testpassword");
        Assert.Equal(ExpectedAddress, key.Address.ToLowerString());
    }

    [Fact]
    public void Decrypt_WrongPassword_ReportsMacMismatchWithoutSecrets()
    {
        var ex = Assert.Throws<CryptographicException>(() => KeystoreV3.Decrypt(Pbkdf2Vector, "wrong-password"));
        Assert.Contains("MAC mismatch", ex.Message);
        Assert.DoesNotContain("wrong-password", ex.Message);
    }

    [Fact]
    public void Encrypt_LightScrypt_RoundTrips()
    {
        using var key = EthereumKey.FromHex(Secret);
        var json = KeystoreV3.Encrypt(key, "pw", scryptN: 1024, scryptR: 8, scryptP: 1);
        Assert.DoesNotContain(Secret, json);
        using var back = KeystoreV3.Decrypt(json, "pw");
        Assert.Equal(key.Address, back.Address);
    }

    [Fact]
    public void Decrypt_UnsupportedKdf_NamesIt()
    {
        var json = Pbkdf2Vector.Replace("\"kdf\":\"pbkdf2\"", "\"kdf\":\"argon2\"");
        var ex = Assert.Throws<FormatException>(() => KeystoreV3.Decrypt(json, "testpassword"));
        Assert.Contains("unsupported kdf 'argon2'", ex.Message);
    }
}
