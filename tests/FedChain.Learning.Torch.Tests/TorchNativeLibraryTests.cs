using System.Diagnostics;
using TorchSharp;

namespace FedChain.Learning.Torch.Tests;

public sealed class TorchNativeLibraryTests
{
    private const string Library = "runtimes/linux-x64/native/libLibTorchSharp.so";

    [Fact]
    public void Ones_SumOfSix_LoadsTheNativeLibrary()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(6f, torch.ones(2, 3).sum().item<float>());
    }

    [Fact]
    public void OutputCopy_VersionNeed_IsWeakExactlyWhereTheSystemLibstdcxxLacksIt()
    {
        var output = Path.Combine(AppContext.BaseDirectory, Library);
        var systemHasIt = File.ReadAllText("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", System.Text.Encoding.Latin1).Contains("GLIBCXX_3.4.32\0", StringComparison.Ordinal);
        Assert.Equal(!systemHasIt, NeedIsWeak(output));
    }

    [Fact]
    public void NuGetCacheCopy_IsLeftAsShipped()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var shipped = Path.Combine(cache, "torchsharp", "0.107.0", Library);
        Assert.True(File.Exists(shipped), $"{shipped} not found");
        Assert.False(NeedIsWeak(shipped), $"{shipped}: the package cache copy was modified");
    }

    // readelf -V prints each version need as "Name: GLIBCXX_3.4.32  Flags: WEAK  Version: n".
    private static bool NeedIsWeak(string path)
    {
        using var readelf = Process.Start(new ProcessStartInfo("readelf", ["-V", "-W", path]) { RedirectStandardOutput = true })!;
        var text = readelf.StandardOutput.ReadToEnd();
        readelf.WaitForExit();
        var line = text.Split('\n').Single(l => l.Contains("Name: GLIBCXX_3.4.32", StringComparison.Ordinal));
        return line.Contains("Flags: WEAK", StringComparison.Ordinal);
    }
}
