using FedChain.Aggregator.Evaluation;
using FedChain.Aggregator.Runs;
using FedChain.Learning;
using FedChain.Messages;
using FedChain.Tasks;
using FedChain.Tasks.Preprocessing;
using FedChain.Testing;

namespace FedChain.Aggregator.Tests.Runs;

public sealed class RunSpecTests
{
    private static readonly RunConfiguration Configuration = new(
        "mlp", "fedavg", new Dictionary<string, string>(), 3, 3, 1, 2, 1, 16, 0.05, 7, TimeSpan.FromSeconds(30), "samples", "1000");

    private static readonly ParameterLayout Layout = ParameterLayout.Sequential(("fc1.weight", [2, 3]), ("fc1.bias", [2]));

    [Fact]
    public void Create_MnistRun_KeepsTheVersionOneDocument()
    {
        var spec = RunSpec.Create(Configuration, Layout, "0xabc", 1000, "ledger");

        Assert.StartsWith("{\"Version\":1,", spec.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Task\"", spec.Json, StringComparison.Ordinal);
        Assert.Null(RunSpec.TaskOf(spec.Json));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Create_TaskRun_CommitsToTaskStandardisationAndHeldOutFiles()
    {
        var task = TaskFile.Load(await BreastCancerData.TaskFileAsync());
        var sites = new List<TaskSiteData>();
        for (var h = 1; h <= BreastCancerData.Hospitals; h++)
        {
            sites.Add(TaskSiteData.Load(task, await BreastCancerData.HospitalFileAsync(h), 0.1, 1));
        }

        var standardisation = Standardisation.ForTask(task.Definition, FeatureStatistics.Merge(sites.Select(s => s.Statistics())));
        var (evaluation, taskSpec) = TaskServerEvaluation.Create(task, TaskHeldOutData.Load(task), standardisation);

        var spec = RunSpec.Create(Configuration, Layout, evaluation.ValidationHash, evaluation.Validation.Count, "ledger", taskSpec);

        Assert.StartsWith("{\"Version\":2,", spec.Json, StringComparison.Ordinal);
        var recorded = RunSpec.TaskOf(spec.Json)!;
        Assert.Equal(task.Hash, recorded.TaskHash);
        Assert.Equal(task.CanonicalJson, recorded.Task);
        Assert.Equal(standardisation.Hash, recorded.StandardisationHash);
        Assert.Equal(standardisation.Mean, recorded.StandardisationMean);
        Assert.Equal(Standardisation.Fixed(recorded.StandardisationMean!.Select(v => (double)v).ToArray(), recorded.StandardisationStd!.Select(v => (double)v).ToArray()).Hash, recorded.StandardisationHash);
        Assert.Equal(57, evaluation.Validation.Count);
        Assert.Equal(113, evaluation.Test.Count);

        // Another standardisation is another spec: its hash is part of what the chain records.
        var other = RunSpec.Create(Configuration, Layout, evaluation.ValidationHash, evaluation.Validation.Count, "ledger", taskSpec with { StandardisationHash = Standardisation.Identity(30).Hash });
        Assert.NotEqual(Convert.ToHexString(spec.Hash), Convert.ToHexString(other.Hash));
    }
}
