using System.Diagnostics;
using TorchSharp;
using Xunit.Abstractions;

namespace FedChain.Learning.Torch.Tests;

[Collection(ProcessMemoryCollection.Name)]
public sealed class TorchMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void FiftyRounds_TrainAndEvaluate_LiveTensorsAndProcessMemoryStayFlat()
    {
        var spec = new ModelSpec("mlp", [1, 28, 28], 10, [200, 200]);
        var train = TestData.Random(300, [1, 28, 28], 10, 1);
        var test = TestData.Random(200, [1, 28, 28], 10, 2);
        using var model = new TorchEngine().Create(spec, 1);
        var vector = model.InitialParameters();
        long liveAfterWarmUp = 0, memoryAfterWarmUp = 0;
        for (var round = 1; round <= 50; round++)
        {
            vector = model.Train(vector, train, new TrainingPlan(1, 10, 0.01f, Momentum: 0.5f, ProxMu: 0.01f, Seed: (ulong)round)).Parameters;
            model.Evaluate(vector, test);
            if (round == 5)
            {
                liveAfterWarmUp = LiveTensors();
                memoryAfterWarmUp = ResidentBytes();
            }
        }

        var live = LiveTensors();
        var memory = ResidentBytes();
        output.WriteLine($"live tensors {liveAfterWarmUp} -> {live}; resident {memoryAfterWarmUp / 1048576.0:F1} -> {memory / 1048576.0:F1} MiB");
        Assert.Equal(liveAfterWarmUp, live);

        // Each round moves ~60 MB through libtorch; a leak of one round's tensors would show as 45 × that.
        Assert.True(memory - memoryAfterWarmUp < 64L << 20, $"resident memory grew {(memory - memoryAfterWarmUp) / 1048576.0:F1} MiB over 45 rounds");
    }

    private static long LiveTensors() => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
