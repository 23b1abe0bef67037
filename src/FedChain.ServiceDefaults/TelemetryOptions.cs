namespace FedChain.ServiceDefaults;

/// <summary>Where a host exports its traces and metrics over OTLP; export is off unless an endpoint is set.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>The OTLP collector (e.g. http://127.0.0.1:4318); empty turns OTLP export off.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>"HttpProtobuf" (port 4318) or "Grpc" (port 4317).</summary>
    public string OtlpProtocol { get; set; } = "HttpProtobuf";

    /// <summary>The service name the host reports; empty means the host's own (fedchain-aggregator, fedchain-worker-…).</summary>
    public string ServiceName { get; set; } = "";
}
