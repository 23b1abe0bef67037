using FedChain.Learning.Data;
using FedChain.Testing;

namespace FedChain.Tasks.Tests;

public sealed class MnistImageFolderTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Write_ImageTask_LoadsBackAsNormalisedMnist()
    {
        var taskPath = MnistImageFolder.Write(_dir.Path, workers: 2, samplesPerWorker: 30, testSamples: 40);

        var task = TaskFile.Load(taskPath);
        var site = TaskSiteData.Load(task, Path.Combine(_dir.Path, "worker-1"), testFraction: 0.1, seed: 3);
        var heldOut = TaskHeldOutData.Load(task);

        Assert.Equal(30, site.Train.Count + site.LocalTest.Count);
        Assert.Equal([1, 28, 28], site.Train.SampleShape);
        Assert.Equal(MnistHoldout.ValidationSamples, heldOut.Validation.Count);
        Assert.Equal(40, heldOut.Test.Count);

        // The PNG round trip is exact: the test folder equals MNIST's first test images, normalised as torchvision does.
        var mnist = Mnist.LoadTest(Mnist.FindDirectory(RepositoryRoot.Path)!, standardize: true);
        var expected = Enumerable.Range(0, 40).OrderBy(mnist.Label).ThenBy(i => i).ToArray();
        for (var i = 0; i < heldOut.Test.Count; i++)
        {
            Assert.Equal(mnist.Label(expected[i]), heldOut.Test.Label(i));
            var want = mnist.Features(expected[i]);
            var got = heldOut.Test.Features(i);
            for (var p = 0; p < want.Length; p++)
            {
                Assert.Equal(want[p], got[p], 5);
            }
        }
    }

    [Fact]
    public void Load_HeldOutFolderAsSiteData_IsRefused()
    {
        var task = TaskFile.Load(MnistImageFolder.Write(_dir.Path, workers: 1, samplesPerWorker: 5, testSamples: 5));

        var error = Assert.Throws<DataFormatException>(() => TaskSiteData.Load(task, Path.Combine(_dir.Path, "test") + Path.DirectorySeparatorChar, 0, 1));

        Assert.Contains("is the task's held-out test set", error.Message, StringComparison.Ordinal);
    }
}
