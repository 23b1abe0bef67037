using FedChain.Aggregator.State;

namespace FedChain.Aggregator.Tests.State;

public sealed class AggregatorStoreTests : IDisposable
{
    private const string Run = "0x1111111111111111111111111111111111111111111111111111111111111111";
    private readonly string _folder = Directory.CreateTempSubdirectory("fedchain-store-").FullName;

    [Fact]
    public void GetRejections_AfterAddRejection_ListsThemInOrderAcrossReopen()
    {
        var at = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        using (var store = Open())
        {
            store.AddRejection(new RejectedUpdate(Run, 7, "worker-1", "0xaa", "RoundNotOpen", "round 7 of run is not open", at));
            store.AddRejection(new RejectedUpdate(Run, 1, "worker-2", "0xbb", "BadSignature", "signature recovers to 0x12", at.AddSeconds(1)));
            store.AddRejection(new RejectedUpdate("0x" + new string('2', 64), 1, "worker-3", "0xcc", "Duplicate", "other run", at));
        }

        using var reopened = Open();
        var rejections = reopened.GetRejections(Run);

        Assert.Equal(["RoundNotOpen", "BadSignature"], rejections.Select(r => r.Reason));
        Assert.Equal(new RejectedUpdate(Run, 1, "worker-2", "0xbb", "BadSignature", "signature recovers to 0x12", at.AddSeconds(1)), rejections[1]);
    }

    [Fact]
    public void GetCommits_AfterSaveCommitTwice_KeepsTheLatestPerRound()
    {
        var at = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        using var store = Open();
        store.SaveCommit(Run, 1, 250_000, at);
        store.SaveCommit(Run, 2, 260_000, at.AddSeconds(10));
        store.SaveCommit(Run, 2, 261_000, at.AddSeconds(11));

        var commits = store.GetCommits(Run);

        Assert.Equal(new CommitRecord(1, 250_000, at), commits[1]);
        Assert.Equal(new CommitRecord(2, 261_000, at.AddSeconds(11)), commits[2]);
    }

    [Fact]
    public void GetDeclines_AfterAddDecline_ListsTheRoundsDeclinesAcrossReopen_FirstPerSiteStands()
    {
        var at = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        using (var store = Open())
        {
            store.AddDecline(new RecordedDecline(Run, 2, "worker-3", "0xaa", "no consent", at));
            store.AddDecline(new RecordedDecline(Run, 2, "worker-1", "0xbb", "privacy budget spent", at.AddSeconds(1)));
            store.AddDecline(new RecordedDecline(Run, 2, "worker-3", "0xaa", "a second word", at.AddSeconds(2)));
            store.AddDecline(new RecordedDecline(Run, 3, "worker-2", "0xcc", "other round", at));
        }

        using var reopened = Open();
        var declines = reopened.GetDeclines(Run, 2);

        Assert.Equal([new RecordedDecline(Run, 2, "worker-3", "0xaa", "no consent", at), new RecordedDecline(Run, 2, "worker-1", "0xbb", "privacy budget spent", at.AddSeconds(1))],
            declines);
        Assert.Empty(reopened.GetDeclines(Run, 4));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private AggregatorStore Open() => new(Path.Combine(_folder, "aggregator.db"));
}
