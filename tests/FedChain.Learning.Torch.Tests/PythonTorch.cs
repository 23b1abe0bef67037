using System.Diagnostics;
using System.Security.Cryptography;

namespace FedChain.Learning.Torch.Tests;

/// <summary>Runs Debian's PyTorch (/usr/bin/python3 with python3-torch) on the scripts in Python/.</summary>
internal static class PythonTorch
{
    private static readonly Lazy<string> ModelDirectory = new(MakeModels);

    /// <summary>The folder holding tabular.pt and batchnorm.pt, made once per test run.</summary>
    public static string Models => ModelDirectory.Value;

    public static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    public static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Python", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var python = Process.Start(start) ?? throw new InvalidOperationException("could not start /usr/bin/python3");
        var output = python.StandardOutput.ReadToEndAsync();
        var error = python.StandardError.ReadToEnd();
        python.WaitForExit();
        if (python.ExitCode != 0)
        {
            throw new InvalidOperationException($"/usr/bin/python3 {script} failed ({python.ExitCode}); is python3-torch installed (tests/scripts/prerequisites.sh)? {error}");
        }

        return output.Result;
    }

    private static string MakeModels()
    {
        var directory = Directory.CreateTempSubdirectory("fedchain-torchscript-").FullName;
        Run("make_models.py", directory);
        return directory;
    }
}
