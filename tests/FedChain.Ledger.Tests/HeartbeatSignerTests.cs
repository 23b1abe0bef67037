using FedChain.Ethereum;
using FedChain.Ethereum.Signing;

namespace FedChain.Ledger.Tests;

public sealed class HeartbeatSignerTests
{
    private static readonly Address LedgerAddress = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static readonly DateTimeOffset SentAt = new(2026, 12, 3, 9, 0, 0, 123, TimeSpan.Zero);
    private static readonly string[] Models = ["logreg", "mlp", "cnn"];

    [Fact]
    public void Digest_EqualsManualEip712Composition()
    {
        var signer = new HeartbeatSigner(31337, LedgerAddress);
        static byte[] Word(ulong value)
        {
            var word = new byte[32];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(word.AsSpan(24), value);
            return word;
        }

        var structHash = Keccak256.Hash([.. Keccak256.Hash(HeartbeatSigner.TypeString), .. Keccak256.Hash("hospital-a"), .. Keccak256.Hash("logreg\nmlp\ncnn"),
            .. Word(1200), .. Word((ulong)SentAt.ToUnixTimeMilliseconds())]);
        var domain = new UpdateCommitmentSigner(31337, LedgerAddress).DomainSeparator.ToBytes();

        Assert.Equal(Bytes32.FromBytes(Keccak256.Hash([0x19, 0x01, .. domain, .. structHash])), signer.Digest("hospital-a", Models, 1200, SentAt));
    }

    [Fact]
    public void Sign_ThenRecover_GivesSigner()
    {
        using var key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
        var signer = new HeartbeatSigner(31337, LedgerAddress);

        var signature = signer.Sign("hospital-a", Models, 1200, SentAt, key);

        Assert.Equal(key.Address, signer.RecoverSigner("hospital-a", Models, 1200, SentAt, signature));
        Assert.Null(UpdateCommitmentSigner.SignatureProblem(signature));
    }

    [Fact]
    public void RecoverSigner_OtherIdModelsSamplesTimeOrDomain_GivesAnotherAddress()
    {
        using var key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
        var signature = new HeartbeatSigner(31337, LedgerAddress).Sign("hospital-a", Models, 1200, SentAt, key);
        var signer = new HeartbeatSigner(31337, LedgerAddress);

        Assert.NotEqual(key.Address, signer.RecoverSigner("hospital-b", Models, 1200, SentAt, signature));
        Assert.NotEqual(key.Address, signer.RecoverSigner("hospital-a", ["mlp"], 1200, SentAt, signature));
        Assert.NotEqual(key.Address, signer.RecoverSigner("hospital-a", Models, 1201, SentAt, signature));
        Assert.NotEqual(key.Address, signer.RecoverSigner("hospital-a", Models, 1200, SentAt.AddSeconds(1), signature));
        Assert.NotEqual(key.Address, new HeartbeatSigner(1, LedgerAddress).RecoverSigner("hospital-a", Models, 1200, SentAt, signature));
    }
}
