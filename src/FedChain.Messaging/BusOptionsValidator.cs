using Microsoft.Extensions.Options;

namespace FedChain.Messaging;

/// <summary>Checks <see cref="BusOptions"/> at start-up; every failure names its configuration key.</summary>
public sealed class BusOptionsValidator : IValidateOptions<BusOptions>
{
    private const int MinChunkSize = 1 << 10;
    private const int MaxChunkSize = 128 << 20;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BusOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Throws an <see cref="OptionsValidationException"/> listing every problem, or returns the options.</summary>
    public static BusOptions ThrowIfInvalid(BusOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0
            ? options
            : throw new OptionsValidationException(BusOptions.SectionName, typeof(BusOptions), errors);
    }

    /// <summary>Every problem with the options, each naming its key.</summary>
    public static IEnumerable<string> Errors(BusOptions options)
    {
        const string s = BusOptions.SectionName;
        if (!Enum.IsDefined(options.Transport))
        {
            yield return $"{s}:Transport: '{options.Transport}' is not a transport; expected InMemory or RabbitMq";
        }

        if (options.Transport == BusTransport.RabbitMq)
        {
            if (string.IsNullOrWhiteSpace(options.Host))
            {
                yield return $"{s}:Host is required when {s}:Transport is RabbitMq (e.g. amqp://rabbitmq:5672/)";
            }
            else if (!Uri.TryCreate(options.Host, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || string.IsNullOrEmpty(uri.Host))
            {
                // The value may carry a password in its user info: name the key, not the value.
                yield return $"{s}:Host must be an absolute amqp:// or amqps:// URI with a host name";
            }

            if (options.Password is not null && options.PasswordFile is not null)
            {
                yield return $"{s}:Password and {s}:PasswordFile are both set; set one";
            }

            if (options.PasswordFile is not null && !File.Exists(options.PasswordFile))
            {
                yield return $"{s}:PasswordFile: file '{options.PasswordFile}' does not exist";
            }
        }

        if (string.IsNullOrWhiteSpace(options.EndpointPrefix) || !options.EndpointPrefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            yield return $"{s}:EndpointPrefix must be lowercase letters, digits and '-', got '{options.EndpointPrefix}'";
        }

        if (options.Prefetch is < 1 or > 10_000)
        {
            yield return $"{s}:Prefetch must be between 1 and 10000, got {options.Prefetch}";
        }

        if (options.ConcurrentMessageLimit < 0)
        {
            yield return $"{s}:ConcurrentMessageLimit must be 0 (= Prefetch) or positive, got {options.ConcurrentMessageLimit}";
        }

        if (options.RetryLimit is < 0 or > 100)
        {
            yield return $"{s}:RetryLimit must be between 0 and 100, got {options.RetryLimit}";
        }

        if (options.RetryMinInterval < TimeSpan.Zero || options.RetryMaxInterval < options.RetryMinInterval)
        {
            yield return $"{s}:RetryMinInterval ({options.RetryMinInterval}) must be >= 0 and <= {s}:RetryMaxInterval ({options.RetryMaxInterval})";
        }

        if (options.ChunkSizeBytes is < MinChunkSize or > MaxChunkSize)
        {
            yield return $"{s}:ChunkSizeBytes must be between {MinChunkSize} and {MaxChunkSize}, got {options.ChunkSizeBytes}";
        }

        if (options.StartTimeout <= TimeSpan.Zero)
        {
            yield return $"{s}:StartTimeout must be positive, got {options.StartTimeout}";
        }
    }
}
