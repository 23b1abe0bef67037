using FedChain.Messages;

namespace FedChain.Messaging.Tests.Support;

/// <summary>Deterministic sample messages for the tests.</summary>
public static class SampleMessages
{
    public const string RunId = "0x00000000000000000000000000000000000000000000000000000000000000a1";

    /// <summary>Random bytes from a fixed seed.</summary>
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>An update with a payload of <paramref name="payloadLength"/> seeded bytes.</summary>
    public static UpdateSubmitted Update(int payloadLength, int seed = 1, string workerId = "worker-1", int round = 1) =>
        new(
            RunId,
            round,
            workerId,
            "0x00000000000000000000000000000000000000b2",
            "0x" + new string('c', 64),
            Bytes(payloadLength, seed),
            "0x" + new string('d', 64),
            Bytes(65, seed + 1),
            600,
            new LocalTrainingMetrics(0.25, 0.9, 60, 1.5));
}
