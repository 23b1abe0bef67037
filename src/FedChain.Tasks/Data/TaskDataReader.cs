using FedChain.Learning.Data;

namespace FedChain.Tasks.Data;

/// <summary>Reads data in a task's schema: a table for tabular tasks, an image folder for image tasks.</summary>
public static class TaskDataReader
{
    /// <summary>Reads a site's file or folder at <paramref name="path"/> (raw features: standardisation is applied separately).</summary>
    public static Dataset Read(TaskDefinition task, string path)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Input.Format == "images" ? ImageFolderReader.Read(task.Input, path) : TabularReader.Read(task.Input, path);
    }

    /// <summary>Reads the aggregator's held-out validation and test sets the task names (raw features).</summary>
    public static (Dataset Validation, Dataset Test) ReadHeldOut(TaskFile task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return (Read(task.Definition, task.ValidationPath), Read(task.Definition, task.TestPath));
    }
}
