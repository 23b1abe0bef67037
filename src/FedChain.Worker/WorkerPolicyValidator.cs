using Microsoft.Extensions.Options;

namespace FedChain.Worker;

/// <summary>Refuses a worker configuration whose privacy policy is out of range (e.g. a zero or negative budget) at start-up.</summary>
public sealed class WorkerPolicyValidator : IValidateOptions<WorkerOptions>
{
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var errors = options.Privacy.Validate().ToList();
        foreach (var hash in options.Consent.AllowedSpecHashes)
        {
            if (hash is not { Length: 66 } || !hash.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || hash.AsSpan(2).ContainsAnyExcept(HexDigits))
            {
                errors.Add($"Worker:Consent:AllowedSpecHashes entry '{hash}' is not 0x + 64 hex digits");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
