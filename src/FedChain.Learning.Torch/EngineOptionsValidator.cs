using Microsoft.Extensions.Options;

namespace FedChain.Learning.Torch;

/// <summary>Checks <see cref="EngineOptions"/> with a one-line message naming the setting (e.g. "Worker:Engine:Threads").</summary>
public sealed class EngineOptionsValidator(string sectionName) : IValidateOptions<EngineOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Threads is < 0 or > EngineOptions.MaxThreads
            ? ValidateOptionsResult.Fail($"{sectionName}:{nameof(EngineOptions.Threads)} is {options.Threads}: expected 0 (one LibTorch thread per core) or 1..{EngineOptions.MaxThreads}")
            : ValidateOptionsResult.Success;
    }
}
