using FedChain.Aggregator.Web;
using FedChain.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace FedChain.Aggregator.Extensions;

/// <summary>Composition of the aggregator's HTTP side: health, Prometheus metrics, the read-only API, the web console, the operator actions.</summary>
public static class WebHostingExtensions
{
    /// <summary>Adds the HTTP endpoint, the readiness checks (broker connected, chain reachable, state directory writable) and the console's validated options.</summary>
    public static WebApplicationBuilder AddAggregatorWeb(this WebApplicationBuilder builder)
    {
        builder.AddFedChainHttp();
        builder.Services.AddHttpClient();
        builder.Services.AddHealthChecks()
            .AddCheck<ChainHealthCheck>("chain", tags: ["ready"])
            .AddCheck<StateDirectoryHealthCheck>("state-directory", tags: ["ready"]);
        builder.Services.AddSingleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();
        builder.Services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OperatorOptions>, OperatorOptionsValidator>();
        builder.Services.AddOptions<OperatorOptions>().BindConfiguration(OperatorOptions.SectionName).ValidateOnStart();
        return builder;
    }

    /// <summary>Maps /health/live, /health/ready, /metrics, the read-only JSON API under /api, the operator actions and the console's pages at /.</summary>
    public static WebApplication MapAggregatorWeb(this WebApplication app)
    {
        // The pages are embedded in this assembly: a deployed aggregator serves exactly the console it was built with.
        var pages = new EmbeddedFileProvider(typeof(WebHostingExtensions).Assembly, "FedChain.Aggregator.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = pages });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = pages,
            OnPrepareResponse = context =>
                context.Context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; connect-src *; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'",
        });
        app.MapFedChainHttp();
        app.MapReadOnlyApi();
        app.MapOperatorApi();
        return app;
    }
}
