namespace FedChain.ServiceDefaults;

/// <summary>Where a host serves HTTP: health checks, Prometheus metrics and (on the aggregator) the read-only API.</summary>
public sealed class HttpEndpointOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Http";

    /// <summary>The URL Kestrel listens on, e.g. http://127.0.0.1:9480; port 0 picks a free port (logged at start).</summary>
    public string Url { get; set; } = "http://127.0.0.1:0";
}
