using Microsoft.Extensions.Options;

namespace FedChain.ServiceDefaults;

/// <summary>Refuses an OTLP endpoint that is not an absolute http(s) URL and an unknown OTLP protocol.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.OtlpEndpoint.Length > 0
            && (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{TelemetryOptions.SectionName}:OtlpEndpoint '{options.OtlpEndpoint}' is not an absolute http(s) URL (e.g. http://127.0.0.1:4318); leave it empty to turn OTLP export off");
        }

        if (options.OtlpProtocol is not ("HttpProtobuf" or "Grpc"))
        {
            failures.Add($"{TelemetryOptions.SectionName}:OtlpProtocol '{options.OtlpProtocol}' is not HttpProtobuf or Grpc");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
