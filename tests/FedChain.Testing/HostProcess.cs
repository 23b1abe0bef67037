using System.Collections.Concurrent;
using System.Diagnostics;

namespace FedChain.Testing;

/// <summary>
/// One FedChain host (worker or aggregator) in its own OS process, configured through environment
/// variables as a deployment would be; its output is kept for failure messages.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>A label for messages, e.g. "worker-2".</summary>
    public string Name { get; }

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the host built from src/<paramref name="project"/> with the given settings.</summary>
    public static HostProcess Start(string name, string project, IReadOnlyDictionary<string, string> environment)
    {
        var dll = HostBinary(project);
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");
        var host = new HostProcess(name, process);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>The host's built entry assembly, in the same configuration as the tests.</summary>
    public static string HostBinary(string project, string? assembly = null)
    {
        // Tests run from tests/<project>/bin/<Configuration>/<tfm>/: the hosts are built alongside.
        var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDirectory.Parent!.Name;
        var dll = RepositoryRoot.Combine("src", project, "bin", configuration, tfmDirectory.Name, (assembly ?? project) + ".dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is not built: build the solution ({configuration}) first");
    }

    /// <summary>The last lines the host printed.</summary>
    public string RecentOutput(int lines = 60) => $"--- {Name} ---{Environment.NewLine}{string.Join(Environment.NewLine, _output.TakeLast(lines))}";

    /// <summary>Kills the host at once, as a crash would (no graceful shutdown).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>Waits for the host to exit by itself.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }
    }
}
