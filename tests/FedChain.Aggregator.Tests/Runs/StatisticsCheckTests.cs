using System.Security.Cryptography;
using FedChain.Aggregator.Chain;
using FedChain.Aggregator.Runs;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Ledger;
using FedChain.Messages;
using FedChain.Tasks.Preprocessing;

namespace FedChain.Aggregator.Tests.Runs;

public sealed class StatisticsCheckTests : IDisposable
{
    private static readonly Address LedgerAddress = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static readonly string RunId = RunIds.Format(SHA256.HashData("statistics-check-run"u8));
    private static readonly string TaskHash = "0x" + Convert.ToHexStringLower(SHA256.HashData("task"u8));
    private static readonly string[] Asked = ["hospital-a", "hospital-b"];
    private readonly EthereumKey _key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
    private readonly EthereumKey _other = EthereumKey.FromBytes(Keccak256.Hash("hospital-b"));
    private readonly OffChainRoundLedger _ledger;

    public StatisticsCheckTests() => _ledger = new OffChainRoundLedger(31337, LedgerAddress, [_key.Address.ToLowerString()]);

    public void Dispose()
    {
        _key.Dispose();
        _other.Dispose();
    }

    private FeatureStatisticsSubmitted Report(FeatureStatistics statistics, EthereumKey? signedBy = null, string worker = "hospital-a", string? taskHash = null) =>
        new(RunId, 0, worker, _key.Address.ToLowerString(), taskHash ?? TaskHash, statistics.Count, Float64Payload.Encode(statistics.Sum), Float64Payload.Encode(statistics.SquaredDeviations),
            new FeatureStatisticsSigner(31337, LedgerAddress).Sign(Bytes32.FromBytes(RunIds.Parse(RunId)), Bytes32.Parse(TaskHash), Bytes32.FromBytes(statistics.Hash()), signedBy ?? _key));

    private static readonly FeatureStatistics Good = new(40, [10, -4], [6, 9]);

    private (FeatureStatistics? Statistics, string? Signer, string? Problem) Verify(FeatureStatisticsSubmitted report) =>
        StatisticsCheck.Verify(report, TaskHash, Asked, 2, _ledger);

    [Fact]
    public void Verify_SignedByTheClaimedAddress_GivesStatisticsAndSigner()
    {
        var (statistics, signer, problem) = Verify(Report(Good));

        Assert.Null(problem);
        Assert.Equal(_key.Address.ToLowerString(), signer);
        Assert.Equal(Good.Hash(), statistics!.Hash());
    }

    [Fact]
    public void Verify_Unsigned_RefusedNamingTheWorker()
    {
        var (statistics, _, problem) = Verify(Report(Good) with { Signature = [] });

        Assert.Null(statistics);
        Assert.Equal("worker hospital-a: statistics signature refused: signature is 0 bytes; the ledger accepts only 65-byte r || s || v signatures", problem);
    }

    [Fact]
    public void Verify_ValuesChangedAfterSigning_Refused()
    {
        var (_, _, problem) = Verify(Report(Good) with { Sum = Float64Payload.Encode([11, -4]) });

        Assert.StartsWith("worker hospital-a: statistics signature recovers to 0x", problem, StringComparison.Ordinal);
        Assert.EndsWith($", not the claimed {_key.Address.ToLowerString()} (not these values, or not its key)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignedWithAnotherKey_Refused()
    {
        var (_, _, problem) = Verify(Report(Good, signedBy: _other));

        Assert.Equal($"worker hospital-a: statistics signature recovers to {_other.Address.ToLowerString()}, not the claimed {_key.Address.ToLowerString()} (not these values, or not its key)", problem);
    }

    [Fact]
    public void Verify_WorkerNotAsked_Refused()
    {
        var (_, _, problem) = Verify(Report(Good, worker: "intruder"));

        Assert.Equal($"worker intruder was not asked for feature statistics in run {RunId} (asked: hospital-a, hospital-b)", problem);
    }

    [Fact]
    public void Verify_OtherTask_Refused()
    {
        var other = "0x" + new string('1', 64);
        var (_, _, problem) = Verify(Report(Good, taskHash: other));

        Assert.Equal($"worker hospital-a sent statistics for task {other}, the run's task is {TaskHash}", problem);
    }

    public static TheoryData<long, double[], double[], string> Malformed => new()
    {
        { 40, [10, -4, 1], [6, 9], "worker hospital-a: feature statistics cover 3 sums and 2 squared deviations, expected 2 features" },
        { 0, [10, -4], [6, 9], "worker hospital-a: feature statistics over 0 samples, expected at least 1" },
        { 40, [10, double.NaN], [6, 9], "worker hospital-a: feature 1 has sum NaN and squared deviations 9, expected finite values, squared deviations >= 0" },
        { 40, [10, -4], [6, -9], "worker hospital-a: feature 1 has sum -4 and squared deviations -9, expected finite values, squared deviations >= 0" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Verify_Malformed_RefusedNamingTheProblem(long count, double[] sum, double[] squares, string expected)
    {
        var report = Report(Good) with { Count = count, Sum = Float64Payload.Encode(sum), SquaredDeviations = Float64Payload.Encode(squares) };

        Assert.Equal(expected, Verify(report).Problem);
    }

    [Fact]
    public void Verify_NullArrays_RefusedNotThrown()
    {
        var (_, _, problem) = Verify(Report(Good) with { Sum = null!, SquaredDeviations = null! });

        Assert.Equal("worker hospital-a: feature statistics cover 0 sums and 0 squared deviations, expected 2 features", problem);
    }

    [Fact]
    public void Verify_SumsNotWholeFloat64Values_RefusedNamingTheField()
    {
        var (_, _, problem) = Verify(Report(Good) with { Sum = new byte[15] });

        Assert.Equal("worker hospital-a's sums is 15 bytes, not a whole number of 8-byte float64 values", problem);
    }
}
