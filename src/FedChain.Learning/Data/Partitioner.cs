namespace FedChain.Learning.Data;

/// <summary>
/// Splits a dataset across simulated clients. Every split is a function of (data, arguments, seed)
/// only, and each client's part is a view over the shared storage.
/// </summary>
public static class Partitioner
{
    /// <summary>IID: a seeded shuffle cut into <paramref name="clients"/> parts whose sizes differ by at most one.</summary>
    public static IReadOnlyList<Dataset> Iid(Dataset data, int clients, ulong seed)
    {
        Check(data, clients);
        var order = Enumerable.Range(0, data.Count).ToArray();
        new DeterministicRandom(seed).Shuffle(order.AsSpan());
        return Enumerable.Range(0, clients)
            .Select(c => View(data, order.AsSpan(Start(data.Count, clients, c), Start(data.Count, clients, c + 1) - Start(data.Count, clients, c)).ToArray(), c, "iid"))
            .ToArray();
    }

    /// <summary>
    /// The FedAvg paper's pathological non-IID split: sort by label (ties by index), cut into
    /// clients × shardsPerClient equal shards (MNIST, 100 clients: 200 shards of 300), deal each
    /// client <paramref name="shardsPerClient"/> shards at random. Samples beyond the last full shard are left out.
    /// </summary>
    public static IReadOnlyList<Dataset> Shards(Dataset data, int clients, ulong seed, int shardsPerClient = 2)
    {
        Check(data, clients);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardsPerClient, 1);
        var shardCount = clients * shardsPerClient;
        var shardSize = data.Count / shardCount;
        if (shardSize == 0)
        {
            throw new ArgumentException($"{data.Source}: {data.Count} samples cannot fill {shardCount} shards");
        }

        var sorted = Enumerable.Range(0, data.Count).OrderBy(data.Label).ThenBy(i => i).ToArray();
        var shards = Enumerable.Range(0, shardCount).ToArray();
        new DeterministicRandom(seed).Shuffle(shards.AsSpan());
        var parts = new Dataset[clients];
        for (var c = 0; c < clients; c++)
        {
            var rows = new List<int>(shardSize * shardsPerClient);
            for (var s = 0; s < shardsPerClient; s++)
            {
                rows.AddRange(sorted.AsSpan(shards[(c * shardsPerClient) + s] * shardSize, shardSize).ToArray());
            }

            parts[c] = View(data, [.. rows], c, "shards");
        }

        return parts;
    }

    /// <summary>
    /// Dirichlet label skew: for each class, proportions over clients are drawn from Dir(alpha) and the
    /// class's (shuffled) samples are cut by them. Small alpha gives few classes per client; a client can
    /// end up with no samples at very small alpha.
    /// </summary>
    public static IReadOnlyList<Dataset> Dirichlet(Dataset data, int clients, double alpha, ulong seed)
    {
        Check(data, clients);
        if (!(alpha > 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentException($"dirichlet alpha is {alpha}, expected a finite number > 0");
        }

        var random = new DeterministicRandom(seed);
        var rows = Enumerable.Range(0, clients).Select(_ => new List<int>()).ToArray();
        var byClass = Enumerable.Range(0, data.NumClasses).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < data.Count; i++)
        {
            byClass[data.Label(i)].Add(i);
        }

        var weights = new double[clients];
        foreach (var members in byClass)
        {
            var indices = members.ToArray();
            random.Shuffle(indices.AsSpan());
            double total = 0;
            for (var c = 0; c < clients; c++)
            {
                weights[c] = random.NextGamma(alpha);
                total += weights[c];
            }

            double cumulative = 0;
            var start = 0;
            for (var c = 0; c < clients; c++)
            {
                cumulative += weights[c];
                var end = c == clients - 1 ? indices.Length : (int)Math.Round(indices.Length * (cumulative / total));
                end = Math.Clamp(end, start, indices.Length);
                rows[c].AddRange(indices.AsSpan(start, end - start).ToArray());
                start = end;
            }
        }

        return rows.Select((r, c) => View(data, [.. r.Order()], c, $"dirichlet({alpha})")).ToArray();
    }

    private static void Check(Dataset data, int clients)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (clients < 1 || clients > data.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(clients), $"{data.Source}: {clients} clients for {data.Count} samples, expected 1..{data.Count}");
        }
    }

    private static int Start(int count, int clients, int client) => (int)((long)count * client / clients);

    private static Dataset View(Dataset data, int[] rows, int client, string scheme) =>
        data.Subset(rows, $"{data.Source} [{scheme} client {client}]");
}
