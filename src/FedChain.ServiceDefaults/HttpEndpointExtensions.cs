using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace FedChain.ServiceDefaults;

/// <summary>The HTTP side every host shares: /health/live, /health/ready and /metrics (Prometheus text format).</summary>
public static class HttpEndpointExtensions
{
    /// <summary>Listens on Http:Url (validated at start-up) and adds the Prometheus exporter to the host's metrics.</summary>
    public static WebApplicationBuilder AddFedChainHttp(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<HttpEndpointOptions>, HttpEndpointOptionsValidator>();
        builder.Services.AddOptions<HttpEndpointOptions>().BindConfiguration(HttpEndpointOptions.SectionName).ValidateOnStart();
        var url = builder.Configuration[$"{HttpEndpointOptions.SectionName}:Url"] is { Length: > 0 } configured ? configured : new HttpEndpointOptions().Url;
        if (HttpEndpointOptionsValidator.IsValid(url))
        {
            // An invalid URL is left to ValidateOnStart, which names the option; Kestrel would throw a less helpful error.
            builder.WebHost.UseUrls(url);
        }

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter());
        return builder;
    }

    /// <summary>Maps the health and metrics endpoints, and logs the address the host listens on.</summary>
    public static WebApplication MapFedChainHttp(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            app.Logger.LogInformation("HTTP endpoint listening on {Addresses}", string.Join(", ", addresses));
        });
        return app;
    }
}
