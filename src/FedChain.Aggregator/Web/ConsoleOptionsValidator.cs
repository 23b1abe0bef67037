using Microsoft.Extensions.Options;

namespace FedChain.Aggregator.Web;

/// <summary>Refuses a chain URL browsers could not call and a refresh interval outside 100 ms..60 s.</summary>
public sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.ChainRpcUrl)
            && !(Uri.TryCreate(options.ChainRpcUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            errors.Add($"{ConsoleOptions.SectionName}:{nameof(ConsoleOptions.ChainRpcUrl)} '{options.ChainRpcUrl}' is not an absolute http(s) URL");
        }

        if (options.RefreshMilliseconds is < 100 or > 60_000)
        {
            errors.Add($"{ConsoleOptions.SectionName}:{nameof(ConsoleOptions.RefreshMilliseconds)} is {options.RefreshMilliseconds}; it must be 100..60000");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
