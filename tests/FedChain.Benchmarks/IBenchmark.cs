namespace FedChain.Benchmarks;

/// <summary>One benchmark command: parses its own options and writes one JSON object per measurement.</summary>
public interface IBenchmark
{
    /// <summary>The command name, e.g. "train"; it is also the "bench" field of every JSON line.</summary>
    string Name { get; }

    /// <summary>One-line usage shown by the program's help.</summary>
    string Usage { get; }

    /// <summary>Runs the measurements and writes JSON lines to <paramref name="output"/>.</summary>
    Task RunAsync(BenchmarkOptions options, TextWriter output, CancellationToken cancellationToken);
}
