using FedChain.Aggregator.Chain;
using FedChain.Aggregator.State;
using FedChain.Aggregator.Workers;
using FedChain.Ethereum;
using FedChain.Ethereum.Signing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FedChain.Aggregator.Tests.Workers;

public sealed class WorkerAdmissionTests : IDisposable
{
    private static readonly Address LedgerAddress = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private readonly string _folder = Directory.CreateTempSubdirectory("fedchain-admission-").FullName;
    private readonly EthereumKey _key = EthereumKey.FromBytes(Keccak256.Hash("hospital-a"));
    private readonly EthereumKey _other = EthereumKey.FromBytes(Keccak256.Hash("hospital-b"));

    public void Dispose()
    {
        _key.Dispose();
        _other.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private (WorkerAdmission Admission, WorkerRegistry Registry, AggregatorStore Store) Open()
    {
        var store = new AggregatorStore(Path.Combine(_folder, "aggregator.db"));
        var registry = new WorkerRegistry(TimeProvider.System);
        var admission = new WorkerAdmission(registry, store, new OffChainRoundLedger(31337, LedgerAddress, []), TimeProvider.System,
            Options.Create(new AggregatorOptions()), NullLogger<WorkerAdmission>.Instance);
        return (admission, registry, store);
    }

    [Fact]
    public void Admit_SignedHeartbeat_MakesTheSiteAvailable()
    {
        var (admission, registry, store) = Open();
        using var _ = store;

        Assert.Null(admission.Admit(HeartbeatCheckTests.Signed("hospital-a", _key, DateTimeOffset.UtcNow)));

        Assert.Equal(_key.Address.ToLowerString(), registry.Find("hospital-a")!.Address);
        Assert.Equal(["hospital-a"], registry.Available("mlp", TimeSpan.FromMinutes(1)).Select(w => w.WorkerId));
    }

    [Fact]
    public void Admit_AnotherKeyUnderAKnownWorkerId_RefusedAndTheFirstBindingStandsAfterARestart()
    {
        var (admission, registry, store) = Open();
        using (store)
        {
            Assert.Null(admission.Admit(HeartbeatCheckTests.Signed("hospital-a", _key, DateTimeOffset.UtcNow)));

            // hospital-b signs, correctly, a heartbeat in which it calls itself hospital-a.
            var problem = admission.Admit(HeartbeatCheckTests.Signed("hospital-a", _other, DateTimeOffset.UtcNow));

            Assert.Equal($"worker hospital-a: heartbeat signed by {_other.Address.ToLowerString()}, but this aggregator knows worker hospital-a as " +
                $"{_key.Address.ToLowerString()} (its first signed heartbeat); a site with a new key needs a new worker id", problem);
            Assert.Equal(_key.Address.ToLowerString(), registry.Find("hospital-a")!.Address);
        }

        var (restarted, restartedRegistry, reopened) = Open();
        using (reopened)
        {
            Assert.NotNull(restarted.Admit(HeartbeatCheckTests.Signed("hospital-a", _other, DateTimeOffset.UtcNow)));
            Assert.Null(restartedRegistry.Find("hospital-a"));
            Assert.Null(restarted.Admit(HeartbeatCheckTests.Signed("hospital-a", _key, DateTimeOffset.UtcNow)));
        }
    }

    [Fact]
    public void Admit_OneKeyUnderASecondWorkerId_Refused_TheIdStaysFreeForItsOwnKey()
    {
        var (admission, registry, store) = Open();
        using var _ = store;
        Assert.Null(admission.Admit(HeartbeatCheckTests.Signed("hospital-a", _key, DateTimeOffset.UtcNow)));

        // hospital-a's key announces a second site: it would take two places in a round.
        Assert.Equal($"worker hospital-a-2: heartbeat signed by {_key.Address.ToLowerString()}, which this aggregator knows as worker hospital-a; one worker id per key",
            admission.Admit(HeartbeatCheckTests.Signed("hospital-a-2", _key, DateTimeOffset.UtcNow)));
        Assert.Null(registry.Find("hospital-a-2"));

        Assert.Null(admission.Admit(HeartbeatCheckTests.Signed("hospital-a-2", _other, DateTimeOffset.UtcNow)));
        Assert.Equal(_other.Address.ToLowerString(), store.BoundAddress("hospital-a-2"));
        Assert.Equal(["hospital-a", "hospital-a-2"], registry.Available("mlp", TimeSpan.FromMinutes(1)).Select(w => w.WorkerId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Admit_UnsignedHeartbeat_LeavesTheRegistryAsItWas()
    {
        var (admission, registry, store) = Open();
        using var _ = store;

        Assert.Contains("signature refused", admission.Admit(HeartbeatCheckTests.Signed("hospital-a", _key, DateTimeOffset.UtcNow) with { Signature = [] }));

        Assert.Null(registry.Find("hospital-a"));
    }
}
