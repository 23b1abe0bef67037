using FedChain.Benchmarks;

// Benchmarks print JSON lines (one per measurement) so runs can be compared with the
// peers in ../shared/bench side by side. Performance goals live here, never in unit tests.
IBenchmark[] benchmarks =
[
    new TrainBenchmark(),
    new AggregateBenchmark(),
    new IngestBenchmark(),
    new FedChain.Benchmarks.Transport.TransportBenchmark(),
    new FedChain.Benchmarks.Robustness.RobustnessBenchmark(),
];

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: FedChain.Benchmarks <bench> [--option value ...]");
    foreach (var b in benchmarks)
    {
        Console.Error.WriteLine($"  {b.Usage}");
    }

    return args.Length == 0 ? 2 : 0;
}

var benchmark = benchmarks.FirstOrDefault(b => b.Name == args[0]);
if (benchmark is null)
{
    Console.Error.WriteLine($"unknown benchmark '{args[0]}'; known: {string.Join(", ", benchmarks.Select(b => b.Name))}");
    return 2;
}

try
{
    await benchmark.RunAsync(BenchmarkOptions.Parse(args[1..]), Console.Out, CancellationToken.None);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"{benchmark.Name}: {e.Message}");
    return 2;
}
