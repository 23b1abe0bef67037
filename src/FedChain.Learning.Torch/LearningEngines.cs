namespace FedChain.Learning.Torch;

/// <summary>The engines a run can name, by name.</summary>
public static class LearningEngines
{
    /// <summary>The engine a run uses when it names none.</summary>
    public const string Default = TorchEngine.EngineName;

    /// <summary>The names <see cref="Create"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = [TorchEngine.EngineName, NativeEngine.EngineName];

    /// <summary>The engine called <paramref name="name"/>: "torch" or "native".</summary>
    public static ILearningEngine Create(string name) => name switch
    {
        TorchEngine.EngineName => new TorchEngine(),
        NativeEngine.EngineName => new NativeEngine(),
        _ => throw new ArgumentException($"unknown engine '{name}', expected one of {string.Join(", ", Names)}", nameof(name)),
    };
}
