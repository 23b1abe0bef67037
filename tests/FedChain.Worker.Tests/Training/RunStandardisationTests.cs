using System.Security.Cryptography;
using System.Text.Json;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using FedChain.Learning.Data;
using FedChain.Ledger;
using FedChain.Messages;
using FedChain.Tasks;
using FedChain.Tasks.Preprocessing;
using FedChain.Worker.Training;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedChain.Worker.Tests.Training;

public sealed class RunStandardisationTests
{
    private const string TaskJson = """
        {
          "name": "wdbc",
          "model": {"builtin": "mlp", "hidden": [4]},
          "input": {
            "format": "tabular",
            "feature_columns": ["radius", "texture"],
            "label_column": "diagnosis",
            "classes": ["benign", "malignant"],
            "standardisation": {"mode": "federated"}
          },
          "loss": "cross_entropy",
          "metrics": ["accuracy"],
          "training": {"epochs": 1, "batch_size": 4, "learning_rate": 0.05, "optimizer": "sgd"},
          "held_out": {"validation": "validation.csv", "test": "test.csv"}
        }
        """;

    private static readonly TaskFile Task = TaskFile.Parse(TaskJson, "task.json", "/data");
    private static readonly Standardisation Merged = Standardisation.FromStatistics(new FeatureStatistics(50, [500, -25], [200, 450]));

    private static string Spec(string? hash = null, float[]? mean = null, string? taskHash = null) => JsonSerializer.Serialize(new
    {
        Version = 2,
        Task = new
        {
            TaskHash = taskHash ?? Task.Hash,
            StandardisationHash = hash ?? Merged.Hash,
            StandardisationMean = mean ?? Merged.Mean.ToArray(),
            StandardisationStd = Merged.Std.ToArray(),
        },
    });

    [Fact]
    public void FromSpec_RecordedValues_GivesTheSameStandardisation()
    {
        var standardisation = RunStandardisation.FromSpec(Spec(), Task, 1);

        Assert.Equal(Merged.Hash, standardisation.Hash);
        Assert.Equal(Merged.Mean, standardisation.Mean);
        Assert.Equal(Merged.Std, standardisation.Std);
    }

    [Fact]
    public void FromSpec_ValuesNotTheRecordedHash_Refused()
    {
        var tampered = Merged.Mean.ToArray();
        tampered[0] += 1;

        var error = Assert.Throws<InvalidDataException>(() => RunStandardisation.FromSpec(Spec(mean: tampered), Task, 2));

        Assert.StartsWith("round 2: the run's standardisation values hash to 0x", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($", its spec records {Merged.Hash}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSpec_NoSpecOrNoTaskPartOrOtherTask_RefusedNamingWhat()
    {
        Assert.Equal($"round 1: RoundStarted carries no run spec, so no standardisation for task {Task.Hash} (task.json: input.standardisation is \"federated\")",
            Assert.Throws<InvalidDataException>(() => RunStandardisation.FromSpec(null, Task, 1)).Message);
        Assert.Equal("round 1: the run's spec has no Task part",
            Assert.Throws<InvalidDataException>(() => RunStandardisation.FromSpec("{\"Version\":1}", Task, 1)).Message);
        var other = "0x" + new string('2', 64);
        Assert.Equal($"round 1: the run's spec is for task {other}, this site holds {Task.Hash} (task.json)",
            Assert.Throws<InvalidDataException>(() => RunStandardisation.FromSpec(Spec(taskHash: other), Task, 1)).Message);
        Assert.StartsWith("round 1: the run's spec has no readable standardisation: ",
            Assert.Throws<InvalidDataException>(() => RunStandardisation.FromSpec("{\"Task\":{\"TaskHash\":\"" + Task.Hash + "\"}}", Task, 1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Statistics_FederatedSite_SendsItsRawTrainingStatisticsSignedByItsKey()
    {
        var features = new float[] { 1, 10, 3, 14, 5, 12, 7, 8, 9, 20, 2, 11, 4, 13, 6, 15, 8, 9, 10, 21, 11, 22, 12, 23 };
        var train = Dataset.FromArrays("site.csv", features, [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], [2], 2);
        using var key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
        var ledger = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
        var node = new WorkerNode("hospital-a", new LocalData(train, train.Subset([0], "test"), Task) { RunStandardised = true },
            new KeyUpdateSigner(key, new UpdateCommitmentSigner(31337, ledger)), NullLogger.Instance);
        var runId = RunIds.Format(SHA256.HashData("run"u8));

        var report = node.Statistics(new RequestFeatureStatistics(runId, 0, Task.Hash, ["hospital-a"], DateTimeOffset.UnixEpoch))!;

        var expected = FeatureStatistics.Compute(train);
        Assert.Equal(expected.Count, report.Count);
        var sums = Float64Payload.Decode(report.Sum, "sums");
        var squares = Float64Payload.Decode(report.SquaredDeviations, "squared deviations");
        Assert.Equal(expected.Sum, sums);
        Assert.Equal(expected.SquaredDeviations, squares);
        var signer = new FeatureStatisticsSigner(31337, ledger).RecoverSigner(Bytes32.FromBytes(RunIds.Parse(runId)), Bytes32.Parse(Task.Hash),
            Bytes32.FromBytes(new FeatureStatistics(report.Count, sums, squares).Hash()), report.Signature);
        Assert.Equal(key.Address, signer);
        Assert.Equal(key.Address.ToLowerString(), report.Address);
        Assert.Null(node.Statistics(new RequestFeatureStatistics(runId, 0, Task.Hash, ["hospital-b"], DateTimeOffset.UnixEpoch)));
        Assert.Null(node.Statistics(new RequestFeatureStatistics(runId, 0, "0x" + new string('3', 64), ["hospital-a"], DateTimeOffset.UnixEpoch)));
    }
}
