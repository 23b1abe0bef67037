using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FedChain.ServiceDefaults;

/// <summary>OpenTelemetry for a FedChain host: MassTransit's and FedChain's spans, FedChain's metrics, OTLP export when configured.</summary>
public static class TelemetryExtensions
{
    /// <summary>
    /// Adds tracing (MassTransit's ActivitySource, which carries the trace context in message headers across
    /// processes, and FedChain's own spans) and FedChain's metrics; exports over OTLP only when
    /// Telemetry:OtlpEndpoint is set. Hosts add their own readers (the aggregator's Prometheus endpoint).
    /// </summary>
    public static TBuilder AddFedChainTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();

        // The exporters are chosen while the host is composed, so the section is read here as well;
        // ValidateOnStart above still refuses a bad value with its one-line message.
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var serviceName = options.ServiceName.Length > 0 ? options.ServiceName : builder.Environment.ApplicationName;
        var otlp = options.OtlpEndpoint.Length > 0 && Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint) ? endpoint : null;
        var protocol = options.OtlpProtocol == "Grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(FedChainTelemetry.Name, FedChainTelemetry.MassTransitSource);
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(o =>
                    {
                        o.Protocol = protocol;
                        o.Endpoint = Signal(otlp, protocol, "v1/traces");
                    });
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(FedChainTelemetry.Name, FedChainTelemetry.MassTransitSource);
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o =>
                    {
                        o.Protocol = protocol;
                        o.Endpoint = Signal(otlp, protocol, "v1/metrics");
                    });
                }
            });
        return builder;
    }

    // Over HTTP each signal has its own path under the collector's base URL; gRPC takes the base URL as is.
    private static Uri Signal(Uri endpoint, OtlpExportProtocol protocol, string path) =>
        protocol == OtlpExportProtocol.Grpc ? endpoint : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + path);
}
