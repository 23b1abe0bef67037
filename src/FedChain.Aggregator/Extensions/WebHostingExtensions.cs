using FedChain.Aggregator.Web;
using FedChain.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FedChain.Aggregator.Extensions;

/// <summary>Composition of the aggregator's HTTP side: health, Prometheus metrics, the read-only API.</summary>
public static class WebHostingExtensions
{
    /// <summary>Adds the HTTP endpoint and the readiness checks: broker connected (MassTransit's own check), chain reachable, state directory writable.</summary>
    public static WebApplicationBuilder AddAggregatorWeb(this WebApplicationBuilder builder)
    {
        builder.AddFedChainHttp();
        builder.Services.AddHttpClient();
        builder.Services.AddHealthChecks()
            .AddCheck<ChainHealthCheck>("chain", tags: ["ready"])
            .AddCheck<StateDirectoryHealthCheck>("state-directory", tags: ["ready"]);
        return builder;
    }

    /// <summary>Maps /health/live, /health/ready, /metrics and the read-only JSON API under /api.</summary>
    public static WebApplication MapAggregatorWeb(this WebApplication app)
    {
        app.MapFedChainHttp();
        app.MapReadOnlyApi();
        return app;
    }
}
