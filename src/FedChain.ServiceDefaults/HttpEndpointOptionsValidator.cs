using Microsoft.Extensions.Options;

namespace FedChain.ServiceDefaults;

/// <summary>Refuses an HTTP endpoint that is not an absolute http(s) URL with no path.</summary>
public sealed class HttpEndpointOptionsValidator : IValidateOptions<HttpEndpointOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HttpEndpointOptions options) =>
        IsValid(options.Url)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{HttpEndpointOptions.SectionName}:Url '{options.Url}' is not an absolute http(s) URL with no path (e.g. http://127.0.0.1:9480)");

    /// <summary>Whether <paramref name="url"/> is an absolute http(s) URL Kestrel can listen on.</summary>
    public static bool IsValid(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && uri.Query.Length == 0;
}
