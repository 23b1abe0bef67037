using FedChain.Learning;
using FedChain.Learning.Data;
using FedChain.Tasks.Data;
using FedChain.Tasks.Preprocessing;

namespace FedChain.Tasks;

/// <summary>
/// A worker's own data for a task, read against the task's schema and split (seeded) into its local
/// training part and a local test part. Federated standardisation takes its statistics from the training
/// part only; <see cref="Prepare"/> then applies the run's one standardisation to both parts.
/// </summary>
public sealed class TaskSiteData
{
    private TaskSiteData(TaskFile task, Dataset train, Dataset localTest)
    {
        Task = task;
        Train = train;
        LocalTest = localTest;
    }

    /// <summary>The task.</summary>
    public TaskFile Task { get; }

    /// <summary>The local training part, raw (unstandardised) features.</summary>
    public Dataset Train { get; }

    /// <summary>The local test part, raw features (empty when the test fraction is 0).</summary>
    public Dataset LocalTest { get; }

    /// <summary>
    /// Reads the site's file or folder; refuses a path that is one of the task's held-out sets, since the
    /// aggregator's validation and test data must never train. The first <paramref name="testFraction"/> of a
    /// seeded shuffle is the local test part.
    /// </summary>
    public static TaskSiteData Load(TaskFile task, string path, double testFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(path);
        if (testFraction is < 0 or > 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), $"local test fraction {testFraction}, expected 0..0.5");
        }

        static string Normal(string p) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p));
        var full = Normal(path);
        if (full == Normal(task.ValidationPath) || full == Normal(task.TestPath))
        {
            throw new DataFormatException(path, "file", $"is the task's held-out {(full == Normal(task.ValidationPath) ? "validation" : "test")} set ({task.Source}: held_out), which no worker may train on");
        }

        var all = TaskDataReader.Read(task.Definition, path);
        var rows = Enumerable.Range(0, all.Count).ToArray();
        new DeterministicRandom(seed).Shuffle(rows.AsSpan());
        var testCount = testFraction > 0 ? Math.Max(1, (int)(rows.Length * testFraction)) : 0;
        if (rows.Length - testCount < 1)
        {
            throw new DataFormatException(path, "file", $"holds {rows.Length} sample(s): none left to train on after the local test split");
        }

        return new TaskSiteData(task, all.Subset(rows.AsSpan(testCount), all.Source), all.Subset(rows.AsSpan(0, testCount), all.Source + " (local test)"));
    }

    /// <summary>What this site contributes to federated standardisation: counts, sums, squared deviations of its training part.</summary>
    public FeatureStatistics Statistics() => FeatureStatistics.Compute(Train);

    /// <summary>
    /// The training and local test parts as the model sees them: standardised with the run's
    /// <paramref name="standardisation"/> for tabular tasks (required then); image tasks are normalised when read.
    /// </summary>
    public (Dataset Train, Dataset LocalTest) Prepare(Standardisation? standardisation)
    {
        if (Task.Definition.Input.Format == "images")
        {
            return (Train, LocalTest);
        }

        ArgumentNullException.ThrowIfNull(standardisation);
        return (standardisation.Apply(Train), LocalTest.Count == 0 ? LocalTest : standardisation.Apply(LocalTest));
    }
}
