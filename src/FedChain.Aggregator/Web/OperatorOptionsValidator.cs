using FedChain.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace FedChain.Aggregator.Web;

/// <summary>Refuses a configured token source that cannot be read or holds a token shorter than <see cref="OperatorOptions.MinimumTokenLength"/>.</summary>
public sealed class OperatorOptionsValidator : IValidateOptions<OperatorOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            var token = Load(options);
            return token.Reveal().Length >= OperatorOptions.MinimumTokenLength
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{OperatorOptions.SectionName}: the operator token has {token.Reveal().Length} characters; at least {OperatorOptions.MinimumTokenLength} are required");
        }
        catch (InvalidOperationException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }

    /// <summary>Reads the token from the configured file or environment variable.</summary>
    public static SecretText Load(OperatorOptions options) =>
        SecretSource.Load(options.TokenFile, options.TokenEnvironmentVariable, $"{OperatorOptions.SectionName}:{nameof(OperatorOptions.TokenFile)}");
}
