using System.Text;
using FedChain.Ethereum.Signing;

namespace FedChain.Ethereum.Tests.Signing;

// RFC 7914, section 12 test vectors.
public class ScryptTests
{
    [Fact]
    public void DeriveKey_Rfc7914EmptyVector_Matches()
    {
        var dk = Scrypt.DeriveKey([], [], 16, 1, 1, 64);
        Assert.Equal("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906", Convert.ToHexStringLower(dk));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void DeriveKey_Rfc7914PasswordNaClVector_Matches()
    {
        var dk = Scrypt.DeriveKey(Encoding.ASCII.GetBytes("password"), Encoding.ASCII.GetBytes("NaCl"), 1024, 8, 16, 64);
        Assert.Equal("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640", Convert.ToHexStringLower(dk));
    }
}
