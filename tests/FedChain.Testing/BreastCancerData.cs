namespace FedChain.Testing;

/// <summary>
/// The Wisconsin Diagnostic Breast Cancer task, prepared by tests/scripts/breast_cancer.sh from Debian's
/// python3-sklearn package (downloaded, not installed): 3 non-IID hospital CSVs, the aggregator's
/// validation and test CSVs and task.json, under .data/breast-cancer of the repository.
/// </summary>
public static class BreastCancerData
{
    private static readonly Lazy<Task<string>> Prepared = new(PrepareAsync);

    /// <summary>The hospitals whose CSVs the script writes (hospital-1.csv ...).</summary>
    public const int Hospitals = 3;

    /// <summary>Runs the script once per process (it is a no-op when its stamp is current) and returns the folder.</summary>
    public static Task<string> DirectoryAsync() => Prepared.Value;

    /// <summary>The task file of the prepared folder.</summary>
    public static async Task<string> TaskFileAsync() => Path.Combine(await DirectoryAsync(), "task.json");

    /// <summary>Hospital <paramref name="number"/>'s CSV (1-based).</summary>
    public static async Task<string> HospitalFileAsync(int number) => Path.Combine(await DirectoryAsync(), $"hospital-{number}.csv");

    private static async Task<string> PrepareAsync()
    {
        var directory = RepositoryRoot.Combine(".data", "breast-cancer");
        var result = await ProcessRunner.RunAsync("bash", [RepositoryRoot.Combine("tests", "scripts", "breast_cancer.sh"), directory], timeout: TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"tests/scripts/breast_cancer.sh failed ({result.ExitCode}): {result.Output.Trim()}");
        }

        return directory;
    }
}
