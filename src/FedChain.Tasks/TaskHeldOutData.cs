using FedChain.Learning.Data;
using FedChain.Tasks.Data;
using FedChain.Tasks.Preprocessing;

namespace FedChain.Tasks;

/// <summary>
/// The aggregator's held-out sets of a task, as the task names them, with the file hashes that go into
/// the run's spec; <see cref="Prepare"/> applies the run's standardisation exactly as the workers do.
/// </summary>
public sealed class TaskHeldOutData
{
    private TaskHeldOutData(Dataset validation, Dataset test, string validationHash, string testHash)
    {
        Validation = validation;
        Test = test;
        ValidationFileHash = validationHash;
        TestFileHash = testHash;
    }

    /// <summary>The validation set, raw features.</summary>
    public Dataset Validation { get; }

    /// <summary>The test set, raw features.</summary>
    public Dataset Test { get; }

    /// <summary>SHA-256 of the validation file or folder as the operator holds it (see <see cref="DataFileHash"/>).</summary>
    public string ValidationFileHash { get; }

    /// <summary>SHA-256 of the test file or folder.</summary>
    public string TestFileHash { get; }

    /// <summary>Reads both sets against the task's schema.</summary>
    public static TaskHeldOutData Load(TaskFile task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var (validation, test) = TaskDataReader.ReadHeldOut(task);
        return new TaskHeldOutData(validation, test, DataFileHash.Of(task.ValidationPath), DataFileHash.Of(task.TestPath));
    }

    /// <summary>Both sets as the model sees them (standardised for tabular tasks, as at every site).</summary>
    public (Dataset Validation, Dataset Test) Prepare(Standardisation? standardisation)
    {
        if (standardisation is null)
        {
            return (Validation, Test);
        }

        return (standardisation.Apply(Validation), standardisation.Apply(Test));
    }
}
