using FedChain.Learning.Data;
using FedChain.Tasks.Data;
using FedChain.Tasks.Preprocessing;
using FedChain.Testing;
using Parquet;
using Parquet.Schema;

namespace FedChain.Tasks.Tests;

/// <summary>The real medical dataset, from Debian's python3-sklearn, through the task's schema end to end (data side).</summary>
[Trait("Category", "Integration")]
public sealed class BreastCancerTaskTests
{
    [Fact]
    public async Task Prepared_Task_LoadsEveryHospitalAndHeldOutSetThroughItsSchema()
    {
        var task = TaskFile.Load(await BreastCancerData.TaskFileAsync());
        var sites = new List<TaskSiteData>();
        for (var h = 1; h <= BreastCancerData.Hospitals; h++)
        {
            sites.Add(TaskSiteData.Load(task, await BreastCancerData.HospitalFileAsync(h), testFraction: 0.1, seed: 7));
        }

        var heldOut = TaskHeldOutData.Load(task);

        Assert.All(sites, s => Assert.Equal([30], s.Train.SampleShape));
        var total = sites.Sum(s => s.Train.Count + s.LocalTest.Count) + heldOut.Validation.Count + heldOut.Test.Count;
        Assert.Equal(569, total);
        var all = TabularReader.Read(task.Definition.Input, Path.Combine(await BreastCancerData.DirectoryAsync(), "breast_cancer.csv"));
        Assert.Equal([357, 212], all.LabelCounts());
        Assert.Matches("^0x[0-9a-f]{64}$", heldOut.ValidationFileHash);
        Assert.NotEqual(heldOut.ValidationFileHash, heldOut.TestFileHash);
    }

    [Fact]
    public async Task Prepared_Split_IsNonIidAndDisjoint()
    {
        var task = TaskFile.Load(await BreastCancerData.TaskFileAsync());
        var hospitals = new List<Dataset>();
        for (var h = 1; h <= BreastCancerData.Hospitals; h++)
        {
            hospitals.Add(TaskDataReader.Read(task.Definition, await BreastCancerData.HospitalFileAsync(h)));
        }

        var (validation, test) = TaskDataReader.ReadHeldOut(task);

        // Malignant share (class 1) differs strongly between hospitals: a referral centre against a screening site.
        var shares = hospitals.Select(d => (double)d.LabelCounts()[1] / d.Count).ToArray();
        Assert.True(shares[0] > 0.6 && shares[2] < 0.15, $"malignant shares {string.Join(", ", shares)}");
        // No patient is in two sets (rows compared by their 30 values).
        var seen = new HashSet<string>();
        foreach (var set in hospitals.Append(validation).Append(test))
        {
            for (var i = 0; i < set.Count; i++)
            {
                Assert.True(seen.Add(string.Join(',', set.Features(i).ToArray())), $"{set.Source}: {set.DescribeSample(i)} also in another set");
            }
        }
    }

    [Fact]
    public async Task FederatedStandardisation_FromTheHospitals_MatchesTheirPooledData()
    {
        var task = TaskFile.Load(await BreastCancerData.TaskFileAsync());
        var sites = new List<TaskSiteData>();
        for (var h = 1; h <= BreastCancerData.Hospitals; h++)
        {
            sites.Add(TaskSiteData.Load(task, await BreastCancerData.HospitalFileAsync(h), testFraction: 0.1, seed: 7));
        }

        var merged = FeatureStatistics.Merge(sites.Select(s => s.Statistics()));
        var standardisation = Standardisation.ForTask(task.Definition, merged);

        // The pooled training parts, standardised with the federated statistics, have mean 0 and std 1 per feature.
        var pooled = sites.SelectMany(s => Enumerable.Range(0, s.Train.Count).Select(i => s.Train.Features(i).ToArray())).ToArray();
        var union = Dataset.FromArrays("union", pooled.SelectMany(r => r).ToArray(), new int[pooled.Length], [30], 2);
        var scaled = standardisation.Apply(union);
        var check = FeatureStatistics.Compute(scaled);
        for (var j = 0; j < 30; j++)
        {
            Assert.Equal(0, check.Sum[j] / check.Count, 4);
            Assert.Equal(1, Math.Sqrt(check.SquaredDeviations[j] / check.Count), 4);
        }

        // Every site and the aggregator apply the same one: each prepared set is scaled by these values.
        var (train, _) = sites[0].Prepare(standardisation);
        Assert.Equal((sites[0].Train.Features(0)[3] - standardisation.Mean[3]) / standardisation.Std[3], train.Features(0)[3], 5);
        var (validation, _) = TaskHeldOutData.Load(task).Prepare(standardisation);
        Assert.Equal(57, validation.Count);
    }

    [Fact]
    public async Task Load_HeldOutFileAsSiteData_IsRefused()
    {
        var task = TaskFile.Load(await BreastCancerData.TaskFileAsync());

        var error = Assert.Throws<DataFormatException>(() => TaskSiteData.Load(task, task.ValidationPath, 0.1, 1));

        Assert.Contains("is the task's held-out validation set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hospital_ExportedAsParquet_ReadsAsTheSameDataset()
    {
        var task = TaskFile.Load(await BreastCancerData.TaskFileAsync());
        var csvPath = await BreastCancerData.HospitalFileAsync(2);
        var fromCsv = TaskDataReader.Read(task.Definition, csvPath);
        var columns = task.Definition.Input.FeatureColumns!;
        using var dir = new TemporaryDirectory();
        var parquetPath = dir.File("hospital-2.parquet");

        // As a hospital's export tool might write it: doubles, the label first, one row group per 50 rows.
        var schema = new ParquetSchema([new DataField<string>("diagnosis"), .. columns.Select(c => new DataField<double>(c))]);
        await using (var stream = File.Create(parquetPath))
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            for (var start = 0; start < fromCsv.Count; start += 50)
            {
                var n = Math.Min(50, fromCsv.Count - start);
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(schema.DataFields[0], Enumerable.Range(start, n).Select(i => task.Definition.Input.Classes[fromCsv.Label(i)]).ToArray());
                for (var f = 0; f < columns.Count; f++)
                {
                    await group.WriteAsync<double>(schema.DataFields[f + 1], Enumerable.Range(start, n).Select(i => (double)fromCsv.Features(i)[f]).ToArray().AsMemory());
                }
            }
        }

        var fromParquet = TaskDataReader.Read(task.Definition, parquetPath);

        Assert.Equal(fromCsv.ToArrays().Features, fromParquet.ToArrays().Features);
        Assert.Equal(fromCsv.ToArrays().Labels, fromParquet.ToArrays().Labels);
    }
}
