using FedChain.Learning;

namespace FedChain.Tasks;

/// <summary>What a task's model takes and is, in the engines' terms.</summary>
public static class TaskModel
{
    /// <summary>The shape of one sample: [features] for a table, [channels, height, width] for images.</summary>
    public static IReadOnlyList<int> InputShape(TaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var input = task.Input;
        return input.Format == "images"
            ? [input.Channels!.Value, input.Height!.Value, input.Width!.Value]
            : [input.FeatureColumns!.Count];
    }

    /// <summary>The built-in model's spec (architecture, input shape, classes, hidden widths), or null for a TorchScript model.</summary>
    public static ModelSpec? BuiltinSpec(TaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Model.Builtin is { } builtin
            ? new ModelSpec(builtin, InputShape(task), task.Input.Classes.Count, task.Model.Hidden)
            : null;
    }
}
