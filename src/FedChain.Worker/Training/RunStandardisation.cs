using System.Text.Json;
using FedChain.Tasks;
using FedChain.Tasks.Preprocessing;

namespace FedChain.Worker.Training;

/// <summary>
/// The standardisation a run's spec fixes (its "Task" part: hash, means, standard deviations), as a site reads it from
/// RoundStarted.Spec: rebuilt from the values and checked against the recorded hash and the site's own task, so the site
/// scales its data exactly as every other party of the run and the spec it consents to says.
/// </summary>
public static class RunStandardisation
{
    /// <summary>The run's standardisation; throws <see cref="InvalidDataException"/> naming what is missing or differs.</summary>
    public static Standardisation FromSpec(string? spec, TaskFile task, int round)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (string.IsNullOrEmpty(spec))
        {
            throw new InvalidDataException($"round {round}: RoundStarted carries no run spec, so no standardisation for task {task.Hash} ({task.Source}: input.standardisation is \"federated\")");
        }

        try
        {
            using var document = JsonDocument.Parse(spec);
            if (!document.RootElement.TryGetProperty("Task", out var part) || part.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"round {round}: the run's spec has no Task part");
            }

            var taskHash = part.GetProperty("TaskHash").GetString();
            if (!string.Equals(taskHash, task.Hash, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"round {round}: the run's spec is for task {taskHash}, this site holds {task.Hash} ({task.Source})");
            }

            var hash = part.GetProperty("StandardisationHash").GetString();
            var mean = part.GetProperty("StandardisationMean").Deserialize<float[]>();
            var std = part.GetProperty("StandardisationStd").Deserialize<float[]>();
            var features = task.Definition.Input.FeatureColumns?.Count ?? 0;
            if (hash is null || mean is null || std is null || mean.Length != features || std.Length != features)
            {
                throw new InvalidDataException($"round {round}: the run's spec gives {mean?.Length ?? 0} means and {std?.Length ?? 0} standard deviations (hash {hash ?? "none"}), expected {features} of each");
            }

            // float -> double -> float is exact, so these are the very values the aggregator fixed.
            var standardisation = Standardisation.Fixed(mean.Select(m => (double)m).ToArray(), std.Select(s => (double)s).ToArray());
            return string.Equals(standardisation.Hash, hash, StringComparison.OrdinalIgnoreCase)
                ? standardisation
                : throw new InvalidDataException($"round {round}: the run's standardisation values hash to {standardisation.Hash}, its spec records {hash}");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"round {round}: the run's spec has no readable standardisation: {e.Message}", e);
        }
    }
}
